// Samples a world's plans into AIS messages, passes them through a noisy
// receiver, and writes one NMEA file per day plus the fleet and port tables.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "ais/ais.h"
#include "sim/planters.h"
#include "sim/world.h"

namespace wk::sim {
namespace {

struct Line {
  int64_t time_s;
  uint32_t mmsi;
  uint32_t seq;
  std::string text;
  std::string csv;  // the same message as a DMA CSV row, when asked for
};

const Identity& IdentityAt(const Vessel& v, int64_t t) {
  const Identity* id = &v.identities.front();
  for (const Identity& candidate : v.identities)
    if (candidate.from_s <= t) id = &candidate;
  return *id;
}

bool Silent(const Plan& plan, int64_t t) {
  for (const Silence& s : plan.silences)
    if (t >= s.start_s && t < s.end_s) return true;
  return false;
}

// One vessel's transmitter and the receiver's view of it, advanced day by
// day so memory stays bounded by one day of messages.
class Emitter {
 public:
  Emitter(const Plan& plan, const Options& options, int64_t start_s)
      : plan_(plan), options_(options),
        rng_(MixSeed(options.seed ^ 0xA15A15A15ull, static_cast<uint64_t>(plan.vessel.index))),
        next_position_s_(start_s + rng_.Int(0, 29)), next_static_s_(start_s + rng_.Int(0, 359)) {}

  void EmitUntil(int64_t end_s, std::vector<Line>& lines, Summary& summary) {
    while (next_position_s_ < end_s) EmitPosition(lines, summary);
    while (next_static_s_ < end_s) EmitStatic(lines, summary);
  }

 private:
  void EmitPosition(std::vector<Line>& lines, Summary& summary) {
    int64_t t = next_position_s_;
    State state;
    bool active = StateAt(plan_, t, &state);
    bool slow = !active || state.speed_knots < 2 || state.segment->kind == SegmentKind::kStationary;
    // ITU-R M.1371-5 Table 1: class A at anchor or moored every 3 min; class
    // B (CS) every 3 min under 2 kn, else every 30 s.
    int64_t interval = slow ? 180 : (plan_.vessel.ais_class == 'A' ? options_.underway_interval_s : 30);
    if (options_.irregular) interval = static_cast<int64_t>(interval * rng_.Uniform(0.5, 3.0));
    next_position_s_ = t + std::max<int64_t>(1, interval + rng_.Int(-2, 2));
    if (!active || Silent(plan_, t)) return;
    const Identity& id = IdentityAt(plan_.vessel, t);
    ais::PositionReport r;
    r.mmsi = id.mmsi;
    r.type = plan_.vessel.ais_class == 'A' ? 1 : 18;
    r.lat_deg = state.position.lat_deg;
    r.lon_deg = state.position.lon_deg;
    if (state.segment->kind == SegmentKind::kStationary) {
      // GPS wander of a ship at her berth, a few metres.
      r.lat_deg += rng_.Uniform(-4, 4) / 111320.0;
      r.lon_deg += rng_.Uniform(-4, 4) / 88000.0;
      r.speed_knots = static_cast<float>(std::round(
          std::max(0.0, state.speed_knots + rng_.Uniform(-0.1, 0.1)) * 10) / 10);
      r.course_deg = static_cast<float>(std::round(rng_.Uniform(0, 359.9) * 10) / 10);
      r.heading_deg = static_cast<float>(static_cast<int>(rng_.Uniform(0, 359)));
    } else {
      r.speed_knots = static_cast<float>(std::round(
          std::max(0.0, state.speed_knots + rng_.Uniform(-0.3, 0.3)) * 10) / 10);
      double course = state.course_deg + rng_.Uniform(-2, 2);
      if (course < 0) course += 360;
      if (course >= 360) course -= 360;
      r.course_deg = static_cast<float>(std::round(course * 10) / 10);
      r.heading_deg = static_cast<float>(static_cast<int>(course + rng_.Uniform(-3, 3) + 360) % 360);
    }
    if (options_.position_jitter_m > 0) {
      r.lat_deg += rng_.Uniform(-1, 1) * options_.position_jitter_m / 111320.0;
      r.lon_deg += rng_.Uniform(-1, 1) * options_.position_jitter_m /
                   (111320.0 * std::cos(r.lat_deg * kDegToRad));
    }
    r.nav_status = r.type == 1 ? state.nav_status : -1;
    int64_t received = t + (options_.time_jitter_s > 0
                                ? rng_.Int(0, options_.time_jitter_s)
                                : 0);
    // The tag block carries the receiver's clock, a little after the
    // transmission.
    r.time_ms = received * 1000;
    if (rng_.Chance(options_.drop)) {
      ++summary.dropped;
      return;
    }
    Line line{received, id.mmsi.value, seq_++, {}, {}};
    ais::EncodePosition(r, options_.station, line.text);
    // A line the receiver garbled is lost to the CSV export as well.
    if (!Corrupt(line.text, summary) && options_.format != Format::kNmea)
      DmaRow(r, id, state, received, line.csv);
    lines.push_back(std::move(line));
    ++summary.positions;
  }

