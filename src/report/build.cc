// Gathering a report from the store: the case (or vessel), its alerts, the
// tracks over the alerts' windows thinned for a printed map, the events, the
// list versions the listings cite, the audit rows and the chain verified.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "detect/detect.h"
#include "report/report.h"
#include "report/land.h"

namespace wk::report {
namespace {

// About 0.4 mm on an A4 map: finer detail is not printed.
constexpr double kPrintTolerance = 0.004;

int64_t NowMs(const ReportOptions& o) {
  if (o.now_ms) return o.now_ms;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Label(const alerts::VesselIdentity& v) {
  return (v.name.empty() ? std::string("(no name)") : v.name) + " (" + std::to_string(v.mmsi.value) + ")";
}

// The box around every track and mark, padded and never smaller than half a degree.
std::array<double, 4> BoxOf(const Report& r) {
  double a = 180, b = 90, c = -180, d = -90;
  auto take = [&](double lon, double lat) {
    a = std::min(a, lon), b = std::min(b, lat), c = std::max(c, lon), d = std::max(d, lat);
  };
  for (const MapTrack& t : r.tracks)
    for (const TrackPiece& p : t.pieces)
      for (const tracks::Fix& f : p.fixes) take(f.lon_deg, f.lat_deg);
  for (const MapMark& m : r.marks) take(m.lon_deg, m.lat_deg);
  if (a > c) return {124, 33, 132, 43};  // nothing to draw: the Korean peninsula
  const double pad_lon = std::max(0.25, (c - a) * 0.08), pad_lat = std::max(0.25, (d - b) * 0.08);
  return {std::max(-180.0, a - pad_lon), std::max(-90.0, b - pad_lat), std::min(180.0, c + pad_lon),
          std::min(90.0, d + pad_lat)};
}

void AddMarks(Report& r, const std::vector<alerts::AlertEvent>& events) {
  for (const alerts::AlertEvent& e : events) {
    if (!std::isfinite(e.lat_deg) || !std::isfinite(e.lon_deg)) continue;
    MapMark m;
    m.type = e.kind == "listed_vessel" ? "listed_vessel" : e.type;
    m.label = e.type + " " + FormatTime(e.start_s);
    m.lat_deg = e.lat_deg;
    m.lon_deg = e.lon_deg;
    r.marks.push_back(std::move(m));
  }
}

// Each vessel of the alerts, its track over the union of its alerts' windows.
Status AddTracks(store::Store& db, Report& r, const ReportOptions& o) {
  struct Want {
    alerts::VesselIdentity who;
    int64_t from_s, to_s;
  };
  std::vector<Want> wants;
  for (const alerts::Alert& a : r.alerts)
    for (const alerts::VesselIdentity& v : a.vessels) {
      auto it = std::find_if(wants.begin(), wants.end(), [&](const Want& w) { return w.who.mmsi == v.mmsi; });
      if (it == wants.end()) wants.push_back({v, a.start_s - o.pad_s, a.end_s + o.pad_s});
      else it->from_s = std::min(it->from_s, a.start_s - o.pad_s), it->to_s = std::max(it->to_s, a.end_s + o.pad_s);
    }
  ThinOptions thin;
  thin.tolerance_deg = kPrintTolerance;
  for (const Want& w : wants) {
    Result<std::vector<tracks::Fix>> fixes = tracks::LoadTrack(db, w.who.mmsi, {w.from_s, w.to_s});
    if (!fixes.ok()) return fixes.error();
    MapTrack t{w.who.mmsi, Label(w.who), {}};
    ThinTrack(*fixes, thin, t.pieces);
    r.tracks.push_back(std::move(t));
  }
  return Ok{};
}

Status AddListVersions(store::Store& db, Report& r) {
  std::set<int64_t> cited;
  std::set<std::string> ids;
  for (const alerts::Alert& a : r.alerts)
    for (const alerts::VesselIdentity& v : a.vessels)
      for (const alerts::Listing& l : v.listings) cited.insert(l.list_version), ids.insert(l.entity_id);
  for (const std::string& id : ids) {
    Result<lists::Entity> e = lists::LoadEntity(db, id);
    if (e.ok()) r.entries.push_back(std::move(e).value());
    else if (e.error().code != ErrorCode::kNotFound) return e.error();
  }
  Result<std::vector<lists::ListVersion>> all = lists::ListVersions(db);
  if (!all.ok()) return all.error();
  for (const lists::ListVersion& v : *all)
    if (cited.count(v.id)) r.list_versions.push_back(v);
  std::sort(r.list_versions.begin(), r.list_versions.end(),
            [](const lists::ListVersion& a, const lists::ListVersion& b) { return a.id < b.id; });
  return Ok{};
}

void SortEvents(std::vector<alerts::AlertEvent>& events) {
  std::stable_sort(events.begin(), events.end(), [](const alerts::AlertEvent& a, const alerts::AlertEvent& b) {
    return std::tie(a.start_s, a.type, a.mmsi.value) < std::tie(b.start_s, b.type, b.mmsi.value);
  });
}

// Shared by both kinds: events, marks, tracks, list versions, land, chain.
Status Finish(store::Store& db, Report& r, const ReportOptions& o) {
  for (const alerts::Alert& a : r.alerts) r.events.insert(r.events.end(), a.events.begin(), a.events.end());
  SortEvents(r.events);
  AddMarks(r, r.events);
  if (Status s = AddTracks(db, r, o); !s.ok()) return s;
  if (Status s = AddListVersions(db, r); !s.ok()) return s;
  r.bbox = BoxOf(r);
  if (!o.land_geojson_path.empty()) {
    Result<std::vector<Ring>> land = LoadLand(o.land_geojson_path, r.bbox);
    if (land.ok()) r.land = std::move(land).value();
  }
  Result<alerts::AuditCheck> chain = alerts::VerifyAudit(db);
  if (!chain.ok()) return chain.error();
  r.chain = *chain;
  r.exported_at = FormatTimeMs(NowMs(o));
  r.author = o.author;
  return Ok{};
}

// The rows about any of `subjects`, in seq order.
Result<std::vector<alerts::AuditRecord>> AuditAbout(store::Store& db, const std::vector<std::string>& subjects) {
  std::vector<alerts::AuditRecord> rows;
  for (const std::string& s : subjects) {
    alerts::AuditQuery q;
    q.subject = s;
    Result<std::vector<alerts::AuditRecord>> some = alerts::ReadAudit(db, q);
    if (!some.ok()) return some.error();
    rows.insert(rows.end(), some->begin(), some->end());
  }
  std::sort(rows.begin(), rows.end(), [](const alerts::AuditRecord& a, const alerts::AuditRecord& b) {
    return a.seq < b.seq;
  });
  return rows;
}

std::vector<std::string> AlertSubjects(const std::vector<alerts::Alert>& alerts) {
  std::vector<std::string> out;
  for (const alerts::Alert& a : alerts) out.push_back("alert:" + std::to_string(a.id));
  return out;
}

}  // namespace

Result<std::vector<alerts::AuditRecord>> CaseAuditTrail(store::Store& db, const alerts::Case& c) {
  std::vector<std::string> subjects = {"case:" + std::to_string(c.id)};
  for (int64_t id : c.alert_ids) subjects.push_back("alert:" + std::to_string(id));
  return AuditAbout(db, subjects);
}

Result<Report> BuildCaseReport(store::Store& db, int64_t case_id, const ReportOptions& options) {
  Result<alerts::Case> c = alerts::GetCase(db, case_id);
  if (!c.ok()) return c.error();
  Report r;
  r.kind = "case";
  r.title = "Case #" + std::to_string(c->id) + ": " + c->title;
  for (int64_t id : c->alert_ids) {
    Result<alerts::Alert> a = alerts::GetAlert(db, id);
    if (!a.ok()) return a.error();
    r.alerts.push_back(std::move(a).value());
  }
  Result<std::vector<alerts::AuditRecord>> trail = CaseAuditTrail(db, *c);
  if (!trail.ok()) return trail.error();
  r.audit = std::move(trail).value();
  r.review = std::move(c).value();
  if (Status s = Finish(db, r, options); !s.ok()) return s.error();
  return r;
}

Result<Report> BuildVesselReport(store::Store& db, Mmsi mmsi, const ReportOptions& options) {
  Result<tracks::VesselSummary> v = tracks::LoadVessel(db, mmsi);
  if (!v.ok()) return v.error();
  Report r;
  r.kind = "vessel";
  alerts::AlertFilter f;
  f.mmsi = mmsi;
  f.limit = 1000;
  Result<std::vector<alerts::Alert>> found = alerts::ListAlerts(db, f);
  if (!found.ok()) return found.error();
  r.alerts = std::move(found).value();
  std::string name;
  for (const tracks::Identity& id : v->identities)
    if (id.kind == "name") name = id.value;
  r.title = "Vessel " + (name.empty() ? std::string() : name + " ") + "(MMSI " + std::to_string(mmsi.value) + ")";
  Result<std::vector<alerts::AuditRecord>> trail = AuditAbout(db, AlertSubjects(r.alerts));
  if (!trail.ok()) return trail.error();
  r.audit = std::move(trail).value();
  if (Status s = Finish(db, r, options); !s.ok()) return s.error();
  // Its whole track (the alerts' windows may not cover it), thinned the same way.
  if (v->first_seen_s != tracks::kAllTime) {
    Result<std::vector<tracks::Fix>> fixes = tracks::LoadTrack(db, mmsi);
    if (!fixes.ok()) return fixes.error();
    r.tracks.clear();
    MapTrack t{mmsi, (name.empty() ? std::string("(no name)") : name) + " (" + std::to_string(mmsi.value) + ")", {}};
    ThinOptions thin;
    thin.tolerance_deg = kPrintTolerance;
    ThinTrack(*fixes, thin, t.pieces);
    r.tracks.push_back(std::move(t));
    r.bbox = BoxOf(r);
    if (!options.land_geojson_path.empty()) {
      Result<std::vector<Ring>> land = LoadLand(options.land_geojson_path, r.bbox);
      if (land.ok()) r.land = std::move(land).value();
    }
  }
  r.vessel = std::move(v).value();
  return r;
}

}  // namespace wk::report
