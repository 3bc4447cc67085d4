// The track store: ingest real captures, dedupe on content, all-or-nothing
// imports, what `vessel` says, the track model, and tracks read from files and
// loaded back from the store for the detectors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "ais/ais.h"
#include "store/store.h"
#include "testing.h"
#include "tracks/tracks.h"

namespace wk::tracks {
namespace {

using ::wk::testing::ReadFile;
using ::wk::testing::RunCli;
using ::wk::testing::SharedData;
using ::wk::testing::SplitLines;
using ::wk::testing::TempDir;
using ::wk::testing::WriteFile;

constexpr const char* kDmaStream = "ais/dma-aislib/stream_example.txt";

int64_t Count(store::Store& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  EXPECT_TRUE(s.ok());
  auto row = s->Step();
  EXPECT_TRUE(row.ok() && *row);
  return s->Int(0);
}

nlohmann::json LastJsonLine(const std::string& out) {
  std::vector<std::string> lines = SplitLines(out);
  EXPECT_FALSE(lines.empty());
  return nlohmann::json::parse(lines.empty() ? "{}" : lines.back());
}

// The store-backed tests run on SQLite and on PostgreSQL.
class IngestTest : public ::wk::testing::StoreTest {};
WK_ON_EVERY_ENGINE(IngestTest);

TEST_P(IngestTest, ReingestingTheSameFileAddsNothing) {
  WK_REQUIRE_SHARED(kDmaStream);
  TempDir dir;
  std::string db = url();
  auto first = RunCli({"ingest", SharedData(kDmaStream), "--db", db});
  ASSERT_EQ(first.status, 0) << first.err;
  nlohmann::json s1 = LastJsonLine(first.out);
  EXPECT_GT(s1["positions_added"].get<int>(), 2000);
  EXPECT_GT(s1["identities_added"].get<int>(), 100);

  // The same content under another name is recognised and skipped.
  std::string copy = dir.File("copy.txt");
  WriteFile(copy, ReadFile(SharedData(kDmaStream)));
  auto again = RunCli({"ingest", SharedData(kDmaStream), copy, "--db", db});
  ASSERT_EQ(again.status, 0) << again.err;
  nlohmann::json s2 = LastJsonLine(again.out);
  EXPECT_EQ(s2["skipped_files"], 2);
  EXPECT_EQ(s2["positions_added"], 0);
  EXPECT_EQ(s2["identities_added"], 0);

  // A file that shares content with what is stored adds only its new part.
  std::vector<std::string> lines = SplitLines(ReadFile(SharedData(kDmaStream)));
  std::string edited;
  for (size_t i = 0; i < lines.size(); ++i) edited += lines[i] + "\n";
  edited += "# an appended comment changes the hash, not the content\n";
  WriteFile(dir.File("edited.txt"), edited);
  auto edited_run = RunCli({"ingest", dir.File("edited.txt"), "--db", db});
  ASSERT_EQ(edited_run.status, 0) << edited_run.err;
  nlohmann::json s3 = LastJsonLine(edited_run.out);
  EXPECT_EQ(s3["skipped_files"], 0);
  EXPECT_EQ(s3["positions_added"], 0);
  EXPECT_EQ(s3["identities_added"], 0);
  EXPECT_EQ(s3["duplicate_positions"], s1["positions_added"].get<int>() +
                                           s1["duplicate_positions"].get<int>());
}

TEST_P(IngestTest, OverlappingFilesStoreTheUnionOnce) {
  WK_REQUIRE_SHARED(kDmaStream);
  TempDir dir;
  std::vector<std::string> lines = SplitLines(ReadFile(SharedData(kDmaStream)));
  std::string head, tail;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i < lines.size() * 2 / 3) head += lines[i] + "\n";
    if (i >= lines.size() / 3) tail += lines[i] + "\n";
  }
  WriteFile(dir.File("head.txt"), head);
  WriteFile(dir.File("tail.txt"), tail);
  const std::string whole_db = url(), parts_db = test_store().Another("parts");
  auto whole = RunCli({"ingest", SharedData(kDmaStream), "--db", whole_db});
  ASSERT_EQ(whole.status, 0) << whole.err;
  auto parts = RunCli({"ingest", dir.File("head.txt"), dir.File("tail.txt"), "--db", parts_db});
  ASSERT_EQ(parts.status, 0) << parts.err;
  auto a = store::Open(whole_db);
  auto b = store::Open(parts_db);
  ASSERT_TRUE(a.ok() && b.ok());
  // Splitting may cut a two-sentence message in two, so only positions are
  // compared exactly.
  EXPECT_EQ(Count(*a, "SELECT count(*) FROM track_positions"),
            Count(*b, "SELECT count(*) FROM track_positions"));
  EXPECT_EQ(Count(*a, "SELECT sum(lat) * 1000 + sum(time_s) FROM track_positions"),
            Count(*b, "SELECT sum(lat) * 1000 + sum(time_s) FROM track_positions"));
}