  void EmitStatic(std::vector<Line>& lines, Summary& summary) {
    int64_t t = next_static_s_;
    next_static_s_ = t + 360 + rng_.Int(-5, 5);
    State state;
    if (!StateAt(plan_, t, &state) || Silent(plan_, t)) return;
    const Vessel& v = plan_.vessel;
    const Identity& id = IdentityAt(v, t);
    ais::StaticReport r;
    r.mmsi = id.mmsi;
    r.time_ms = t * 1000;
    r.imo = id.imo;
    r.name = id.name;
    r.callsign = id.callsign;
    r.ship_type = id.ship_type;
    r.to_bow = v.to_bow;
    r.to_stern = v.to_stern;
    r.to_port = v.to_port;
    r.to_starboard = v.to_starboard;
    r.draught_m = DraughtAt(v, t);
    r.destination = state.segment->destination;
    if (rng_.Chance(options_.drop)) {
      ++summary.dropped;
      return;
    }
    Line line{t, id.mmsi.value, seq_++, {}, {}};
    if (v.ais_class == 'A') {
      r.type = 5;
      ais::EncodeStatic(r, options_.station, static_cast<int>(seq_ % 10), line.text);
    } else {
      r.type = 24;
      r.part = 0;  // both parts, A then B
      ais::EncodeStatic(r, options_.station, line.text);
    }
    Corrupt(line.text, summary);
    lines.push_back(std::move(line));
    ++summary.static_reports;
  }

  // One row of the Danish Maritime Authority layout (see kDmaHeader), with
  // the values quantised as the NMEA message carries them.
  void DmaRow(const ais::PositionReport& r, const Identity& id, const State& state,
              int64_t t, std::string& out) {
    CivilTime c = ToCivil(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d:%02d,", c.day, c.month, c.year,
                  c.hour, c.minute, c.second);
    out += buf;
    out += plan_.vessel.ais_class == 'A' ? "Class A," : "Class B,";
    AppendInt(out, id.mmsi.value);
    out += ',';
    AppendDecimal(out, std::round(r.lat_deg * 600000) / 600000, 6);
    out += ',';
    AppendDecimal(out, std::round(r.lon_deg * 600000) / 600000, 6);
    out += ',';
    static constexpr const char* kStatus[] = {"Under way using engine", "At anchor", "", "", "",
                                              "Moored", "", "Engaged in fishing"};
    if (r.nav_status >= 0 && r.nav_status <= 7 && kStatus[r.nav_status][0] != 0) {
      out += kStatus[r.nav_status];
    } else {
      out += "Unknown value";
    }
    out += ",,";  // ROT not available
    AppendDecimal(out, r.speed_knots, 1);
    out += ',';
    if (std::isfinite(r.course_deg)) AppendDecimal(out, r.course_deg, 1);
    out += ',';
    if (std::isfinite(r.heading_deg)) AppendInt(out, static_cast<int64_t>(r.heading_deg));
    out += ',';
    if (id.imo != 0) AppendInt(out, id.imo);
    out += ',';
    out += id.callsign;
    out += ',';
    out += id.name;
    out += ',';
    out += id.ship_type >= 80 && id.ship_type <= 89   ? "Tanker"
           : id.ship_type >= 70 && id.ship_type <= 79 ? "Cargo"
           : id.ship_type == 30                       ? "Fishing"
                                                      : "Undefined";
    out += ",,";  // cargo type
    const Vessel& v = plan_.vessel;
    AppendInt(out, v.to_port + v.to_starboard);
    out += ',';
    AppendInt(out, v.to_bow + v.to_stern);
    out += ",GPS,";
    AppendDecimal(out, DraughtAt(v, t), 1);
    out += ',';
    out += state.segment->destination;
    out += ",,AIS,";
    AppendInt(out, v.to_bow);
    out += ',';
    AppendInt(out, v.to_stern);
    out += ',';
    AppendInt(out, v.to_port);
    out += ',';
    AppendInt(out, v.to_starboard);
    out += '\n';
  }

