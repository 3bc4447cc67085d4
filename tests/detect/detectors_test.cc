#include <gtest/gtest.h>

#include <random>

#include "detect/detect.h"
#include "track_helpers.h"

namespace wk::detect {
namespace {

using namespace wk::detect::testing;

const PortTable& Ports() {
  static const PortTable ports = PortTable::BuiltIn();
  return ports;
}

std::vector<PortCall> PortCallsOf(const std::vector<Fix>& fixes, const Config& config = {}) {
  TrackSet t = tracks::MakeTrackSet(fixes);
  std::vector<PortCall> out;
  for (size_t i = 0; i < t.size(); ++i) FindPortCalls(t.track(i), Ports(), config, out);
  return out;
}

// ---- port_call ----------------------------------------------------------------

TEST(FindPortCalls, OneHourInsideNampoIsACall) {
  const Port& nampo = PortNamed(Ports(), "KPNAM");
  auto calls = PortCallsOf(Still(445000001, kT0, kT0 + 3600, 300, nampo.lat_deg, nampo.lon_deg));
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(Ports().ports()[calls[0].port].locode, "KPNAM");
  EXPECT_EQ(calls[0].start_s, kT0);
  EXPECT_EQ(calls[0].end_s, kT0 + 3600);
  EXPECT_EQ(calls[0].positions, 13u);
}

TEST(FindPortCalls, FiftyNineMinutesIsNotACall) {
  const Port& nampo = PortNamed(Ports(), "KPNAM");
  EXPECT_TRUE(PortCallsOf(Still(445000001, kT0, kT0 + 3540, 60, nampo.lat_deg, nampo.lon_deg)).empty());
}

TEST(FindPortCalls, StartAndEndAreTheFirstAndLastPositionInside) {
  const Port& rajin = PortNamed(Ports(), "KPNJN");
  std::vector<Fix> f;
  f.push_back(At(445000002, kT0 - 600, rajin.lat_deg + 0.2, rajin.lon_deg));  // 22 km north: outside
  auto inside = Still(445000002, kT0, kT0 + 7200, 600, rajin.lat_deg, rajin.lon_deg);
  f.insert(f.end(), inside.begin(), inside.end());
  f.push_back(At(445000002, kT0 + 7800, rajin.lat_deg + 0.2, rajin.lon_deg));
  auto calls = PortCallsOf(f);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].start_s, kT0);
  EXPECT_EQ(calls[0].end_s, kT0 + 7200);
}

TEST(FindPortCalls, ShipPassingAPortWithoutStoppingIsNotACall) {
  const Port& nampo = PortNamed(Ports(), "KPNAM");
  // 12 knots straight through the 6 km radius: about 32 minutes inside.
  auto [lat, lon] = Offset(nampo.lat_deg, nampo.lon_deg, -20000, 0);
  EXPECT_TRUE(PortCallsOf(Sail(445000003, kT0, kT0 + 4 * 3600, 60, lat, lon, 12)).empty());
}

TEST(FindPortCalls, LeavingAndComingBackMakesTwoCalls) {
  const Port& p = PortNamed(Ports(), "RUVYP");
  auto a = Still(273000001, kT0, kT0 + 7200, 600, p.lat_deg, p.lon_deg);
  auto b = Still(273000001, kT0 + 10800, kT0 + 18000, 600, p.lat_deg, p.lon_deg);
  a.push_back(At(273000001, kT0 + 9000, p.lat_deg - 0.3, p.lon_deg));
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(PortCallsOf(a).size(), 2u);
}

// ---- encounter ------------------------------------------------------------------

std::vector<Encounter> EncountersOf(std::vector<std::vector<Fix>> parts, const Config& config = {}) {
  TrackSet t = Tracks(std::move(parts));
  std::vector<Encounter> out;
  FindEncounters(t, Ports(), config, out);
  return out;
}

// Two drifting vessels `distance_m` apart from kT0 to kT0 + duration_s.
std::vector<Encounter> Pair(double distance_m, int64_t duration_s, float sog = 1.0f,
                            double lat = kSeaLat, double lon = kSeaLon, int64_t step_b = 600,
                            int64_t offset_b = 0) {
  auto [lat2, lon2] = Offset(lat, lon, distance_m, 0);
  return EncountersOf({Still(412000001, kT0, kT0 + duration_s, 600, lat, lon, sog),
                       Still(445000001, kT0 + offset_b, kT0 + duration_s + offset_b, step_b, lat2,
                             lon2, sog)});
}

