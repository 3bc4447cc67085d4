// Evidence reports of a simulated world's case on both engines: the HTML
// stands alone (no external reference) and holds the map of both tracks, the
// timeline, the events with their input references, the list entries with
// their versions, the measures, the review and audit trail and the chain's
// head; its PDF (headless Chromium) is rendered to images with pdftoppm and
// the map area is checked not to be blank. Thinning is tested on its own.
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "alerts/alerts.h"
#include "report/report.h"
#include "testing.h"

namespace wk::testing {
namespace {

tracks::Fix At(int64_t t, double lat, double lon) { return {Mmsi{445000001}, t, lat, lon, 10, 90}; }

TEST(ThinTrack, KeepsEndsDropsSubPixelStepsAndBreaksAtSilences) {
  std::vector<tracks::Fix> track;
  for (int i = 0; i < 100; ++i) track.push_back(At(i * 60, 38.0, 125.0 + i * 0.001));  // 0.001 deg a minute
  track.push_back(At(100 * 60 + 7200, 38.5, 125.5));                                 // after two hours dark
  track.push_back(At(100 * 60 + 7260, 38.5, 125.51));
  report::ThinOptions o;
  o.tolerance_deg = 0.01;
  std::vector<report::TrackPiece> pieces;
  const size_t kept = report::ThinTrack(track, o, pieces);
  ASSERT_EQ(pieces.size(), 2u);  // the gap is not drawn as a straight line
  EXPECT_EQ(pieces[0].fixes.front().time_s, 0);
  EXPECT_EQ(pieces[0].fixes.back().time_s, 99 * 60);  // the run's last fix is kept
  EXPECT_LE(pieces[0].fixes.size(), 12u);             // one in ten, and the last
  EXPECT_EQ(pieces[1].fixes.size(), 2u);
  EXPECT_EQ(kept, pieces[0].fixes.size() + pieces[1].fixes.size());
  o.tolerance_deg = 0;
  pieces.clear();
  EXPECT_EQ(report::ThinTrack(track, o, pieces), track.size());
}

TEST(ThinTrack, AJumpNoShipCouldSailIsNotDrawn) {
  // Two ships sharing one MMSI, 300 km apart, heard in turn every minute.
  std::vector<tracks::Fix> track;
  for (int i = 0; i < 10; ++i) track.push_back(At(i * 60, 38.0, i % 2 ? 128.0 : 124.6));
  std::vector<report::TrackPiece> pieces;
  report::ThinTrack(track, {}, pieces);
  EXPECT_EQ(pieces.size(), 10u);  // ten points, no line between them
  // 59 knots is still a passage (a minute, 1.8 km): one piece.
  std::vector<tracks::Fix> fast = {At(0, 38.0, 125.0), At(60, 38.0, 125.0 + 1822.0 / 87700)};
  pieces.clear();
  report::ThinTrack(fast, {}, pieces);
  EXPECT_EQ(pieces.size(), 1u);
}

TEST(ThinTrack, OnlyInsideTheBox) {
  std::vector<tracks::Fix> track = {At(0, 38, 124), At(60, 38, 126), At(120, 38, 128), At(180, 38, 126.5)};
  report::ThinOptions o;
  o.bbox = std::array<double, 4>{125, 37, 127, 39};
  std::vector<report::TrackPiece> pieces;
  EXPECT_EQ(report::ThinTrack(track, o, pieces), 2u);
  EXPECT_EQ(pieces.size(), 2u);  // out of the box and back in: two pieces
}

// The pixels of a binary PPM (P6) as RGB triples.
struct Image {
  int width = 0, height = 0;
  std::string rgb;
};
Image ReadPpm(const std::string& path) {
  Image img;
  const std::string data = ReadFile(path);
  std::smatch m;
  static const std::regex header("^P6\\s+(\\d+)\\s+(\\d+)\\s+255\\s");
  if (!std::regex_search(data, m, header)) return img;
  img.width = std::stoi(m[1]);
  img.height = std::stoi(m[2]);
  img.rgb = data.substr(m[0].length());
  return img;
}
// Pixels in rows [y0, y1) within `tol` of the colour.
int64_t CountColour(const Image& img, int y0, int y1, int r, int g, int b, int tol) {
  int64_t n = 0;
  for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y)
    for (int x = 0; x < img.width; ++x) {
      const size_t i = (static_cast<size_t>(y) * img.width + x) * 3;
      if (i + 2 >= img.rgb.size()) return n;
      const auto* p = reinterpret_cast<const unsigned char*>(img.rgb.data() + i);
      if (std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol) ++n;
    }
  return n;
}

// The desk's land (1:50m) from this build, or the Release build's (a
// sanitizer build has no desk), else Natural Earth 1:10m from ../shared (16 MB).
std::string LandFile() {
  for (const std::string& built : {std::string(WK_BUILD_DIR) + "/web/assets/land.json",
                                   std::string(WK_SOURCE_DIR) + "/build/web/assets/land.json"})
    if (std::filesystem::exists(built)) return built;
  return SharedData("geo/ne_10m_land_worldatlas.geojson");
}

class ReportTest : public StoreTest {};

TEST_P(ReportTest, ACaseWithAnEncounterAndAGapPrintsItsMapAndTimeline) {
  if (LandFile() == SharedData("geo/ne_10m_land_worldatlas.geojson")) WK_REQUIRE_SHARED("geo/ne_10m_land_worldatlas.geojson");
  // The demo's seed with ten vessels: three days are the least that plant events.
  const std::string world = test_store().dir().File("world");
  ASSERT_EQ(RunCli({"simulate", "--seed", "7", "--vessels", "10", "--days", "3", "--out", world}).status, 0);
  std::vector<std::string> ingest = {"ingest", "--db", url()};
  for (const auto& f : std::filesystem::directory_iterator(world))
    if (f.path().extension() == ".nmea") ingest.push_back(f.path().string());
  ASSERT_EQ(RunCli(ingest).status, 0);
  ASSERT_EQ(RunCli({"lists", "import", world + "/designations.xml", "--db", url()}).status, 0);
  CliRun run = RunCli({"alerts", "run", "--db", url(), "--ports", world + "/ports.csv"});
  ASSERT_EQ(run.status, 0) << run.err;

  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  Result<std::vector<alerts::Alert>> all = alerts::ListAlerts(*db, {});
  ASSERT_TRUE(all.ok());
  const alerts::Alert* encounter = nullptr;
  const alerts::Alert* gap = nullptr;
  for (const alerts::Alert& a : *all) {
    if (!encounter && a.rule == alerts::Rule::kDprkEncounter && a.vessels.size() == 2) encounter = &a;
    if (!gap && a.rule == alerts::Rule::kDarkNearDprk) gap = &a;
  }
  ASSERT_TRUE(encounter && gap) << "the simulated world plants an encounter and a dark gap near the DPRK";
  const int64_t ids[] = {encounter->id, gap->id};
  Result<alerts::Case> c = alerts::CreateCase(*db, "ana", "Encounter and gap", ids);
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_TRUE(alerts::ProposeOutcome(*db, "ana", c->id, alerts::CaseOutcome::kConfirmed).ok());
  ASSERT_TRUE(alerts::ApproveOutcome(*db, "ben", c->id).ok());

  report::ReportOptions o;
  o.land_geojson_path = LandFile();
  o.author = "ana";
  Result<report::Report> r = report::BuildCaseReport(*db, c->id, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->land.empty());
  const std::string html = report::RenderHtml(*r);
  // Stands alone: no script, no external file.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // Both vessels of the encounter have a track on the map; the timeline is there.
  for (const alerts::VesselIdentity& v : encounter->vessels)
    EXPECT_NE(html.find("class=\"track\" data-mmsi=\"" + std::to_string(v.mmsi.value) + "\""), std::string::npos)
        << v.mmsi.value;
  EXPECT_NE(html.find("class=\"timeline\""), std::string::npos);
  EXPECT_NE(html.find(">encounter</td>"), std::string::npos);
  EXPECT_NE(html.find(">gap</td>"), std::string::npos);
  EXPECT_NE(html.find("<code>store:"), std::string::npos);  // the input references
  EXPECT_NE(html.find(encounter->measures.front().resolution), std::string::npos);
  EXPECT_NE(html.find("approved by ben"), std::string::npos);
  Result<alerts::AuditCheck> chain = alerts::VerifyAudit(*db);
  ASSERT_TRUE(chain.ok());
  EXPECT_NE(html.find(chain->head_hash), std::string::npos) << "the chain's head at export";
  EXPECT_NE(html.find("case.approve"), std::string::npos);
  if (!r->list_versions.empty()) EXPECT_NE(html.find("List versions cited"), std::string::npos);

  // The PDF, rendered back to images.
  const std::string html_path = test_store().dir().File("case.html"), pdf = test_store().dir().File("case.pdf");
  WriteFile(html_path, html);
  if (!std::filesystem::exists("/usr/bin/chromium") || !std::filesystem::exists("/usr/bin/pdftoppm"))
    WK_SKIP_OR_FAIL("chromium and pdftoppm (scripts/install-deps) are needed for the PDF");
  Status s = report::WritePdf(html_path, pdf);
  ASSERT_TRUE(s.ok()) << s.error().message;
  const std::string prefix = test_store().dir().File("page");
  const std::string cmd = "pdftoppm -r 40 '" + pdf + "' '" + prefix + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<std::string> pages;
  for (const auto& f : std::filesystem::directory_iterator(test_store().dir().path()))
    if (f.path().filename().string().rfind("page", 0) == 0) pages.push_back(f.path().string());
  std::sort(pages.begin(), pages.end());
  EXPECT_GE(pages.size(), 2u) << "map, timeline, evidence, review and audit do not fit one A4 page";
  EXPECT_LE(pages.size(), 30u);
  ASSERT_FALSE(pages.empty());
  const Image first = ReadPpm(pages.front());
  ASSERT_GT(first.width, 100);
  // The map fills the upper part of page 1: land, sea and both tracks' colours are there.
  const int y0 = first.height / 10, y1 = first.height * 6 / 10;
  EXPECT_GT(CountColour(first, y0, y1, 0xe8, 0xe4, 0xd8, 6), 200) << "land";
  EXPECT_GT(CountColour(first, y0, y1, 0xee, 0xf4, 0xf8, 4), 200) << "sea";
  EXPECT_GT(CountColour(first, y0, y1, 0xc0, 0x39, 0x2b, 40) + CountColour(first, y0, y1, 0x1f, 0x5f, 0xa8, 40), 20)
      << "tracks";
}

TEST(ReportCommand, ExitStatusesAndTheSummaryLine) {
  TempDir dir;
  const std::string db = dir.File("w.db");
  EXPECT_EQ(RunCli({"report", "--db", db}).status, 2);                                  // neither --case nor --vessel
  EXPECT_EQ(RunCli({"report", "--db", db, "--case", "1", "--vessel", "445000001"}).status, 2);
  EXPECT_EQ(RunCli({"report", "--db", db, "--case", "1", "--pdf", dir.File("x.pdf")}).status, 2);  // --pdf needs --out
  CliRun missing = RunCli({"report", "--db", db, "--case", "1"});
  EXPECT_EQ(missing.status, 1);                                                          // no such store
  EXPECT_FALSE(std::filesystem::exists(db)) << "a mistyped --db must not create a store";
  ASSERT_EQ(RunCli({"cases", "create", "--db", db, "--title", "empty", "--as", "ana"}).status, 0);
  CliRun unknown = RunCli({"report", "--db", db, "--case", "2"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("watchkeeper: "), std::string::npos) << unknown.err;
  CliRun ok = RunCli({"report", "--db", db, "--case", "1", "--out", dir.File("c.html"), "--as", "ana"});
  ASSERT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"report\":\"case\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\"audit_intact\":true"), std::string::npos) << ok.out;
  const std::string html = ReadFile(dir.File("c.html"));
  EXPECT_NE(html.find("Case #1: empty"), std::string::npos);
  EXPECT_NE(html.find("exported "), std::string::npos);
  EXPECT_NE(html.find(" by ana"), std::string::npos);
}

TEST_P(ReportTest, UnknownCaseIsNotFound) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(alerts::EnsureAlertTables(*db).ok());
  Result<report::Report> r = report::BuildCaseReport(*db, 42, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

WK_ON_EVERY_ENGINE(ReportTest);

}  // namespace
}  // namespace wk::testing