  // Changes one payload character of a line, as a bit error on the air
  // does; its checksum then fails.
  bool Corrupt(std::string& text, Summary& summary) {
    if (options_.corrupt <= 0 || !rng_.Chance(options_.corrupt)) return false;
    size_t pos = text.find('!');
    for (int commas = 0; pos != std::string::npos && commas < 5; ++commas)
      pos = text.find(',', pos + 1);
    if (pos == std::string::npos || pos + 5 >= text.size()) return false;
    pos += 1 + static_cast<size_t>(rng_.Int(0, 3));
    text[pos] = text[pos] == '0' ? '1' : '0';
    ++summary.corrupted;
    return true;
  }

  const Plan& plan_;
  const Options& options_;
  Rng rng_;
  int64_t next_position_s_, next_static_s_;
  uint32_t seq_ = 0;
};

constexpr std::string_view kDmaHeader =
    "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
    "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing "
    "device,Draught,Destination,ETA,Data source type,A,B,C,D\n";

std::string DayName(int64_t day_start_s, const char* extension) {
  CivilTime c = ToCivil(day_start_s);
  char buf[40];
  std::snprintf(buf, sizeof buf, "ais-%04d-%02d-%02d.%s", c.year, c.month, c.day, extension);
  return buf;
}

Status WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, path.string() + ": cannot write");
  return Ok{};
}

std::string VesselsJsonl(const World& world) {
  std::string out;
  for (const Plan& plan : world.plans) {
    const Vessel& v = plan.vessel;
    const Identity& id = v.identities.front();
    JsonWriter w(out);
    w.BeginObject()
        .Field("mmsi", id.mmsi.value)
        .Field("imo", id.imo)
        .Field("name", id.name)
        .Field("callsign", id.callsign)
        .Field("ship_type", id.ship_type)
        .Field("class", std::string_view(&v.ais_class, 1))
        .Field("kind", KindName(v.kind))
        .Field("flag", v.flag)
        .Key("cruise_knots").Decimal(v.cruise_knots, 1)
        .Field("home_port", v.home_port)
        .Field("length_m", v.to_bow + v.to_stern)
        .EndObject();
    out += '\n';
  }
  return out;
}

std::string PortsCsv() {
  std::string out = "locode,name,lat,lon,radius_km,risk\n";
  for (const Port& p : Ports()) {
    out += p.locode;
    out += ",";
    out += p.name;
    out += ",";
    AppendDecimal(out, p.lat_deg, 4);
    out += ",";
    AppendDecimal(out, p.lon_deg, 4);
    out += ",";
    AppendDecimal(out, p.radius_km, 1);
    out += p.high_risk ? ",high\n" : ",normal\n";
  }
  return out;
}

}  // namespace