TEST(FindEncounters, ExactlyTwoHoursAt499MetresIsAnEncounter) {
  auto e = Pair(499, 7200);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].mmsi.value, 412000001u);
  EXPECT_EQ(e[0].other_mmsi.value, 445000001u);
  EXPECT_EQ(e[0].start_s, kT0);
  EXPECT_EQ(e[0].end_s, kT0 + 7200);
  EXPECT_NEAR(e[0].median_distance_m, 499, 1.0);
  EXPECT_NEAR(e[0].lat_deg, kSeaLat, 0.01);
}

TEST(FindEncounters, At501MetresIsNot) { EXPECT_TRUE(Pair(501, 7200).empty()); }

TEST(FindEncounters, OneHourFiftyMinutesIsNot) { EXPECT_TRUE(Pair(100, 6600).empty()); }

TEST(FindEncounters, AtThreeKnotsIsNot) { EXPECT_TRUE(Pair(100, 4 * 3600, 3.0f).empty()); }

TEST(FindEncounters, InsidePortIsNot) {
  // Ships waiting together at Nampo's anchorage: within 10 km of the port.
  const Port& nampo = PortNamed(Ports(), "KPNAM");
  auto [lat, lon] = Offset(nampo.lat_deg, nampo.lon_deg, 0, -9000);
  EXPECT_TRUE(Pair(100, 6 * 3600, 0.2f, lat, lon).empty());
  // 11 km away they are at sea.
  auto [lat2, lon2] = Offset(nampo.lat_deg, nampo.lon_deg, 0, -11000);
  EXPECT_EQ(Pair(100, 6 * 3600, 0.2f, lat2, lon2).size(), 1u);
}

TEST(FindEncounters, ComparesPositionsThatAreNotSimultaneous) {
  // The second vessel reports every 7 minutes, offset by 3 minutes.
  auto e = Pair(300, 3 * 3600, 1.0f, kSeaLat, kSeaLon, 420, 180);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NEAR(e[0].median_distance_m, 300, 1.0);
}

TEST(FindEncounters, DoesNotInterpolateAcrossSilencesOverAnHour) {
  auto [lat2, lon2] = Offset(kSeaLat, kSeaLon, 200, 0);
  std::vector<Fix> b = {At(445000001, kT0, lat2, lon2), At(445000001, kT0 + 3 * 3600, lat2, lon2)};
  EXPECT_TRUE(EncountersOf({Still(412000001, kT0, kT0 + 3 * 3600, 600, kSeaLat, kSeaLon), b}).empty());
}

TEST(FindEncounters, ShipsPassingCloseAtSpeedAreNot) {
  auto a = Sail(412000001, kT0, kT0 + 4 * 3600, 60, kSeaLat, kSeaLon, 12, 90);
  auto [lat, lon] = Offset(kSeaLat, kSeaLon, 48 * 1852, 100);
  auto b = Sail(445000001, kT0, kT0 + 4 * 3600, 60, lat, lon, 12, 270);
  EXPECT_TRUE(EncountersOf({a, b}).empty());
}

TEST(FindEncounters, WorksAtHighLatitude) {
  // At 60 N a longitude cell is half as wide: the halo must cover it.
  EXPECT_EQ(Pair(450, 3 * 3600, 1.0f, 60.0, 5.0).size(), 1u);
}

TEST(FindEncounters, GridFindsWhatAllPairsFinds) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> jitter(-1500, 1500);
  std::vector<std::vector<Fix>> parts;
  for (uint32_t v = 0; v < 60; ++v) {
    // Vessels drift slowly around a few rendezvous points.
    auto [lat, lon] = Offset(kSeaLat + (v % 3) * 0.5, kSeaLon, jitter(rng), jitter(rng));
    parts.push_back(Still(412000000 + v, kT0 + (v % 5) * 60, kT0 + 8 * 3600, 300 + (v % 4) * 60,
                          lat, lon, 0.5f));
  }
  TrackSet t = Tracks(parts);
  std::vector<Encounter> grid, brute;
  FindEncounters(t, Ports(), Config{}, grid);
  FindEncountersAllPairs(t, Ports(), Config{}, brute);
  ASSERT_FALSE(brute.empty());
  ASSERT_EQ(grid.size(), brute.size());
  auto key = [](const Encounter& e) { return std::tuple(e.mmsi.value, e.other_mmsi.value, e.start_s); };
  std::sort(grid.begin(), grid.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
  std::sort(brute.begin(), brute.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
  for (size_t i = 0; i < grid.size(); ++i) {
    EXPECT_EQ(key(grid[i]), key(brute[i]));
    EXPECT_EQ(grid[i].end_s, brute[i].end_s);
  }
}

// ---- gap --------------------------------------------------------------------------

std::vector<Gap> GapsOf(const std::vector<Fix>& fixes, const Config& config = {}) {
  TrackSet t = tracks::MakeTrackSet(fixes);
  std::vector<Gap> out;
  for (size_t i = 0; i < t.size(); ++i) FindGaps(t.track(i), Ports(), config, FeedCoverage{}, out);
  return out;
}

TEST(FindGaps, ExactlyTwelveHoursIsAGap) {
  auto g = GapsOf({At(412000001, kT0, kSeaLat, kSeaLon, 10),
                   At(412000001, kT0 + 12 * 3600, kSeaLat + 1, kSeaLon, 10)});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].before.time_s, kT0);
  EXPECT_EQ(g[0].after.time_s, kT0 + 12 * 3600);
  EXPECT_NEAR(g[0].implied_speed_kn, 111195.0 / 1852 / 12, 0.05);
}

