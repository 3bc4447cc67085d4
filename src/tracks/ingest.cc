// `watchkeeper ingest`: decoded AIS into the store's per-vessel tracks and
// identities, in one transaction, deduplicated on content.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ais/ais.h"
#include "store/store.h"
#include "tracks/tracks.h"
#include "tracks/tracks_sql.h"

namespace wk::tracks {
namespace {

// Rows buffered before a sorted batch insert: sorting by (mmsi, time) makes
// the clustered primary key's inserts append-like.
constexpr size_t kBatchRows = size_t{1} << 18;

struct IdentityKey {
  uint32_t mmsi;
  uint8_t kind;
  std::string value;
  bool operator==(const IdentityKey&) const = default;
};

struct IdentityKeyHash {
  size_t operator()(const IdentityKey& k) const {
    return std::hash<std::string>()(k.value) ^ (size_t{k.mmsi} * 0x9E3779B97F4A7C15ull) ^ k.kind;
  }
};

struct TimeRange {
  int64_t first = std::numeric_limits<int64_t>::max();
  int64_t last = std::numeric_limits<int64_t>::min();
};

constexpr const char* kKinds[] = {"name", "imo", "callsign", "ship_type", "destination",
                                  "dimensions"};

// Content hash (64-bit, not cryptographic: it tells files apart, it does
// not authenticate them) and line count of a file, in one pass.
struct FileFacts {
  std::string hash;
  uint64_t size = 0;
  uint64_t lines = 0;
};

Result<FileFacts> ReadFacts(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return MakeError(ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  }
  // Only a file has an end to hash: a device (/dev/zero) never ends.
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    std::fclose(f);
    return MakeError(ErrorCode::kInvalidInput,
                     path + ": not a regular file (ingest reads files; use '-' for a pipe)");
  }
  std::vector<char> buf(size_t{1} << 20);
  uint64_t h = 0xCBF29CE484222325ull;
  FileFacts facts;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    facts.size += n;
    facts.lines += static_cast<uint64_t>(std::count(buf.data(), buf.data() + n, '\n'));
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, buf.data() + i, 8);
      h = (h ^ w) * 0x100000001B3ull;
      h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(buf[i])) * 0x100000001B3ull;
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return MakeError(ErrorCode::kIo, path + ": read error");
  char text[40];
  std::snprintf(text, sizeof text, "%016llx-%llu", static_cast<unsigned long long>(h),
                static_cast<unsigned long long>(facts.size));
  facts.hash = text;
  return facts;
}

class Progress {
 public:
  Progress(std::FILE* out, uint64_t total_bytes, uint64_t total_lines)
      : out_(out), total_bytes_(total_bytes), total_lines_(total_lines),
        start_(std::chrono::steady_clock::now()), last_(start_) {}

  void Update(uint64_t lines, uint64_t messages) {
    if (out_ == nullptr) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double fraction = total_lines_ ? static_cast<double>(lines) / total_lines_ : 0;
    fraction = std::min(fraction, 1.0);
    double bytes = fraction * static_cast<double>(total_bytes_);
    double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    std::fprintf(out_, "\ringest: %5.1f%%  %7.1f MB/s  %9.0f msg/s  ETA %4.0f s ",
                 fraction * 100, bytes / 1e6 / std::max(elapsed, 1e-9),
                 messages / std::max(elapsed, 1e-9), eta);
    std::fflush(out_);
    drawn_ = true;
  }
  ~Progress() { Finish(); }
  void Finish() {
    if (out_ != nullptr && drawn_) {
      drawn_ = false;
      std::fprintf(out_, "\r%70s\r", "");
      std::fflush(out_);
    }
  }

 private:
  std::FILE* out_;
  uint64_t total_bytes_, total_lines_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

class Ingester {
 public:
  // `tick` is called every few thousand rows inserted, for progress.
  Ingester(store::Store& db, std::function<void()> tick)
      : db_(db), tick_(std::move(tick)), positions_(db) {}

  Status Prepare() {
    if (Status s = positions_.Prepare(); !s.ok()) return s;
    rows_.reserve(kBatchRows);
    return Ok{};
  }

  void AddPosition(const ais::PositionReport& r, IngestSummary& summary) {
    if (!IsVesselPositionType(r.type)) return;
    ++summary.positions;
    if (r.time_ms == ais::kUnknownTime || !IsValidPosition(r.lat_deg, r.lon_deg)) {
      ++summary.invalid_positions;
      return;
    }
    rows_.push_back(Row{r.mmsi.value,
                        static_cast<int8_t>(r.nav_status),
                        static_cast<uint8_t>(r.type),
                        FloorSeconds(r.time_ms),
                        r.lat_deg,
                        r.lon_deg,
                        r.speed_knots,
                        r.course_deg,
                        r.heading_deg});
    if (rows_.size() >= kBatchRows) Flush(summary);
  }