TEST_P(IngestTest, FailedIngestLeavesTheStoreAsItWas) {
  WK_REQUIRE_SHARED(kDmaStream);
  WK_REQUIRE_SHARED("ais/aisdb/test_data_20211101.nm4");
  TempDir dir;
  std::string db = url();
  ASSERT_EQ(RunCli({"ingest", SharedData(kDmaStream), "--db", db}).status, 0);
  auto before = store::Open(db);
  ASSERT_TRUE(before.ok());
  int64_t positions = Count(*before, "SELECT count(*) FROM track_positions");
  int64_t identities = Count(*before, "SELECT count(*) FROM track_identities");
  int64_t files = Count(*before, "SELECT count(*) FROM track_files");

  // A readable new file followed by one that is missing, then a directory.
  for (const std::string& bad : {dir.File("missing.nmea"), dir.path().string()}) {
    auto run = RunCli({"ingest", SharedData("ais/aisdb/test_data_20211101.nm4"), bad, "--db", db});
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(bad), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("nothing was stored"), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "");
  }
  auto after = store::Open(db);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Count(*after, "SELECT count(*) FROM track_positions"), positions);
  EXPECT_EQ(Count(*after, "SELECT count(*) FROM track_identities"), identities);
  EXPECT_EQ(Count(*after, "SELECT count(*) FROM track_files"), files);
  // And the good file on its own goes in afterwards.
  auto good = RunCli({"ingest", SharedData("ais/aisdb/test_data_20211101.nm4"), "--db", db});
  ASSERT_EQ(good.status, 0) << good.err;
  EXPECT_GT(LastJsonLine(good.out)["positions_added"].get<int>(), 0);
}

TEST_P(IngestTest, VesselReportsTheIdentityTheShipBroadcast) {
  WK_REQUIRE_SHARED(kDmaStream);
  if (std::system("command -v gpsdecode >/dev/null 2>&1") != 0) WK_SKIP_OR_FAIL("no gpsdecode");
  TempDir dir;
  std::string db = url();
  ASSERT_EQ(RunCli({"ingest", SharedData(kDmaStream), "--db", db}).status, 0);
  auto run = RunCli({"vessel", "210248000", "--db", db});
  ASSERT_EQ(run.status, 0) << run.err;
  nlohmann::json v = LastJsonLine(run.out);

  // The reference decoder's view of the same file.
  std::string cmd = "gpsdecode -s < '" + SharedData(kDmaStream) + "' > '" +
                    dir.File("gpsd.json") + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  int gpsd_positions = 0;
  nlohmann::json type5;
  for (const std::string& line : SplitLines(ReadFile(dir.File("gpsd.json")))) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || j.value("mmsi", 0) != 210248000) continue;
    int type = j["type"];
    if (type >= 1 && type <= 3) ++gpsd_positions;
    if (type == 5) type5 = j;
  }
  ASSERT_FALSE(type5.is_null());
  EXPECT_EQ(v["mmsi"], 210248000);
  EXPECT_EQ(v["flag"], "CY") << "MID 210 is Cyprus (ITU MID table in src/core/ids.cc)";
  ASSERT_EQ(v["names"].size(), 1u);
  EXPECT_EQ(v["names"][0]["value"], type5["shipname"]);
  ASSERT_EQ(v["imos"].size(), 1u);
  EXPECT_EQ(v["imos"][0]["value"], type5["imo"]);
  EXPECT_EQ(v["imos"][0]["valid"], true);
  ASSERT_EQ(v["callsigns"].size(), 1u);
  EXPECT_EQ(v["callsigns"][0]["value"], type5["callsign"]);
  ASSERT_EQ(v["ship_types"].size(), 1u);
  EXPECT_EQ(v["ship_types"][0]["value"], type5["shiptype"]);
  EXPECT_EQ(v["positions"], gpsd_positions);
  EXPECT_LE(v["first_seen"].get<std::string>(), v["last_seen"].get<std::string>());
  EXPECT_EQ(v["first_seen"].get<std::string>().substr(0, 10), "2010-06-11");
  EXPECT_LT(v["bbox"]["min_lat"].get<double>(), v["bbox"]["max_lat"].get<double>() + 1e-9);
}