TEST(FindGaps, ElevenHoursFiftyNineIsNot) {
  EXPECT_TRUE(GapsOf({At(412000001, kT0, kSeaLat, kSeaLon),
                      At(412000001, kT0 + 12 * 3600 - 60, kSeaLat, kSeaLon)})
                  .empty());
}

TEST(FindGaps, MooredInOnePortWithAisOffIsNot) {
  const Port& p = PortNamed(Ports(), "RUVVO");
  EXPECT_TRUE(GapsOf({At(273000001, kT0, p.lat_deg, p.lon_deg),
                      At(273000001, kT0 + 48 * 3600, p.lat_deg + 0.01, p.lon_deg)})
                  .empty());
}

TEST(FindGaps, RajinShuttleGoesDarkAtARussianPortAndRajinIsReachable) {
  const Port& vostochny = PortNamed(Ports(), "RUVYP");
  // Seen sailing at 10 knots, then dark at Vostochny for 3 days.
  auto f = Sail(273000002, kT0 - 86400, kT0 - 3600, 600, vostochny.lat_deg, vostochny.lon_deg - 1, 10);
  f.push_back(At(273000002, kT0, vostochny.lat_deg, vostochny.lon_deg, 0));
  f.push_back(At(273000002, kT0 + 3 * 86400, vostochny.lat_deg - 0.08, vostochny.lon_deg, 0));
  auto g = GapsOf(f);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_TRUE(g[0].speed_observed);
  EXPECT_NEAR(g[0].speed_used_kn, 10, 0.01);
  std::vector<std::string> reachable;
  for (int p : g[0].reachable_ports) reachable.push_back(Ports().ports()[p].locode);
  EXPECT_NE(std::find(reachable.begin(), reachable.end(), "KPNJN"), reachable.end());
  EXPECT_NE(std::find(reachable.begin(), reachable.end(), "KPCHO"), reachable.end());
  // Nampo is on the other side of the peninsula: ~2,000 nm round trip.
  EXPECT_EQ(std::find(reachable.begin(), reachable.end(), "KPNAM"), reachable.end());
}

TEST(FindGaps, ReachablePortsIgnoreImplausibleSpeeds) {
  const Port& vostochny = PortNamed(Ports(), "RUVYP");
  // Slow (2 kn) history with one glitch implying hundreds of knots.
  auto f = Sail(273000003, kT0 - 86400, kT0 - 3600, 600, vostochny.lat_deg - 1, vostochny.lon_deg, 2);
  f.push_back(At(273000003, kT0 - 3000, vostochny.lat_deg + 1, vostochny.lon_deg, 2));
  f.push_back(At(273000003, kT0, vostochny.lat_deg, vostochny.lon_deg, 2));
  f.push_back(At(273000003, kT0 + 13 * 3600, vostochny.lat_deg, vostochny.lon_deg + 0.2, 2));
  auto g = GapsOf(f);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_LE(g[0].speed_used_kn, 30);
  EXPECT_TRUE(g[0].reachable_ports.empty());  // 13 h at 2 kn reaches no DPRK port
}