  void AddStatic(const ais::StaticReport& r, IngestSummary& summary) {
    ++summary.static_reports;
    int64_t t = r.time_ms == ais::kUnknownTime ? ais::kUnknownTime : FloorSeconds(r.time_ms);
    if (!r.name.empty()) Note(r.mmsi, 0, r.name, t);
    if (r.imo != 0) Note(r.mmsi, 1, std::to_string(r.imo), t);
    if (!r.callsign.empty()) Note(r.mmsi, 2, r.callsign, t);
    if (r.ship_type > 0) Note(r.mmsi, 3, std::to_string(r.ship_type), t);
    if (!r.destination.empty()) Note(r.mmsi, 4, r.destination, t);
    if (const auto [length, beam] = BroadcastDimensions(r); length > 0)
      Note(r.mmsi, 5, std::to_string(length) + "x" + std::to_string(beam), t);
    if (t != ais::kUnknownTime && std::isfinite(r.draught_m) && r.draught_m > 0) {
      // Decimetres, as type 5 carries it; a row where the value changes.
      const int dm = static_cast<int>(std::lround(r.draught_m * 10.0f));
      auto [it, added] = last_draught_.try_emplace(r.mmsi.value, dm);
      if (added || it->second != dm) {
        it->second = dm;
        draughts_.push_back({r.mmsi.value, t, dm});
      }
    }
  }

  // Inserts the buffered positions in (mmsi, time) order.
  void Flush(IngestSummary& summary) {
    if (!status_.ok()) {
      rows_.clear();
      return;
    }
    std::sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
      return std::tie(a.mmsi, a.time_s, a.lat, a.lon) < std::tie(b.mmsi, b.time_s, b.lat, b.lon);
    });
    Status s = positions_.Write(rows_, summary.positions_added, summary.duplicate_positions,
                                touched_, tick_);
    if (!s.ok()) status_ = s;
    rows_.clear();
  }

  // Merges the identities seen into track_identities.
  Status FlushIdentities(IngestSummary& summary) {
    if (!status_.ok()) return status_;
    auto count_before = CountIdentities();
    if (!count_before.ok()) return count_before.error();
    auto upsert = db_.Prepare(sql::kUpsertIdentity);
    if (!upsert.ok()) return upsert.error();
    for (const auto& [key, range] : identities_) {
      upsert->Bind(1, static_cast<int64_t>(key.mmsi)).Bind(2, std::string_view(kKinds[key.kind]));
      upsert->Bind(3, std::string_view(key.value));
      if (range.first <= range.last) {
        upsert->Bind(4, range.first).Bind(5, range.last);
      }
      Status s = upsert->Run();
      if (!s.ok()) return s;
      touched_.insert(key.mmsi);
    }
    auto count_after = CountIdentities();
    if (!count_after.ok()) return count_after.error();
    summary.identities_added = static_cast<uint64_t>(*count_after - *count_before);
    identities_.clear();
    return FlushDraughts();
  }

  const Status& status() const { return status_; }
  size_t touched_vessels() const { return touched_.size(); }

 private:
  void Note(Mmsi mmsi, uint8_t kind, const std::string& value, int64_t t) {
    key_.mmsi = mmsi.value;
    key_.kind = kind;
    key_.value = value;
    TimeRange& range = identities_[key_];
    if (t != ais::kUnknownTime) {
      range.first = std::min(range.first, t);
      range.last = std::max(range.last, t);
    }
  }

  // Writes the draught changes seen (a later report in the same second wins).
  Status FlushDraughts() {
    if (draughts_.empty()) return Ok{};
    auto insert = db_.Prepare(sql::kInsertDraught);
    if (!insert.ok()) return insert.error();
    for (const DraughtRow& d : draughts_) {
      insert->Bind(1, static_cast<int64_t>(d.mmsi)).Bind(2, d.time_s).Bind(3, d.decimetres / 10.0);
      if (Status s = insert->Run(); !s.ok()) return s;
    }
    draughts_.clear();
    return Ok{};
  }

  Result<int64_t> CountIdentities() {
    auto count = db_.Prepare(sql::kCountIdentities);
    if (!count.ok()) return count.error();
    auto row = count->Step();
    if (!row.ok()) return row.error();
    return count->Int(0);
  }

  store::Store& db_;
  std::function<void()> tick_;
  PositionWriter positions_;
  std::vector<Row> rows_;
  std::unordered_map<IdentityKey, TimeRange, IdentityKeyHash> identities_;
  IdentityKey key_;
  struct DraughtRow {
    uint32_t mmsi;
    int64_t time_s;
    int decimetres;
  };
  std::unordered_map<uint32_t, int> last_draught_;  // mmsi -> decimetres last noted
  std::vector<DraughtRow> draughts_;
  std::unordered_set<uint32_t> touched_;
  Status status_ = Ok{};
};

}  // namespace