TEST_P(IngestTest, VesselUnknownMmsiIsAnErrorNamingIt) {
  WK_REQUIRE_SHARED(kDmaStream);
  // A store with tracks, none of them this vessel's (an empty store is another error).
  ASSERT_EQ(RunCli({"ingest", SharedData(kDmaStream), "--db", url()}).status, 0);
  auto run = RunCli({"vessel", "445000001", "--db", url()});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("445000001"), std::string::npos) << run.err;
}

TEST(MakeTrackSet, SortsEachVesselByTimeAndDropsExactDuplicates) {
  std::vector<Fix> fixes = {
      {Mmsi{2}, 300, 1.0, 2.0, 5, 90}, {Mmsi{1}, 200, 1.0, 2.0, 5, 90},
      {Mmsi{2}, 100, 1.5, 2.5, 5, 90}, {Mmsi{1}, 200, 1.0, 2.0, 5, 90},
      {Mmsi{1}, 200, 1.1, 2.0, 5, 90}, {Mmsi{1}, 100, 1.0, 2.0, 5, 90},
  };
  TrackSet tracks = MakeTrackSet(fixes);
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks.mmsi(0), Mmsi{1});
  ASSERT_EQ(tracks.track(0).size(), 3u);
  EXPECT_EQ(tracks.track(0)[0].time_s, 100);
  EXPECT_EQ(tracks.track(0)[1].time_s, 200);
  EXPECT_EQ(tracks.track(0)[2].lat_deg, 1.1);
  ASSERT_EQ(tracks.track(1).size(), 2u);
  EXPECT_EQ(tracks.track(1)[0].time_s, 100);
}

Fix At(uint32_t mmsi, int64_t t, double lat, double lon) { return Fix{Mmsi{mmsi}, t, lat, lon, 1, NAN}; }
constexpr int64_t kT0 = 1704067200;

TEST(MakeTrackSet, DropsOutOfRangePositionsAndDuplicates) {
  TrackStats stats;
  TrackSet t = MakeTrackSet({At(1, kT0, 91, 10), At(1, kT0 + 1, 10, 181), At(1, kT0 + 2, NAN, 10),
                             At(1, kT0 + 3, 0, 0), At(1, kT0 + 4, 10, 10), At(1, kT0 + 4, 10, 10)},
                            &stats);
  EXPECT_EQ(stats.invalid_position, 4u);
  EXPECT_EQ(stats.duplicates, 1u);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.track(0).size(), 1u);
}

