#include "ais/input.h"

#include "ais/decode.h"

namespace wk::ais {
namespace {

void AppendCsvText(std::string& out, std::string_view s) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// One CSV row: a comma before each field but the first; "not available"
// (NaN, a negative number, an unknown time) is an empty field.
class CsvRow {
 public:
  explicit CsvRow(std::string& out) : out_(out) {}
  CsvRow& Time(int64_t time_ms) {
    Next();
    if (time_ms != kUnknownTime) AppendTimeMs(out_, time_ms);
    return *this;
  }
  CsvRow& Int(int64_t v) {
    Next();
    if (v >= 0) AppendSigned(out_, v);
    return *this;
  }
  CsvRow& Fixed(double v, int decimals) {
    Next();
    if (std::isfinite(v)) AppendFixed(out_, v, decimals);
    return *this;
  }
  CsvRow& Char(char c) {
    Next();
    if (c) out_.push_back(c);
    return *this;
  }
  CsvRow& Text(std::string_view s) {
    Next();
    AppendCsvText(out_, s);
    return *this;
  }
  void End() { out_.push_back('\n'); }

 private:
  void Next() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace

void AppendPositionCsvHeader(std::string& out) {
  Lit(out, "time,mmsi,type,lat,lon,speed_knots,course_deg,heading_deg,nav_status\n");
}

void AppendStaticCsvHeader(std::string& out) {
  Lit(out,
      "time,mmsi,type,part,imo,name,callsign,ship_type,to_bow,to_stern,to_port,to_starboard,"
      "draught_m,destination\n");
}

void AppendPositionCsv(const PositionReport& p, std::string& out) {
  CsvRow(out).Time(p.time_ms).Int(p.mmsi.value).Int(p.type)
      .Fixed(p.lat_deg, 6).Fixed(p.lon_deg, 6)
      .Fixed(p.speed_knots, 1).Fixed(p.course_deg, 1).Fixed(p.heading_deg, 0)
      .Int(p.nav_status).End();
}

void AppendStaticCsv(const StaticReport& s, std::string& out) {
  CsvRow(out).Time(s.time_ms).Int(s.mmsi.value).Int(s.type).Char(s.part)
      .Int(s.imo ? int64_t{s.imo} : -1).Text(s.name).Text(s.callsign).Int(s.ship_type)
      .Int(s.to_bow).Int(s.to_stern).Int(s.to_port).Int(s.to_starboard)
      .Fixed(s.draught_m, 1).Text(s.destination).End();
}

InputDecoder::InputDecoder(const DecodeOptions& options, std::string_view name, OutBuffer* out,
                           OutBuffer* static_out, const ReportSink* sink, DecodeStats* stats)
    : options_(options),
      name_(name),
      out_(out),
      static_out_(static_out),
      sink_(sink),
      stats_(stats ? stats : &local_stats_) {
  stat_.name.reserve(64);
  stat_.callsign.reserve(16);
  stat_.destination.reserve(64);
  scratch_.reserve(4096);
}

bool InputDecoder::Fail(const char* reason) {
  if (!options_.strict) return true;
  error_.assign(name_);
  error_ += ':';
  error_ += std::to_string(line_no_);
  error_ += ": ";
  error_ += reason;
  return false;
}

bool InputDecoder::LongLine() {
  ++line_no_;
  ++stats_->lines;
  ++stats_->malformed;
  return Fail("line too long");
}

bool InputDecoder::Line(std::string_view line) {
  ++line_no_;
  ++stats_->lines;
  if (layout_ == Layout::kUnknown) {
    std::string_view t = line;
    while (!t.empty() && (t.back() == '\r' || t.back() == ' ')) t.remove_suffix(1);
    if (t.empty()) return true;
    if (t.find("MMSI") != std::string_view::npos && csv_.ReadHeader(t) != CsvReader::Layout::kNone) {
      layout_ = Layout::kCsv;
      return true;
    }
    layout_ = Layout::kNmea;
  }
  if (layout_ == Layout::kCsv) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) return true;
    if (!csv_.ParseRow(line, &pos_, &stat_)) {
      ++stats_->malformed;
      return Fail(csv_.reason());
    }
    ++stats_->messages;
    ++stats_->by_type[0];
    if (options_.format == OutputFormat::kJsonl && out_) {
      scratch_.clear();
      csv_.AppendJson(pos_, stat_, scratch_);
      scratch_.push_back('\n');
      out_->Append(scratch_);
    } else if (options_.format == OutputFormat::kCsv && out_) {
      if (csv_.has_position()) {
        scratch_.clear();
        AppendPositionCsv(pos_, scratch_);
        out_->Append(scratch_);
      }
      if (csv_.has_static() && static_out_) {
        scratch_.clear();
        AppendStaticCsv(stat_, scratch_);
        static_out_->Append(scratch_);
      }
    }
    if (sink_) {
      if (csv_.has_position() && sink_->position) sink_->position(pos_);
      if (csv_.has_static() && sink_->static_report) sink_->static_report(stat_);
    }
    return true;
  }

