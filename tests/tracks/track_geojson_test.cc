// One vessel's stored track (LoadTrack) equals its track in the whole
// traffic, window for window, and prints as the GeoJSON Feature kepler.gl's
// trip layer reads: a LineString of [lon, lat, 0, unix_time].
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "testing.h"
#include "tracks/tracks.h"

namespace wk::tracks {
namespace {

using ::wk::testing::SharedData;

class TrackTest : public ::wk::testing::StoreTest {};

TEST_P(TrackTest, OneVesselsTrackEqualsItsTrackInTheTrafficAndPrintsForKepler) {
  const std::string file = "ais/aisdb/test_data_20211101.nm4";
  WK_REQUIRE_SHARED(file);
  auto db = store::Open(url());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Ingest(*db, std::vector<std::string>{SharedData(file)}, {}).ok());
  auto traffic = LoadTraffic(*db);
  ASSERT_TRUE(traffic.ok());
  ASSERT_GT(traffic->tracks.size(), 0u);
  // The vessel with the most fixes.
  size_t best = 0;
  for (size_t i = 0; i < traffic->tracks.size(); ++i)
    if (traffic->tracks.track(i).size() > traffic->tracks.track(best).size()) best = i;
  const Mmsi mmsi = traffic->tracks.mmsi(best);
  const std::span<const Fix> whole = traffic->tracks.track(best);
  ASSERT_GT(whole.size(), 2u);

  auto track = LoadTrack(*db, mmsi);
  ASSERT_TRUE(track.ok());
  ASSERT_EQ(track->size(), whole.size());
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_EQ((*track)[i].time_s, whole[i].time_s);
    EXPECT_EQ((*track)[i].lat_deg, whole[i].lat_deg);
  }
  // A window [from, to) keeps the fixes inside it, the end excluded.
  TimeWindow w{whole[1].time_s, whole.back().time_s};
  auto part = LoadTrack(*db, mmsi, w);
  ASSERT_TRUE(part.ok());
  for (const Fix& f : *part) {
    EXPECT_GE(f.time_s, w.from_s);
    EXPECT_LT(f.time_s, w.to_s);
  }
  EXPECT_LT(part->size(), whole.size());
  EXPECT_TRUE(LoadTrack(*db, Mmsi{1})->empty());

  std::string out;
  AppendTrackGeoJson(out, mmsi, *track);
  const nlohmann::json f = nlohmann::json::parse(out);
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["geometry"]["type"], "LineString");
  const auto& c = f["geometry"]["coordinates"];
  ASSERT_EQ(c.size(), whole.size());
  EXPECT_NEAR(c[0][0].get<double>(), whole[0].lon_deg, 1e-6);
  EXPECT_NEAR(c[0][1].get<double>(), whole[0].lat_deg, 1e-6);
  EXPECT_EQ(c[0][2], 0);
  EXPECT_EQ(c[0][3], whole[0].time_s);
  EXPECT_EQ(f["properties"]["mmsi"], mmsi.value);
  EXPECT_EQ(f["properties"]["positions"], whole.size());
  EXPECT_EQ(f["properties"]["start"], FormatTime(whole.front().time_s));
  // An empty track is still a Feature, with null times.
  out.clear();
  AppendTrackGeoJson(out, mmsi, {});
  EXPECT_TRUE(nlohmann::json::parse(out)["properties"]["start"].is_null());
}

WK_ON_EVERY_ENGINE(TrackTest);

}  // namespace
}  // namespace wk::tracks