TEST(MakeTrackSet, SortsTimeGoingBackwards) {
  TrackSet t = MakeTrackSet({At(2, kT0 + 600, 1, 1), At(1, kT0 + 5, 1, 1), At(2, kT0, 1, 1),
                             At(2, kT0 + 300, 1, 1)});
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.track(0).front().mmsi.value, 1u);
  auto two = t.track(1);
  ASSERT_EQ(two.size(), 3u);
  EXPECT_EQ(two[0].time_s, kT0);
  EXPECT_EQ(two[1].time_s, kT0 + 300);
  EXPECT_EQ(two[2].time_s, kT0 + 600);
}

TEST(IsValidPosition, RejectsNoFixOutOfRangeAndNaN) {
  EXPECT_TRUE(IsValidPosition(38.7, 125.4));
  EXPECT_TRUE(IsValidPosition(0, 12));   // on the equator
  EXPECT_TRUE(IsValidPosition(12, 0));   // on the prime meridian
  EXPECT_TRUE(IsValidPosition(-90, 180));
  EXPECT_FALSE(IsValidPosition(0, 0));   // "no GPS fix"
  EXPECT_FALSE(IsValidPosition(91, 10));
  EXPECT_FALSE(IsValidPosition(10, 181));  // AIS "not available" is 91 / 181
  EXPECT_FALSE(IsValidPosition(NAN, 10));
}

TEST(Vessels, PairsEachTrackWithItsStaticReports) {
  TrackSet t = MakeTrackSet({At(3, kT0, 1, 1), At(1, kT0, 1, 1), At(1, kT0 + 60, 1, 1)});
  std::vector<StaticInfo> statics(3);
  statics[0].mmsi = Mmsi{2};
  statics[0].time_s = kT0 - 60;
  statics[1].mmsi = Mmsi{3};
  statics[1].time_s = kT0 + 600;
  statics[2].mmsi = Mmsi{3};
  statics[2].time_s = kT0 - 600;
  SortStatics(statics);
  EXPECT_EQ(statics[1].time_s, kT0 - 600);
  std::vector<Vessel> v = Vessels(t, statics);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].mmsi, Mmsi{1});
  EXPECT_EQ(v[0].track.size(), 2u);
  EXPECT_TRUE(v[0].statics.empty());
  EXPECT_EQ(v[1].mmsi, Mmsi{2});
  EXPECT_TRUE(v[1].track.empty());
  EXPECT_EQ(v[1].statics.size(), 1u);
  EXPECT_EQ(v[2].mmsi, Mmsi{3});
  EXPECT_EQ(v[2].track.size(), 1u);
  EXPECT_EQ(v[2].statics.size(), 2u);
  EXPECT_EQ(HeardBetween(v[2]), std::make_pair(kT0 - 600, kT0 + 600));
  EXPECT_EQ(HeardBetween(Vessel{}), std::make_pair(int64_t{0}, int64_t{0}));
}

TEST(NearestFix, PicksTheFixNearestInTime) {
  std::vector<Fix> track = {At(1, 100, 1, 1), At(1, 200, 1, 1), At(1, 300, 1, 1)};
  EXPECT_EQ(NearestFix({}, 100), -1);
  EXPECT_EQ(NearestFix(track, 0), 0);
  EXPECT_EQ(NearestFix(track, 149), 0);
  EXPECT_EQ(NearestFix(track, 150), 1);  // as near: the later one
  EXPECT_EQ(NearestFix(track, 260), 2);
  EXPECT_EQ(NearestFix(track, 1000), 2);
}