// Issue 13 item 4: a ship is expected to be heard only while the feed hears
// others. Hours in which nobody was heard do not count towards a gap.
TEST(FindGaps, SilenceWhileTheFeedHeardNobodyIsNot) {
  auto ship = Sail(412000001, kT0, kT0 + 3600, 600, kSeaLat, kSeaLon, 10);
  ship.push_back(At(412000001, kT0 + 30 * 3600, kSeaLat, kSeaLon + 1, 10));
  // The ship's gaps when the feed also heard another ship from `from_h` to `to_h`.
  auto gaps_heard = [&](int from_h, int to_h) {
    std::vector<Fix> feed = ship;
    if (to_h > from_h)
      for (const Fix& f : HeardMeanwhile(kT0 + from_h * 3600, kT0 + to_h * 3600)) feed.push_back(f);
    TrackSet t = tracks::MakeTrackSet(feed);
    std::vector<Gap> out;
    for (size_t i = 0; i < t.size(); ++i)
      if (t.mmsi(i).value == 412000001) FindGaps(t.track(i), Ports(), Config{}, CoverageOf(t), out);
    return out;
  };
  // Alone in the feed: nobody was heard for 29 hours.
  EXPECT_TRUE(gaps_heard(0, 0).empty());
  // Another ship heard for 20 of those hours: a gap, heard for 20 h.
  std::vector<Gap> heard = gaps_heard(5, 25);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_GE(heard[0].heard_s, 20 * 3600);
  EXPECT_LE(heard[0].heard_s, 22 * 3600);
  // Heard for 12 of them: 12 h, but not half the silence; for 6: not enough.
  EXPECT_TRUE(gaps_heard(10, 21).empty());
  EXPECT_TRUE(gaps_heard(10, 16).empty());
}

TEST(HeardSeconds, CountsPartHoursAndLeavesOutHoursNobodyWasHeard) {
  FeedCoverage c;
  c.known = true;
  c.heard_hours = {kT0 / 3600, kT0 / 3600 + 2};
  EXPECT_EQ(HeardSeconds(c, kT0 + 600, kT0 + 1200), 600);            // inside one hour
  EXPECT_EQ(HeardSeconds(c, kT0 + 1800, kT0 + 3 * 3600), 3600 + 1800);  // hour 1 unheard
  EXPECT_EQ(HeardSeconds(FeedCoverage{}, kT0, kT0 + 5 * 3600), 5 * 3600);  // unknown: always
}

TEST(FindGaps, DefaultSpeedWhenNoneWasObserved) {
  auto g = GapsOf({At(412000001, kT0, kSeaLat, kSeaLon, NAN),
                   At(412000001, kT0 + 13 * 3600, kSeaLat, kSeaLon, NAN)});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_FALSE(g[0].speed_observed);
  EXPECT_EQ(g[0].speed_used_kn, Config{}.gap_default_speed_kn);
}

// ---- loitering --------------------------------------------------------------------

std::vector<Loitering> LoiteringOf(const std::vector<Fix>& fixes, const Config& config = {}) {
  TrackSet t = tracks::MakeTrackSet(fixes);
  std::vector<Loitering> out;
  for (size_t i = 0; i < t.size(); ++i) FindLoitering(t.track(i), Ports(), config, out);
  return out;
}

TEST(FindLoitering, EightHoursUnderTwoKnotsFarFromPortsIsLoitering) {
  auto l = LoiteringOf(Still(412000001, kT0, kT0 + 8 * 3600, 600, kSeaLat, kSeaLon, 1.9f));
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].start_s, kT0);
  EXPECT_EQ(l[0].end_s, kT0 + 8 * 3600);
  EXPECT_NEAR(l[0].lat_deg, kSeaLat, 1e-9);
}

TEST(FindLoitering, ShortDriftIsNot) {
  EXPECT_TRUE(LoiteringOf(Still(412000001, kT0, kT0 + 8 * 3600 - 600, 600, kSeaLat, kSeaLon)).empty());
}

TEST(FindLoitering, TwoKnotsIsNotUnderTwoKnots) {
  EXPECT_TRUE(LoiteringOf(Still(412000001, kT0, kT0 + 10 * 3600, 600, kSeaLat, kSeaLon, 2.0f)).empty());
}

TEST(FindLoitering, NearAPortIsNot) {
  const Port& p = PortNamed(Ports(), "CNDDG");
  auto [lat, lon] = Offset(p.lat_deg, p.lon_deg, 0, -19000);
  EXPECT_TRUE(LoiteringOf(Still(412000001, kT0, kT0 + 10 * 3600, 600, lat, lon)).empty());
  auto [lat2, lon2] = Offset(p.lat_deg, p.lon_deg, 0, -21000);
  EXPECT_EQ(LoiteringOf(Still(412000001, kT0, kT0 + 10 * 3600, 600, lat2, lon2)).size(), 1u);
}