Result<Summary> Simulate(const Options& options) {
  if (options.vessels < 0 || options.days < 0)
    return MakeError(ErrorCode::kInvalidInput, "vessels and days must not be negative");
  if (options.drop < 0 || options.drop >= 1)
    return MakeError(ErrorCode::kInvalidInput, "--drop must be in [0, 1)");
  if (options.underway_interval_s < 1)
    return MakeError(ErrorCode::kInvalidInput, "the reporting interval must be at least 1 s");
  std::error_code ec;
  std::filesystem::path dir(options.out_dir);
  std::filesystem::create_directories(dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, options.out_dir + ": " + ec.message());

  World world = BuildWorld(options);
  std::vector<TruthEvent> truth, near_misses;
  std::vector<TruthEvent> deliveries;
  if (options.plant_events) {
    PlantScenarios(world, truth, near_misses);
    PlantDeliveries(world, truth, deliveries);
  }
  DerivePortCalls(world, truth);
  DeriveDeliveries(world, deliveries);
  Summary summary;
  summary.vessels = static_cast<int>(world.plans.size());
  std::vector<Emitter> emitters;
  emitters.reserve(world.plans.size());
  for (const Plan& plan : world.plans) emitters.emplace_back(plan, options, options.start_s);

  std::vector<Line> lines, carry;
  for (int day = 0; day < options.days; ++day) {
    int64_t day_start = options.start_s + int64_t{day} * 86400;
    int64_t day_end = day_start + 86400;
    lines.clear();
    // Lines received after midnight (reception jitter) belong to the next file.
    for (Line& l : carry) lines.push_back(std::move(l));
    carry.clear();
    for (Emitter& e : emitters) e.EmitUntil(day_end, lines, summary);
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
      return std::tie(a.time_s, a.mmsi, a.seq) < std::tie(b.time_s, b.mmsi, b.seq);
    });
    std::string text, csv(kDmaHeader);
    for (Line& l : lines) {
      if (l.time_s >= day_end && day + 1 < options.days) {
        carry.push_back(std::move(l));
        continue;
      }
      text += l.text;
      csv += l.csv;
      summary.lines += static_cast<uint64_t>(std::count(l.text.begin(), l.text.end(), '\n'));
    }
    if (options.format != Format::kDmaCsv) {
      std::string name = DayName(day_start, "nmea");
      if (Status s = WriteText(dir / name, text); !s.ok()) return s.error();
      summary.files.push_back((dir / name).string());
    }
    if (options.format != Format::kNmea) {
      std::string name = DayName(day_start, "csv");
      if (Status s = WriteText(dir / name, csv); !s.ok()) return s.error();
      summary.files.push_back((dir / name).string());
    }
  }
  if (Status s = WriteText(dir / "vessels.jsonl", VesselsJsonl(world)); !s.ok()) return s.error();
  if (Status s = WriteText(dir / "ports.csv", PortsCsv()); !s.ok()) return s.error();
  for (auto* events : {&truth, &near_misses, &deliveries}) {
    std::stable_sort(events->begin(), events->end(), [](const TruthEvent& a, const TruthEvent& b) {
      return std::tie(a.start_s, a.json) < std::tie(b.start_s, b.json);
    });
  }
  std::string text;
  for (const TruthEvent& e : truth) text += e.json + "\n";
  if (Status s = WriteText(dir / "truth.jsonl", text); !s.ok()) return s.error();
  text.clear();
  for (const TruthEvent& e : near_misses) text += e.json + "\n";
  if (Status s = WriteText(dir / "near_misses.jsonl", text); !s.ok()) return s.error();
  text.clear();
  for (const TruthEvent& e : deliveries) text += e.json + "\n";
  if (Status s = WriteText(dir / "deliveries.jsonl", text); !s.ok()) return s.error();
  if (Status s = WriteText(dir / "particulars.csv", ParticularsCsv(world)); !s.ok()) return s.error();
  std::string designations_xml, designations_jsonl;
  WriteDesignations(world, truth, designations_xml, designations_jsonl);
  if (Status s = WriteText(dir / "designations.xml", designations_xml); !s.ok()) return s.error();
  if (Status s = WriteText(dir / "designations.jsonl", designations_jsonl); !s.ok()) return s.error();
  summary.events = truth.size();
  summary.near_misses = near_misses.size();
  return summary;
}

std::string SummaryJson(const Summary& s) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject()
      .Field("vessels", s.vessels)
      .Field("positions", s.positions)
      .Field("static_reports", s.static_reports)
      .Field("dropped", s.dropped)
      .Field("corrupted", s.corrupted)
      .Field("events", s.events)
      .Field("near_misses", s.near_misses)
      .Field("lines", s.lines)
      .Key("files").BeginArray();
  for (const std::string& file : s.files) w.String(file);
  w.EndArray().EndObject();
  return out;
}

}  // namespace wk::sim
