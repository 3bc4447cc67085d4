// A fictional sanctions list for the simulated world: some of its ships
// designated, in the UN Consolidated List XML layout that `lists import`
// reads, and the truth of who is designated by what (designations.jsonl).
#include <algorithm>
#include <set>

#include "core/core.h"
#include "sim/planters.h"

namespace wk::sim {
namespace {

// The MMSI a truth line is about ("mmsi":N), 0 when none.
uint32_t MmsiOf(std::string_view json, std::string_view key = "\"mmsi\":") {
  const size_t at = json.find(key);
  if (at == std::string_view::npos) return 0;
  uint32_t v = 0;
  for (size_t i = at + key.size(); i < json.size() && json[i] >= '0' && json[i] <= '9'; ++i)
    v = v * 10 + static_cast<uint32_t>(json[i] - '0');
  return v;
}

bool Has(std::string_view json, std::string_view text) { return json.find(text) != std::string_view::npos; }

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

struct Designated {
  const Plan* plan;
  uint32_t imo = 0;      // the IMO the list gives (0: none)
  bool by_mmsi = false;  // the list gives the MMSI
  std::string why;
};

}  // namespace

void WriteDesignations(const World& world, const std::vector<TruthEvent>& truth, std::string& xml,
                       std::string& jsonl) {
  std::set<uint32_t> planted;  // vessels in a planted event (not port calls, which all voyages make)
  uint32_t kp_encounter = 0, renamed = 0;
  for (const TruthEvent& t : truth) {
    if (Has(t.json, "\"type\":\"port_call\"")) continue;
    planted.insert(MmsiOf(t.json));
    if (const uint32_t other = MmsiOf(t.json, "\"other_mmsi\":")) planted.insert(other);
    if (!kp_encounter && Has(t.json, "\"type\":\"encounter\"")) kp_encounter = MmsiOf(t.json);
    if (!renamed && Has(t.json, "\"kind\":\"identity_change\"")) renamed = MmsiOf(t.json);
  }
  std::vector<Designated> chosen;
  int background_by_imo = 0, background_by_mmsi = 0;
  for (const Plan& p : world.plans) {
    const Identity& id = p.vessel.identities.front();
    if (id.mmsi.value == kp_encounter && id.imo) {
      chosen.push_back({&p, id.imo, false, "a DPRK tanker in a planted encounter, listed by IMO"});
    } else if (id.mmsi.value == renamed && id.imo) {
      chosen.push_back({&p, id.imo, false, "the renamed vessel, listed by its IMO before the change"});
    } else if (!planted.count(id.mmsi.value) && p.vessel.flag != "KP" && id.imo && p.vessel.identities.size() == 1) {
      if (background_by_imo < 1 && p.vessel.kind == VesselKind::kTanker) {
        ++background_by_imo;
        chosen.push_back({&p, id.imo, false, "a foreign tanker, listed by IMO"});
      } else if (background_by_mmsi < 1 && p.vessel.kind == VesselKind::kBulk) {
        ++background_by_mmsi;
        chosen.push_back({&p, 0, true, "a foreign bulk carrier, listed by MMSI"});
      }
    }
  }
  const std::string generated = FormatTime(world.options.start_s);
  const std::string listed_on = FormatTime(world.options.start_s - 30 * 86400).substr(0, 10);
  xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST dateGenerated=\"" + generated +
        "\">\n  <INDIVIDUALS>\n  </INDIVIDUALS>\n  <ENTITIES>\n";
  jsonl.clear();
  int n = 0;
  auto entry = [&](const std::string& name, uint32_t imo, uint32_t mmsi, const std::string& why) {
    ++n;
    const std::string ref = "KPv." + std::to_string(900 + n);
    std::string comments = "Vessel. Simulated designation for the Watchkeeper test world; not a real listing.";
    if (imo) comments += " IMO number: " + std::to_string(imo) + ".";
    if (mmsi) comments += " MMSI: " + std::to_string(mmsi) + ".";
    xml += "    <ENTITY>\n      <DATAID>" + std::to_string(n) + "</DATAID>\n      <VERSIONNUM>1</VERSIONNUM>\n" +
           "      <FIRST_NAME>" + XmlEscape(name) + "</FIRST_NAME>\n      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>\n" +
           "      <REFERENCE_NUMBER>" + ref + "</REFERENCE_NUMBER>\n      <LISTED_ON>" + listed_on +
           "</LISTED_ON>\n      <COMMENTS1>" + XmlEscape(comments) +
           "</COMMENTS1>\n      <LIST_TYPE>\n        <VALUE>UN List</VALUE>\n      </LIST_TYPE>\n    </ENTITY>\n";
    std::string line;
    JsonWriter w(line);
    w.BeginObject().Field("entry", "un:" + ref).Field("name", name);
    if (imo) w.Field("imo", imo);
    else w.Key("imo").Null();
    if (mmsi) w.Field("mmsi", mmsi);
    else w.Key("mmsi").Null();
    w.Field("why", why).EndObject();
    jsonl += line + "\n";
  };
  for (const Designated& d : chosen) {
    const Identity& id = d.plan->vessel.identities.front();
    entry(id.name, d.imo, d.by_mmsi ? id.mmsi.value : 0, d.why);
  }
  // Listed but never heard: must raise nothing.
  entry("SIM GHOST 99", 9999995, 0, "a listed vessel that is not in the world");
  xml += "  </ENTITIES>\n</CONSOLIDATED_LIST>\n";
}

}  // namespace wk::sim