TEST(FindLoitering, ALongSilenceEndsTheRun) {
  auto a = Still(412000001, kT0, kT0 + 5 * 3600, 600, kSeaLat, kSeaLon);
  auto b = Still(412000001, kT0 + 9 * 3600, kT0 + 12 * 3600, 600, kSeaLat, kSeaLon);
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_TRUE(LoiteringOf(a).empty());
}

// ---- port_sequence ------------------------------------------------------------------

std::vector<PortSequence> SequencesOf(std::vector<std::pair<std::string, int64_t>> visits) {
  std::vector<Fix> f;
  for (auto& [locode, t] : visits) {
    const Port& p = PortNamed(Ports(), locode);
    auto s = Still(273000005, t, t + 6 * 3600, 600, p.lat_deg, p.lon_deg, 0);
    f.insert(f.end(), s.begin(), s.end());
  }
  TrackSet t = tracks::MakeTrackSet(f);
  std::vector<PortCall> calls;
  FindPortCalls(t.track(0), Ports(), Config{}, calls);
  std::vector<PortSequence> out;
  FindPortSequences(calls, Ports(), Config{}, out);
  return out;
}

TEST(FindPortSequences, RajinThenVostochnyWithinThirtyDaysIsAShuttle) {
  auto s = SequencesOf({{"KPNJN", kT0}, {"RUVYP", kT0 + 5 * 86400}});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Ports().ports()[s[0].ports[0]].locode, "KPNJN");
  EXPECT_EQ(Ports().ports()[s[0].ports[1]].locode, "RUVYP");
  EXPECT_EQ(s[0].start_s, kT0);
  EXPECT_EQ(s[0].end_s, kT0 + 5 * 86400 + 6 * 3600);
}

TEST(FindPortSequences, FortyDaysApartIsNot) {
  EXPECT_TRUE(SequencesOf({{"RUVYP", kT0}, {"KPNJN", kT0 + 40 * 86400}}).empty());
}

TEST(FindPortSequences, ChainHasEveryPortInOrder) {
  auto s = SequencesOf({{"RUVVO", kT0}, {"RUZAR", kT0 + 4 * 86400}, {"KPSON", kT0 + 8 * 86400}});
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].ports.size(), 3u);
  EXPECT_EQ(Ports().ports()[s[0].ports[0]].locode, "RUVVO");
  EXPECT_EQ(Ports().ports()[s[0].ports[2]].locode, "KPSON");
}

TEST(FindPortSequences, TwoDprkPortsAreNot) {
  EXPECT_TRUE(SequencesOf({{"KPNJN", kT0}, {"KPCHO", kT0 + 3 * 86400}}).empty());
}

// ---- bad input --------------------------------------------------------------------

TEST(DetectAll, AVesselWithOnePositionGivesNoEvents) {
  TrackSet t = tracks::MakeTrackSet({At(412000001, kT0, kSeaLat, kSeaLon)});
  Events e = DetectAll(t, {}, Ports(), Config{});
  EXPECT_EQ(e.size(), 0u);
}

TEST(DetectAll, DuplicatedMessagesGiveTheSameEvents) {
  const Port& nampo = PortNamed(Ports(), "KPNAM");
  auto f = Still(445000001, kT0, kT0 + 7200, 600, nampo.lat_deg, nampo.lon_deg);
  auto doubled = f;
  doubled.insert(doubled.end(), f.begin(), f.end());
  Events a = DetectAll(tracks::MakeTrackSet(f), {}, Ports(), Config{});
  Events b = DetectAll(tracks::MakeTrackSet(doubled), {}, Ports(), Config{});
  std::string ja, jb;
  AppendJsonLines(a, Ports(), ja);
  AppendJsonLines(b, Ports(), jb);
  EXPECT_EQ(ja, jb);
  EXPECT_EQ(a.port_calls.size(), 1u);
}

TEST(DetectAll, TimeGoingBackwardsGivesTheSameEvents) {
  auto f = Still(412000001, kT0, kT0 + 9 * 3600, 600, kSeaLat, kSeaLon);
  auto reversed = f;
  std::reverse(reversed.begin(), reversed.end());
  std::string ja, jb;
  AppendJsonLines(DetectAll(tracks::MakeTrackSet(f), {}, Ports(), Config{}), Ports(), ja);
  AppendJsonLines(DetectAll(tracks::MakeTrackSet(reversed), {}, Ports(), Config{}), Ports(), jb);
  EXPECT_EQ(ja, jb);
  EXPECT_NE(ja.find("\"loitering\""), std::string::npos);
}

}  // namespace
}  // namespace wk::detect