TEST(ReadTraffic, CountsWhatItDoesNotKeep) {
  TempDir dir;
  std::string nmea;
  ais::PositionReport r;
  r.type = 1;
  r.mmsi = Mmsi{445000001};
  r.speed_knots = 1;
  r.course_deg = 0;
  for (int i = 0; i < 4; ++i) {
    r.time_ms = (kT0 + i * 60) * 1000;
    r.lat_deg = i == 2 ? 0 : 38.7;  // one "no fix" position
    r.lon_deg = i == 2 ? 0 : 125.4;
    ais::EncodePosition(r, "test", nmea);
  }
  ais::StaticReport s;
  s.type = 5;
  s.mmsi = Mmsi{445000001};
  s.time_ms = kT0 * 1000;
  s.name = "CHON MA SAN";
  ais::EncodeStatic(s, "test", nmea);
  WriteFile(dir.File("w.nmea"), nmea);
  ReadStats stats;
  auto traffic = ReadTraffic(std::vector<std::string>{dir.File("w.nmea")},
                             TimeWindow{kT0, kT0 + 180}, &stats);
  ASSERT_TRUE(traffic.ok()) << traffic.error().message;
  EXPECT_EQ(stats.positions, 3u);  // the fourth is at the window's (open) end
  EXPECT_EQ(stats.outside_window, 1u);
  EXPECT_EQ(stats.tracks.invalid_position, 1u);
  EXPECT_EQ(stats.statics, 1u);
  ASSERT_EQ(traffic->tracks.size(), 1u);
  EXPECT_EQ(traffic->tracks.track(0).size(), 2u);
  ASSERT_EQ(traffic->statics.size(), 1u);
  EXPECT_EQ(traffic->statics[0].name, "CHON MA SAN");
  EXPECT_FALSE(ReadTraffic(std::vector<std::string>{dir.File("missing.nmea")}).ok());
}

TEST_P(IngestTest, NoFixPositionsAreInvalidAsOnRead) {
  TempDir dir;
  std::string nmea;
  ais::PositionReport r;
  r.type = 1;
  r.mmsi = Mmsi{445000001};
  for (int i = 0; i < 3; ++i) {
    r.time_ms = (kT0 + i * 60) * 1000;
    r.lat_deg = i == 1 ? 0 : 38.7;
    r.lon_deg = i == 1 ? 0 : 125.4;
    ais::EncodePosition(r, "test", nmea);
  }
  WriteFile(dir.File("w.nmea"), nmea);
  auto db = store::Open(url());
  ASSERT_TRUE(db.ok());
  auto summary = Ingest(*db, std::vector<std::string>{dir.File("w.nmea")}, {});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->positions, 3u);
  EXPECT_EQ(summary->invalid_positions, 1u);
  EXPECT_EQ(summary->positions_added, 2u);
}

TEST_P(IngestTest, LoadTrafficEqualsTheTracksBuiltInMemoryFromTheSameFiles) {
  WK_REQUIRE_SHARED(kDmaStream);
  auto db = store::Open(url());
  ASSERT_TRUE(db.ok());
  std::vector<std::string> paths = {SharedData(kDmaStream),
                                    SharedData("ais/aisdb/test_data_20211101.nm4")};
  auto summary = Ingest(*db, paths, {});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  auto stored_traffic = LoadTraffic(*db);
  auto built_traffic = ReadTraffic(paths);
  ASSERT_TRUE(stored_traffic.ok() && built_traffic.ok());
  const TrackSet& stored = stored_traffic->tracks;
  const TrackSet& built = built_traffic->tracks;
  ASSERT_EQ(stored.size(), built.size());
  size_t total = 0;
  // Within one second the store orders fixes by position and files keep
  // their reception order (MakeTrackSet): compare in the store's order.
  auto in_store_order = [](std::span<const Fix> t) {
    std::vector<Fix> v(t.begin(), t.end());
    std::stable_sort(v.begin(), v.end(), [](const Fix& x, const Fix& y) {
      return std::tie(x.time_s, x.lat_deg, x.lon_deg) < std::tie(y.time_s, y.lat_deg, y.lon_deg);
    });
    return v;
  };
  for (size_t i = 0; i < stored.size(); ++i) {
    const std::vector<Fix> a = in_store_order(stored.track(i));
    const std::vector<Fix> b = in_store_order(built.track(i));
    ASSERT_EQ(stored.mmsi(i), built.mmsi(i));
    ASSERT_EQ(a.size(), b.size()) << stored.mmsi(i).value;
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].time_s, b[k].time_s);
      EXPECT_EQ(a[k].lat_deg, b[k].lat_deg);
      EXPECT_EQ(a[k].lon_deg, b[k].lon_deg);
      EXPECT_TRUE(a[k].speed_knots == b[k].speed_knots ||
                  (std::isnan(a[k].speed_knots) && std::isnan(b[k].speed_knots)));
    }
    total += a.size();
  }
  EXPECT_EQ(total, summary->positions_added);

  // A time window keeps only the fixes inside it.
  int64_t from = stored.track(0).front().time_s;
  auto window = LoadTraffic(*db, TimeWindow{from, from + 1});
  ASSERT_TRUE(window.ok());
  for (const Fix& f : window->tracks.fixes) EXPECT_EQ(f.time_s, from);
}

