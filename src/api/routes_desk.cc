// Routes the desk (web/) needs beyond the rest of the API: every vessel's
// track in a window thinned for the map's zoom, the ports the detectors know
// with the distance the rules call "near the DPRK", one case's audit trail,
// the chain's state for analysts, a recorded Council vote ballot by ballot,
// and a case's or a vessel's evidence report as one HTML file.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "api/service.h"
#include "core/core.h"
#include "council/council.h"
#include "detect/detect.h"
#include "report/report.h"
#include "tracks/tracks.h"

namespace wk::api {
namespace {

std::array<double, 4> BboxParam(const Call& call) {
  const std::string text = QueryText(call, "bbox");
  if (text.empty()) return {-180, -90, 180, 90};
  return ParseBbox(text);
}

double ResolutionParam(const Call& call) {
  const std::string text = QueryText(call, "resolution");
  if (text.empty()) return 0.01;
  char* end = nullptr;
  const double r = std::strtod(text.c_str(), &end);
  if (!end || *end != '\0' || !(r >= 0 && r <= 10)) Throw(400, "must be a number of degrees from 0 to 10", "resolution");
  return r;
}

// Who a vessel says it is, from its static reports in the window (the last of each).
struct Said {
  std::string name;
  uint32_t imo = 0;
  int ship_type = 0;
};
Said LastSaid(std::span<const tracks::StaticInfo> statics) {
  Said s;
  for (const tracks::StaticInfo& r : statics) {
    if (!r.name.empty()) s.name = r.name;
    if (r.imo) s.imo = r.imo;
    if (r.ship_type) s.ship_type = r.ship_type;
  }
  return s;
}

// The last answers of the map route, for a minute: a week of a region is
// hundreds of thousands of positions to read (over a second on PostgreSQL),
// and the desk asks for the same overview again and again. A position
// ingested meanwhile shows on the map within kMapCacheTtlMs.
constexpr int64_t kMapCacheTtlMs = 60 * 1000;
constexpr size_t kMapCacheEntries = 16;
struct MapCache {
  std::mutex mu;
  std::map<std::string, std::pair<int64_t, std::shared_ptr<const std::string>>> entries;  // key -> (made at, JSON)
};
MapCache& TheMapCache() {
  static MapCache cache;
  return cache;
}

std::string MapKey(const Call& call) {
  std::string key = call.config().store_url + "\n" + std::to_string(call.lists()->max_version_id);
  for (const char* p : {"from", "to", "bbox", "resolution", "max_points", "events"}) key += "\n" + QueryText(call, p);
  return key;
}

void ReplyMap(Call& call, std::shared_ptr<const std::string> json) {
  // "; charset=utf-8" keeps cpp-httplib from Brotli-compressing megabytes at
  // its slowest quality (seconds; routes_static.cc says more).
  call.res.status = 200;
  call.res.set_content(*json, "application/json; charset=utf-8");
}

std::string MapJson(Call& call);

void MapRoute(Call& call) {
  const std::string key = MapKey(call);
  const int64_t now = NowMs();
  MapCache& cache = TheMapCache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && now - it->second.first < kMapCacheTtlMs && now >= it->second.first)
      return ReplyMap(call, it->second.second);
  }
  auto json = std::make_shared<const std::string>(MapJson(call));
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    for (auto it = cache.entries.begin(); it != cache.entries.end();)
      it = now - it->second.first >= kMapCacheTtlMs ? cache.entries.erase(it) : std::next(it);
    if (cache.entries.size() >= kMapCacheEntries) cache.entries.clear();
    cache.entries[key] = {now, json};
  }
  ReplyMap(call, json);
}

