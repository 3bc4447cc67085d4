// The refined-petroleum ledger's constants (LedgerConfig and its file), the
// oil terminal table, the vessel particulars file, and the lading arithmetic.
// Every constant's source is in docs/cap-ledger.md.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "alerts/alerts.h"

namespace wk::alerts {
namespace {

Error LineError(std::string_view source, size_t line, const std::string& reason) {
  return ErrorAt(source, line, reason);
}

// Positions and oil terminal depths from the NGA World Port Index (Pub. 150,
// ../shared/data/ports/WPI.csv): "Oil Terminal Depth (m)" above zero, or
// "Facilities - Oil Terminal" Yes.
std::vector<OilTerminal> BuiltInTerminals() {
  return {
      {"RUVYP", "Vostochny", 42.7500, 133.0833, "WPI 60725 Vostochnyy: oil terminal depth 13.0 m"},
      {"RUNJK", "Nakhodka", 42.8000, 132.8833, "WPI 60730 Nakhodka: oil terminal depth 13.0 m"},
      {"RUVVO", "Vladivostok", 43.1089, 131.8883, "WPI 60610 Vladivostok: oil terminal yes, depth 9.4 m"},
      {"RUSKA", "Slavyanka", 42.8667, 131.3833, "WPI 62535 Slavyanka: oil terminal depth 4.9 m"},
      {"CNDAL", "Dalian", 38.9167, 121.6667, "WPI 60250 Dalian: oil terminal depth 23.2 m"},
      {"CNTSN", "Tianjin", 38.9667, 117.8333, "WPI 60190 Tianjin Xin Gang (CNTXG): oil terminal depth 12.5 m"},
      {"CNTAO", "Qingdao", 36.0333, 120.2667, "WPI 60140 Qingdao Gang (CNQIN): oil terminal depth 9.4 m"},
      {"CNDDZ", "Dandong", 39.8167, 124.1500, "WPI 60233 Dandong: oil terminal depth 3.4 m"},
      // The same ports under the codes of detect's built-in table (UN/LOCODE).
      {"CNDLC", "Dalian", 38.9167, 121.6667, "as CNDAL, under its UN/LOCODE"},
      {"CNTXG", "Tianjin Xingang", 38.9667, 117.8333, "as CNTSN, under WPI's code"},
      {"CNDDG", "Dandong", 39.8167, 124.1500, "as CNDDZ, under its UN/LOCODE"},
  };
}

struct RealKey {
  std::string_view name;
  double LedgerConfig::*field;
  std::string_view doc;
};
const RealKey kRealKeys[] = {
    {"ledger.barrels_per_tonne", &LedgerConfig::barrels_per_tonne,
     "barrels per metric tonne of the product (gasoil 7.45, gasoline 8.5; China's notifications imply 8.33)"},
    {"ledger.laden_draught_change_m", &LedgerConfig::laden_draught_change_m,
     "a draught this much deeper arriving than leaving (or after the load than before) is laden evidence"},
};
struct CapacityKey {
  std::string_view name;
  double CapacityEstimate::*field;
  std::string_view doc;
};
const CapacityKey kCapacityKeys[] = {
    {"ledger.capacity.block_coefficient", &CapacityEstimate::block_coefficient,
     "estimate without particulars: block coefficient (tankers 0.75-0.85)"},
    {"ledger.capacity.beam_to_draught", &CapacityEstimate::beam_to_draught,
     "estimate: beam over summer draught (tankers 2.5-3.2)"},
    {"ledger.capacity.seawater_t_per_m3", &CapacityEstimate::seawater_t_per_m3,
     "estimate: density of sea water, tonnes per cubic metre"},
    {"ledger.capacity.deadweight_fraction", &CapacityEstimate::deadweight_fraction,
     "estimate: deadweight over displacement (tankers 0.75-0.85)"},
    {"ledger.capacity.relative_error", &CapacityEstimate::relative_error,
     "estimate: stated relative error (the spread of the coefficients above)"},
};

bool ParseNonNegative(std::string_view text, double& v) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && p == text.data() + text.size() && std::isfinite(v) && v >= 0;
}

// The parts of `text` between commas (empty parts kept, so "33,,50" fails).
std::vector<std::string_view> SplitView(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  if (Trim(text).empty()) return parts;
  for (size_t i = 0;;) {
    const size_t j = text.find(sep, i);
    parts.push_back(text.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return parts;
}

bool ParseInteger(std::string_view text, int64_t& v) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && p == text.data() + text.size();
}

}  // namespace

std::vector<OilTerminal> LedgerConfig::DefaultOilTerminals() { return BuiltInTerminals(); }

Result<LedgerConfig> ParseLedgerConfig(std::string_view text, std::string_view source_name) {
  LedgerConfig c;
  std::string detect_text;  // the other keys, line for line, so detect's errors name the right line
  size_t line_no = 0;
  for (std::string_view rest = text; !rest.empty();) {
    const size_t nl = rest.find('\n');
    const std::string_view raw = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line_no;
    std::string_view line = raw;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    const size_t eq = line.find('=');
    const std::string_view key = eq == std::string_view::npos ? line : Trim(line.substr(0, eq));
    if (!IStartsWith(key, "ledger.")) {
      detect_text.append(raw);
      detect_text += '\n';
      continue;
    }
    detect_text += '\n';
    if (eq == std::string_view::npos) return LineError(source_name, line_no, "expected 'key = value'");
    const std::string_view value = Trim(line.substr(eq + 1));
    const std::string k(key), v(value);
    auto bad = [&](std::string_view expected) {
      return LineError(source_name, line_no, k + ": expected " + std::string(expected) + ", got '" + v + "'");
    };
    bool done = false;
    for (const RealKey& rk : kRealKeys) {
      if (rk.name != key) continue;
      double x = 0;
      if (!ParseNonNegative(value, x) || (rk.field == &LedgerConfig::barrels_per_tonne && x == 0))
        return bad("a positive number");
      c.*(rk.field) = x;
      done = true;
    }
    for (const CapacityKey& ck : kCapacityKeys) {
      if (ck.name != key) continue;
      double x = 0;
      if (!ParseNonNegative(value, x) || (x == 0 && ck.field != &CapacityEstimate::relative_error))
        return bad("a positive number");
      c.capacity.*(ck.field) = x;
      done = true;
    }
    if (done) continue;
    if (key == "ledger.window_s") {
      int64_t x = 0;
      if (!ParseInteger(value, x) || x <= 0) return bad("a positive number of seconds");
      c.window_s = x;
    } else if (key == "ledger.product") {
      if (value.empty()) return bad("a product name");
      c.product = v;
    } else if (key == "ledger.scenarios_pct") {
      c.scenarios_pct.clear();
      for (std::string_view part : SplitView(value, ',')) {
        int64_t x = 0;
        if (!ParseInteger(Trim(part), x) || x < 1 || x > 100) return bad("per cents 1-100, comma-separated");
        if (std::find(c.scenarios_pct.begin(), c.scenarios_pct.end(), x) != c.scenarios_pct.end())
          return bad("each scenario once");
        c.scenarios_pct.push_back(static_cast<int>(x));
      }
      if (c.scenarios_pct.empty()) return bad("at least one scenario");
      std::sort(c.scenarios_pct.begin(), c.scenarios_pct.end());
    } else if (key == "ledger.tanker_types") {
      int64_t lo = 0, hi = 0;
      const size_t dash = value.find('-');
      if (dash == std::string_view::npos || !ParseInteger(Trim(value.substr(0, dash)), lo) ||
          !ParseInteger(Trim(value.substr(dash + 1)), hi) || lo < 0 || hi > 99 || lo > hi)
        return bad("an AIS ship type range like 80-89");
      c.tanker_type_min = static_cast<int>(lo);
      c.tanker_type_max = static_cast<int>(hi);
    } else if (key == "ledger.terminals") {
      // LOCODEs: built-in terminals keep their WPI positions; others need the
      // port table to know them.
      const std::vector<OilTerminal> known = BuiltInTerminals();
      c.terminals.clear();
      for (std::string_view part : SplitView(value, ',')) {
        const std::string code(Trim(part));
        if (code.size() != 5) return bad("UN/LOCODEs like RUVYP, comma-separated");
        OilTerminal t{code, code, NAN, NAN, "config file " + std::string(source_name)};
        for (const OilTerminal& b : known)
          if (b.locode == code) t = b;
        c.terminals.push_back(std::move(t));
      }
    } else {
      return LineError(source_name, line_no, "unknown key '" + k + "'");
    }
  }
  Result<detect::Config> d = detect::ParseConfig(detect_text, source_name);
  if (!d.ok()) return d.error();
  c.detect = *d;
  return c;
}

Result<LedgerConfig> LoadLedgerConfig(const std::string& path) {
  Result<std::string> text = ReadFile(path, size_t{1} << 20);
  if (!text.ok()) return text.error();
  return ParseLedgerConfig(*text, path);
}

std::string FormatLedgerConfig(const LedgerConfig& c) {
  std::string out =
      "# Watchkeeper refined-petroleum ledger (watchkeeper cap ledger --config FILE).\n"
      "# Sources of every constant: docs/cap-ledger.md. Other keys are detect's (watchkeeper detect --print-config).\n";
  out += "\n# load to discharge at most this long (seconds)\nledger.window_s = " + std::to_string(c.window_s) + "\n";
  out += "\n# the product assumed\nledger.product = " + c.product + "\n";
  for (const RealKey& k : kRealKeys) {
    out += "\n# " + std::string(k.doc) + "\n" + std::string(k.name) + " = ";
    AppendDouble(out, c.*(k.field));
    out += "\n";
  }
  out += "\n# lading scenarios, per cent of the deadweight carried\nledger.scenarios_pct = ";
  for (size_t i = 0; i < c.scenarios_pct.size(); ++i) out += (i ? "," : "") + std::to_string(c.scenarios_pct[i]);
  out += "\n\n# AIS ship types of tankers\nledger.tanker_types = " + std::to_string(c.tanker_type_min) + "-" +
         std::to_string(c.tanker_type_max) + "\n";
  out += "\n# oil terminals outside the DPRK (LOCODEs):\n";
  for (const OilTerminal& t : c.terminals) out += "#   " + t.locode + " " + t.name + ": " + t.source + "\n";
  out += "ledger.terminals = ";
  for (size_t i = 0; i < c.terminals.size(); ++i) out += (i ? "," : "") + c.terminals[i].locode;
  out += "\n";
  for (const CapacityKey& k : kCapacityKeys) {
    out += "\n# " + std::string(k.doc) + "\n" + std::string(k.name) + " = ";
    AppendDouble(out, c.capacity.*(k.field));
    out += "\n";
  }
  return out;
}

// ---- Particulars -------------------------------------------------------------------

bool Particulars::tanker() const { return Lower(type).find("tanker") != std::string::npos; }

Result<std::vector<Particulars>> ParseParticulars(std::string_view text, std::string_view source_name) {
  CsvReader reader(text, ',', source_name);
  std::vector<std::string> row;
  Result<bool> more = reader.Next(row);
  if (!more.ok()) return more.error();
  if (!*more) return ErrorAt(source_name, 0, "empty: expected a header imo,deadweight_t,type,built");
  const CsvHeader header(row);
  for (std::string_view column : {"imo", "deadweight_t", "type", "built"})
    if (header.Find(column) < 0)
      return ErrorAt(source_name, reader.line(), "the header has no column '" + std::string(column) +
                                                     "' (expected imo,deadweight_t,type,built[,name])");
  std::vector<Particulars> out;
  std::unordered_set<uint32_t> seen;
  while (true) {
    more = reader.Next(row);
    if (!more.ok()) return more.error();
    if (!*more) break;
    const size_t line = reader.line();
    if (row.size() != header.size())
      return ErrorAt(source_name, line, std::to_string(row.size()) + " fields where the header has " +
                                            std::to_string(header.size()));
    Particulars p;
    const std::string_view imo = header.Get(row, "imo");
    std::string_view digits = imo;
    if (IStartsWith(digits, "IMO")) digits = Trim(digits.substr(3));
    int64_t n = 0;
    if (digits.size() != 7 || !ParseInteger(digits, n) || !IsValidImo(static_cast<uint32_t>(n)))
      return ErrorAt(source_name, line, "imo '" + std::string(imo) + "' is not a seven-digit IMO number with a valid check digit");
    p.imo = static_cast<uint32_t>(n);
    double dwt = 0;
    const std::string_view dwt_text = header.Get(row, "deadweight_t");
    if (!ParseNonNegative(dwt_text, dwt) || dwt <= 0 || dwt > 1e6)
      return ErrorAt(source_name, line, "deadweight_t '" + std::string(dwt_text) + "' is not a positive number of tonnes");
    p.deadweight_t = dwt;
    p.type = std::string(header.Get(row, "type"));
    if (p.type.empty()) return ErrorAt(source_name, line, "type is empty");
    const std::string_view built = header.Get(row, "built");
    int64_t year = 0;
    if (!built.empty() && (!ParseInteger(built, year) || year < 1900 || year > 2100))
      return ErrorAt(source_name, line, "built '" + std::string(built) + "' is not a year 1900-2100");
    p.built = static_cast<int>(year);
    p.name = std::string(header.Get(row, "name"));
    if (!seen.insert(p.imo).second)
      return ErrorAt(source_name, line, "imo " + std::to_string(p.imo) + " is given twice");
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<Particulars>> LoadParticulars(const std::string& path) {
  Result<std::string> text = ReadFile(path, kMaxParticularsBytes);
  if (!text.ok()) return text.error();
  return ParseParticulars(*text, path);
}

// ---- Lading arithmetic -------------------------------------------------------------

int64_t ScenarioBarrels(double capacity_bbl, int pct) {
  return static_cast<int64_t>(std::llround(capacity_bbl * pct / 100.0));
}

int64_t RescaleBarrels(double barrels, int from_pct, int to_pct) {
  return static_cast<int64_t>(std::llround(barrels * to_pct / from_pct));
}

}  // namespace wk::alerts