// The draught a vessel reported at `t`: its last report with a draught at or
// before `t` (NaN when none), as the ledger reads both readers' output.
float DraughtAt(std::span<const StaticInfo> statics, uint32_t mmsi, int64_t t) {
  float d = NAN;
  for (const StaticInfo& s : statics)
    if (s.mmsi.value == mmsi && s.time_s <= t && std::isfinite(s.draught_m)) d = s.draught_m;
  return d;
}

TEST_P(IngestTest, DraughtAndDimensionsSurviveFilesAndTheStore) {
  // A tanker light (4.2 m), laden (8.9 m) and light again: the identities
  // table alone would keep 4.2 once, from the first report to the last.
  TempDir dir;
  std::string nmea;
  const int64_t t0 = 1704067200;
  const float draughts[] = {4.2f, 4.2f, 8.9f, 8.9f, 8.9f, 4.2f};
  for (int i = 0; i < 6; ++i) {
    ais::StaticReport r;
    r.mmsi = Mmsi{445123456};
    r.type = 5;
    r.time_ms = (t0 + i * 3600) * 1000;
    r.imo = 9123454;
    r.name = "SIM DRAUGHT";
    r.callsign = "HMAB1";
    r.ship_type = 80;
    r.draught_m = draughts[i];
    r.to_bow = 80;
    r.to_stern = 20;
    r.to_port = 7;
    r.to_starboard = 8;
    ais::EncodeStatic(r, "test", i % 10, nmea);
  }
  WriteFile(dir.File("d.nmea"), nmea);
  const std::vector<std::string> paths = {dir.File("d.nmea")};
  auto files = ReadTraffic(paths);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->statics.size(), 6u);
  EXPECT_FLOAT_EQ(files->statics[2].draught_m, 8.9f);
  EXPECT_EQ(files->statics[2].ship_type, 80);
  EXPECT_EQ(files->statics[2].length_m, 100);
  EXPECT_EQ(files->statics[2].beam_m, 15);

  auto db = store::Open(url());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Ingest(*db, paths, {}).ok());
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM track_draughts"), 3);  // 4.2, 8.9, 4.2
  auto stored = LoadTraffic(*db);
  ASSERT_TRUE(stored.ok());
  for (int64_t t = t0 - 60; t < t0 + 6 * 3600; t += 600) {
    const float a = DraughtAt(files->statics, 445123456, t), b = DraughtAt(stored->statics, 445123456, t);
    EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << t << ": " << a << " vs " << b;
  }
  for (const StaticInfo& s : stored->statics) {
    EXPECT_EQ(s.ship_type, 80);
    EXPECT_EQ(s.length_m, 100);
    EXPECT_EQ(s.beam_m, 15);
  }
  // A window that opens while laden starts with the draught then in force.
  auto window = LoadTraffic(*db, TimeWindow{t0 + 3 * 3600 + 60, t0 + 6 * 3600});
  ASSERT_TRUE(window.ok());
  EXPECT_FLOAT_EQ(DraughtAt(window->statics, 445123456, t0 + 3 * 3600 + 60), 8.9f);
  EXPECT_FLOAT_EQ(DraughtAt(window->statics, 445123456, t0 + 5 * 3600), 4.2f);
}

}  // namespace
}  // namespace wk::tracks