Result<IngestSummary> Ingest(store::Store& db, std::span<const std::string> paths,
                             const IngestOptions& options) {
  auto start = std::chrono::steady_clock::now();
  IngestSummary summary;
  summary.files = paths.size();

  // Every file must be readable before anything is written.
  std::vector<FileFacts> facts(paths.size());
  uint64_t total_bytes = 0, total_lines = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (paths[i] == "-") continue;
    auto f = ReadFacts(paths[i]);
    if (!f.ok()) return f.error();
    facts[i] = std::move(f.value());
    total_bytes += facts[i].size;
    total_lines += facts[i].lines;
  }

  if (Status s = EnsureSchema(db); !s.ok()) return s.error();
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, "cannot begin a transaction on the store");

  auto seen = db.Prepare(sql::kFileSeen);
  if (!seen.ok()) return seen.error();
  auto record = db.Prepare(sql::kRecordFile);
  if (!record.ok()) return record.error();

  Progress progress(options.progress, total_bytes, total_lines);
  uint64_t lines_before = 0, messages_before = 0;
  ais::DecodeStats stats;
  Ingester ingester(db, [&] {
    progress.Update(lines_before + stats.lines, messages_before + stats.messages);
  });
  if (Status s = ingester.Prepare(); !s.ok()) return s.error();
  std::unordered_set<std::string> hashes_this_run;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    if (path != "-") {
      seen->Bind(1, std::string_view(facts[i].hash));
      auto already = seen->Step();
      seen->Reset();
      if (!already.ok()) return already.error();
      if (*already || !hashes_this_run.insert(facts[i].hash).second) {
        ++summary.skipped_files;
        lines_before += facts[i].lines;
        continue;
      }
    }
    stats = ais::DecodeStats{};
    uint64_t counter = 0;
    auto tick = [&] {
      if ((++counter & 0x3FFF) == 0) {
        progress.Update(lines_before + stats.lines, messages_before + stats.messages);
      }
    };
    ais::ReportSink sink;
    sink.position = [&](const ais::PositionReport& r) {
      ingester.AddPosition(r, summary);
      tick();
    };
    sink.static_report = [&](const ais::StaticReport& r) {
      ingester.AddStatic(r, summary);
      tick();
    };
    Status read = ais::ReadReports(path, sink, &stats);
    if (!read.ok()) return read.error();
    if (!ingester.status().ok()) return ingester.status().error();
    summary.lines += stats.lines;
    summary.messages += stats.messages;
    summary.bytes += facts[i].size;
    lines_before += facts[i].lines;
    messages_before += stats.messages;
    if (path != "-") {
      record->Bind(1, std::string_view(facts[i].hash))
          .Bind(2, std::string_view(path))
          .Bind(3, static_cast<int64_t>(facts[i].size))
          .Bind(4, static_cast<int64_t>(facts[i].lines))
          .Bind(5, static_cast<int64_t>(std::time(nullptr)));
      if (Status s = record->Run(); !s.ok()) return s.error();
    }
  }
  ingester.Flush(summary);
  if (!ingester.status().ok()) return ingester.status().error();
  if (Status s = ingester.FlushIdentities(summary); !s.ok()) return s.error();
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  progress.Finish();
  summary.vessels = ingester.touched_vessels();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

std::string IngestSummaryJson(const IngestSummary& s) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject()
      .Field("files", s.files)
      .Field("skipped_files", s.skipped_files)
      .Field("bytes", s.bytes)
      .Field("lines", s.lines)
      .Field("messages", s.messages)
      .Field("positions", s.positions)
      .Field("positions_added", s.positions_added)
      .Field("duplicate_positions", s.duplicate_positions)
      .Field("invalid_positions", s.invalid_positions)
      .Field("static_reports", s.static_reports)
      .Field("identities_added", s.identities_added)
      .Field("vessels", s.vessels);
  w.Key("seconds").Decimal(s.seconds, 3);
  w.Key("positions_per_s").Decimal(s.seconds > 0 ? s.positions / s.seconds : 0, 0);
  w.EndObject();
  return out;
}

}  // namespace wk::tracks