std::string MapJson(Call& call) {
  tracks::TimeWindow window;
  if (auto from = QueryTime(call, "from")) window.from_s = *from;
  if (auto to = QueryTime(call, "to")) window.to_s = *to;
  if (window.from_s >= window.to_s) Throw(400, "must be after from", "to");
  report::ThinOptions thin;
  thin.tolerance_deg = ResolutionParam(call);
  const std::array<double, 4> bbox = BboxParam(call);
  if (bbox != std::array<double, 4>{-180, -90, 180, 90}) thin.bbox = bbox;
  const int64_t max_points = QueryInt(call, "max_points", 1, 2000000).value_or(200000);
  const bool with_events = QueryBool(call, "events").value_or(false);
  Result<tracks::Traffic> traffic = tracks::LoadTraffic(call.db(), window);
  if (!traffic.ok()) ThrowError(traffic.error());
  // The window's events (detect over the same tracks, built-in ports, default
  // thresholds, as GET /events) on a second thread while this one thins.
  std::vector<detect::EventRow> rows;
  std::jthread detecting;  // joined on the way out, also when something throws
  if (with_events)
    detecting = std::jthread([&rows, &traffic] {
      const detect::PortTable ports = detect::PortTable::BuiltIn();
      rows = detect::EventRows(detect::DetectAll(traffic->tracks, traffic->statics, ports, detect::Config{}), ports);
    });
  std::shared_ptr<const ListsSnapshot> lists = call.lists();
  const std::vector<tracks::Vessel> vessels = tracks::Vessels(traffic->tracks, traffic->statics);

  std::string out;
  out.reserve(1 << 20);
  JsonWriter w(out);
  w.BeginObject().Key("vessels").BeginArray();
  int64_t positions = 0, kept = 0;
  bool truncated = false;
  std::vector<report::TrackPiece> pieces;
  for (const tracks::Vessel& v : vessels) {
    if (v.track.empty()) continue;
    positions += static_cast<int64_t>(v.track.size());
    pieces.clear();
    const size_t n = report::ThinTrack(v.track, thin, pieces);
    if (pieces.empty()) continue;
    if (kept + static_cast<int64_t>(n) > max_points) {
      truncated = true;
      continue;
    }
    kept += static_cast<int64_t>(n);
    const Said said = LastSaid(v.statics);
    const int mid = MidOfShipMmsi(v.mmsi);
    const bool listed = lists->vessels.FindMmsi(v.mmsi) || (said.imo && lists->vessels.FindImo(said.imo)) ||
                        (!said.name.empty() && lists->vessels.FindName(said.name));
    w.BeginObject().Field("mmsi", v.mmsi.value).Field("name", said.name).Field("flag", CountryOfMid(mid));
    w.Field("ship_type", said.ship_type).Field("listed", listed).Key("pieces").BeginArray();
    for (const report::TrackPiece& p : pieces) {
      w.BeginArray();
      for (const tracks::Fix& f : p.fixes) {
        w.BeginArray().Decimal(f.lon_deg, 5).Decimal(f.lat_deg, 5).Int(f.time_s).EndArray();
      }
      w.EndArray();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  if (detecting.joinable()) detecting.join();
  if (with_events) {
    std::stable_sort(rows.begin(), rows.end(), [](const detect::EventRow& a, const detect::EventRow& b) {
      return a.start_s < b.start_s;
    });
    w.Key("events").BeginArray();
    for (const detect::EventRow& r : rows) {
      if (!std::isfinite(r.lat_deg) || !std::isfinite(r.lon_deg)) continue;
      if (thin.bbox && !(r.lon_deg >= bbox[0] && r.lat_deg >= bbox[1] && r.lon_deg <= bbox[2] && r.lat_deg <= bbox[3]))
        continue;
      w.BeginObject().Field("type", detect::EventTypeName(r.type)).Field("kind", r.kind).Field("mmsi", r.mmsi.value);
      w.Key("other_mmsi");
      if (r.other_mmsi) w.Int(r.other_mmsi->value);
      else w.Null();
      w.Key("start").TimeS(r.start_s).Key("end").TimeS(r.end_s).Key("lat").Decimal(r.lat_deg, 5);
      w.Key("lon").Decimal(r.lon_deg, 5).Field("port", r.port).EndObject();
    }
    w.EndArray();
    // The alerts of the window, each at its first event with a position.
    alerts::AlertFilter f;
    if (window.from_s != tracks::TimeWindow{}.from_s) f.since_s = window.from_s;
    f.limit = 1000;
    Result<std::vector<alerts::Alert>> found = alerts::ListAlerts(call.db(), f);
    if (!found.ok()) ThrowError(found.error());
    w.Key("alerts").BeginArray();
    for (const alerts::Alert& a : *found) {
      if (a.start_s >= window.to_s) continue;
      auto at = std::find_if(a.events.begin(), a.events.end(),
                             [](const alerts::AlertEvent& e) { return std::isfinite(e.lat_deg) && std::isfinite(e.lon_deg); });
      if (at == a.events.end()) continue;
      w.BeginObject().Field("id", a.id).Field("rule", alerts::RuleName(a.rule)).Field("severity", alerts::SeverityName(a.severity));
      w.Field("mmsi", at->mmsi.value).Key("lat").Decimal(at->lat_deg, 5).Key("lon").Decimal(at->lon_deg, 5).EndObject();
    }
    w.EndArray();
  }
  w.Field("positions", positions).Field("kept", kept).Field("truncated", truncated);
  w.Field("resolution", thin.tolerance_deg).EndObject();
  return out;
}

// The distance within which the rules call a place "near the DPRK" (a dark
// gap starting or ending there: rule 3).
void PortsRoute(Call& call) {
  const detect::PortTable ports = detect::PortTable::BuiltIn();
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("ports").BeginArray();
  for (const detect::Port& p : ports.ports()) {
    w.BeginObject().Field("locode", p.locode).Field("name", p.name).Field("country", p.country);
    w.Key("lat").Decimal(p.lat_deg, 5).Key("lon").Decimal(p.lon_deg, 5).Field("radius_km", p.radius_km);
    w.Field("high_risk", p.high_risk).EndObject();
  }
  w.EndArray().Field("dprk_zone_km", alerts::RuleConfig{}.dark_near_dprk_km).EndObject();
  call.Reply(200, std::move(out));
}

void AppendRecords(JsonWriter& w, const std::vector<alerts::AuditRecord>& rows) {
  w.Key("records").BeginArray();
  for (const alerts::AuditRecord& r : rows) {
    std::string one;
    alerts::AppendAuditJson(one, r);
    w.Raw(one);
  }
  w.EndArray().Field("count", rows.size());
}

// The rows about the case and about each of its alerts, in seq order.
void CaseAuditRoute(Call& call) {
  const int64_t id = PathInt(call, "id", 1, INT64_MAX / 2);
  Result<alerts::Case> c = alerts::GetCase(call.db(), id);
  if (!c.ok()) ThrowError(c.error());
  Result<std::vector<alerts::AuditRecord>> rows = report::CaseAuditTrail(call.db(), *c);
  if (!rows.ok()) ThrowError(rows.error());
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  AppendRecords(w, *rows);
  w.EndObject();
  call.Reply(200, std::move(out));
}

// The chain checked, for the analysts who write reports that carry its head.
void AuditStatusRoute(Call& call) {
  Result<alerts::AuditCheck> check = alerts::VerifyAudit(call.db());
  if (!check.ok()) ThrowError(check.error());
  std::string out;
  alerts::AppendAuditCheckJson(out, *check);
  call.Reply(200, std::move(out));
}

void RecordedVoteRoute(Call& call) {
  const std::string symbol = QueryText(call, "draft");
  if (symbol.empty()) Throw(400, "required", "draft");
  std::optional<council::RecordedDraft> draft = council::FindRecordedDraft(council::DefaultRegime(), symbol);
  if (!draft) Throw(404, "no recorded vote on draft '" + symbol + "'", "draft");
  const council::VoteInput in = council::ToVoteInput(*draft);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("draft", draft->symbol).Field("date", council::FormatDate(draft->date));
  w.Field("procedural", draft->procedural).Field("recorded_adopted", draft->recorded_adopted).Key("votes").BeginObject();
  for (const council::MemberVote& v : in.votes) w.Field(v.code, council::BallotName(v.ballot));
  w.EndObject().EndObject();
  call.Reply(200, std::move(out));
}

// ?format=pdf: the report printed by headless Chromium (a few seconds).
bool WantsPdf(const Call& call) {
  const std::string format = QueryText(call, "format");
  if (!format.empty() && format != "html" && format != "pdf") Throw(400, "must be html or pdf", "format");
  return format == "pdf";
}

void ReplyPdf(Call& call, const std::string& html, const std::string& filename) {
  Result<std::string> pdf = report::PdfOf(html);
  if (!pdf.ok()) {
    std::cerr << "watchkeeper serve: " << pdf.error().message << "\n";
    Throw(503, "the PDF could not be made here (headless Chromium): " + pdf.error().message);
  }
  call.res.status = 200;
  call.res.set_content(std::move(pdf).value(), "application/pdf");
  call.res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
}

void ReplyHtml(Call& call, std::string html, const std::string& filename) {
  call.res.status = 200;
  call.res.set_content(std::move(html), "text/html; charset=utf-8");
  // The report stands alone: its own inline style and images, nothing else.
  call.res.headers.erase("Content-Security-Policy");
  call.res.set_header("Content-Security-Policy",
                      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
  call.res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
}

report::ReportOptions Options(const Call& call) {
  report::ReportOptions o;
  o.land_geojson_path = call.config().web_dir.empty() ? "" : call.config().web_dir + "/assets/land.json";
  o.author = call.who.name;
  return o;
}

void CaseReportRoute(Call& call) {
  const int64_t id = PathInt(call, "id", 1, INT64_MAX / 2);
  const bool pdf = WantsPdf(call);
  Result<report::Report> r = report::BuildCaseReport(call.db(), id, Options(call));
  if (!r.ok()) ThrowError(r.error());
  if (pdf) return ReplyPdf(call, report::RenderHtml(*r), "case-" + std::to_string(id) + ".pdf");
  ReplyHtml(call, report::RenderHtml(*r), "case-" + std::to_string(id) + ".html");
}

void VesselReportRoute(Call& call) {
  const int64_t mmsi = PathInt(call, "mmsi", 1, 999999999);
  Result<report::Report> r =
      report::BuildVesselReport(call.db(), Mmsi{static_cast<uint32_t>(mmsi)}, Options(call));
  if (!r.ok()) ThrowError(r.error());
  ReplyHtml(call, report::RenderHtml(*r), "vessel-" + std::to_string(mmsi) + ".html");
}

}  // namespace

void AddDeskRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/map", Role::kViewer, true, BodyKind::kNone, MapRoute});
  routes.push_back({"GET", "/api/v1/ports", Role::kViewer, true, BodyKind::kNone, PortsRoute});
  routes.push_back({"GET", "/api/v1/cases/{id}/audit", Role::kViewer, true, BodyKind::kNone, CaseAuditRoute});
  routes.push_back({"GET", "/api/v1/cases/{id}/report", Role::kViewer, true, BodyKind::kNone, CaseReportRoute});
  routes.push_back({"GET", "/api/v1/vessels/{mmsi}/report", Role::kViewer, true, BodyKind::kNone, VesselReportRoute});
  routes.push_back({"GET", "/api/v1/audit/status", Role::kAnalyst, true, BodyKind::kNone, AuditStatusRoute});
  routes.push_back({"GET", "/api/v1/council/recorded", Role::kViewer, true, BodyKind::kNone, RecordedVoteRoute});
}

}  // namespace wk::api