  switch (nmea_.Feed(line, line_no_)) {
    case LineKind::kSkipped:
      return true;
    case LineKind::kFragment:
      ++stats_->sentences;
      return true;
    case LineKind::kMessage:
      ++stats_->sentences;
      break;
    case LineKind::kBadChecksum:
      ++stats_->bad_checksums;
      return Fail("bad checksum");
    case LineKind::kMalformed:
      ++stats_->malformed;
      return Fail(nmea_.reason());
    case LineKind::kOrphan:
      ++stats_->sentences;
      orphans_.push_back(Orphan{line, out_ ? out_->size() : 0, line_no_});
      return true;
  }
  if (const char* defect = Message(nmea_.message())) {
    ++stats_->malformed;
    return Fail(defect);
  }
  return true;
}

const char* InputDecoder::Message(const RawMessage& m) {
  if (!bits_.Load(m.payload, m.fill_bits)) return "bad payload character";
  if (const char* defect = MessageDefect(bits_)) return defect;
  const int type = static_cast<int>(bits_.U(0, 6));
  ++stats_->messages;
  ++stats_->by_type[type];
  if (options_.format == OutputFormat::kJsonl && out_) {
    Writer w = out_->Begin();
    AppendMessageJson(bits_, m.time_ms, w);
    w.push_back('\n');
    out_->End(w);
  }
  const bool want_csv = options_.format == OutputFormat::kCsv && out_;
  if (!want_csv && !sink_) return nullptr;
  const int kinds = ExtractReports(bits_, m.time_ms, &pos_, &stat_);
  if (kinds & kPositionReport) {
    if (want_csv) {
      scratch_.clear();
      AppendPositionCsv(pos_, scratch_);
      out_->Append(scratch_);
    }
    if (sink_ && sink_->position) sink_->position(pos_);
  }
  if (kinds & kStaticReport) {
    if (want_csv && static_out_) {
      scratch_.clear();
      AppendStaticCsv(stat_, scratch_);
      static_out_->Append(scratch_);
    }
    if (sink_ && sink_->static_report) sink_->static_report(stat_);
  }
  return nullptr;
}

void InputDecoder::StartRegion() {
  nmea_.StartRegion(true);
  orphans_.clear();
  region_start_line_ = line_no_;
  region_start_stats_ = *stats_;
  region_start_incomplete_ = nmea_.incomplete();
}

void InputDecoder::DiscardRegion() {
  *stats_ = region_start_stats_;
  line_no_ = region_start_line_;
  nmea_.StartRegion(true);
  nmea_.set_incomplete(region_start_incomplete_);
  orphans_.clear();
}

void InputDecoder::AdoptOrphans(InputDecoder& next, OutBuffer& splice,
                                std::vector<std::pair<size_t, size_t>>& splices) {
  OutBuffer* saved = out_;
  if (out_) out_ = &splice;
  for (const Orphan& o : next.orphans_) {
    // The line number this fragment would have had in one sequential pass.
    const uint64_t line_no = line_no_ + (o.line_no - next.region_start_line_);
    if (nmea_.Feed(o.line, line_no) != LineKind::kMessage) continue;
    if (Message(nmea_.message())) {
      ++stats_->malformed;
      continue;
    }
    if (out_) splices.emplace_back(o.out_offset, out_->size());
  }
  out_ = saved;
  next.orphans_.clear();
  nmea_.Finish();  // what is still unfinished can no longer complete
}

void InputDecoder::Finish() {
  nmea_.Finish();
  stats_->incomplete += nmea_.incomplete();
}

}  // namespace wk::ais
