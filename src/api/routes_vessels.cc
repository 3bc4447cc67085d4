// Routes: one vessel (what it broadcast, and its listings through the
// lists' current versions), its track as GeoJSON for kepler.gl, and the
// events detect finds in the store's tracks over a time window.
#include <algorithm>
#include <tuple>

#include "api/service.h"
#include "core/core.h"
#include "detect/detect.h"
#include "tracks/tracks.h"

namespace wk::api {
namespace {

Mmsi PathMmsi(const Call& call) { return Mmsi{static_cast<uint32_t>(PathInt(call, "mmsi", 1, 999999999))}; }

tracks::TimeWindow Window(const Call& call) {
  tracks::TimeWindow window;
  if (auto from = QueryTime(call, "from")) window.from_s = *from;
  if (auto to = QueryTime(call, "to")) window.to_s = *to;
  if (window.from_s >= window.to_s) Throw(400, "must be after from", "to");
  return window;
}

// The vessel's broadcast identities as static reports at their first and
// last times, the form the list join reads.
std::vector<tracks::StaticInfo> StaticsOf(const tracks::VesselSummary& v) {
  std::vector<tracks::StaticInfo> statics;
  for (const tracks::Identity& id : v.identities) {
    if (id.kind != "name" && id.kind != "imo" && id.kind != "callsign") continue;
    for (int64_t t : {id.first_s, id.last_s}) {
      tracks::StaticInfo s;
      s.mmsi = v.mmsi;
      s.time_s = t == tracks::kAllTime ? 0 : t;
      if (id.kind == "name") s.name = id.value;
      if (id.kind == "callsign") s.callsign = id.value;
      if (id.kind == "imo") {
        uint32_t imo = 0;
        for (char c : id.value) imo = c >= '0' && c <= '9' && imo < 100000000 ? imo * 10 + (c - '0') : imo;
        s.imo = imo;
      }
      statics.push_back(std::move(s));
      if (id.first_s == id.last_s) break;
    }
  }
  tracks::SortStatics(statics);
  return statics;
}

void VesselRoute(Call& call) {
  const Mmsi mmsi = PathMmsi(call);
  Result<tracks::VesselSummary> v = tracks::LoadVessel(call.db(), mmsi);
  if (!v.ok()) ThrowError(v.error());
  std::shared_ptr<const ListsSnapshot> lists = call.lists();
  const std::vector<tracks::StaticInfo> statics = StaticsOf(*v);
  std::vector<alerts::ListedVessel> listed;
  alerts::FindListedVessels(mmsi, statics, {}, lists->vessels, listed);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("vessel").Raw(tracks::VesselJson(*v)).Key("listings").BeginArray();
  for (const alerts::ListedVessel& l : listed) {
    std::string one;
    alerts::AppendJson(l, one);
    w.Raw(one);
  }
  w.EndArray().Key("list_versions");
  AppendVersionsJson(w, *lists);
  w.EndObject();
  call.Reply(200, std::move(out));
}

void TrackRoute(Call& call) {
  const Mmsi mmsi = PathMmsi(call);
  const tracks::TimeWindow window = Window(call);
  Result<std::vector<tracks::Fix>> track = tracks::LoadTrack(call.db(), mmsi, window);
  if (!track.ok()) ThrowError(track.error());
  if (track->empty()) {
    Result<tracks::VesselSummary> v = tracks::LoadVessel(call.db(), mmsi);
    if (!v.ok()) ThrowError(v.error());
  }
  std::string out;
  tracks::AppendTrackGeoJson(out, mmsi, *track);
  call.res.status = 200;
  call.res.set_content(std::move(out), "application/geo+json");
}

void EventsRoute(Call& call) {
  const tracks::TimeWindow window = Window(call);
  const std::string type = QueryText(call, "type");
  static constexpr std::string_view kTypes[] = {"port_call", "encounter", "gap", "loitering", "identity",
                                                "port_sequence"};
  if (!type.empty()) {
    bool known = false;
    for (std::string_view t : kTypes) known = known || type == t;
    if (!known) Throw(400, "must be port_call, encounter, gap, loitering, identity or port_sequence", "type");
  }
  std::optional<int64_t> mmsi = QueryInt(call, "mmsi", 1, 999999999);
  const int64_t limit = QueryInt(call, "limit", 1, 100000).value_or(1000);
  Result<tracks::Traffic> traffic = tracks::LoadTraffic(call.db(), window);
  if (!traffic.ok()) ThrowError(traffic.error());
  const detect::PortTable ports = detect::PortTable::BuiltIn();
  const detect::Events events = detect::DetectAll(traffic->tracks, traffic->statics, ports, detect::Config{});
  std::vector<detect::EventRow> rows = detect::EventRows(events, ports);
  std::stable_sort(rows.begin(), rows.end(), [](const detect::EventRow& a, const detect::EventRow& b) {
    return std::tie(a.start_s, a.type, a.mmsi.value) < std::tie(b.start_s, b.type, b.mmsi.value);
  });
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("events").BeginArray();
  int64_t total = 0;
  for (const detect::EventRow& r : rows) {
    if (!type.empty() && detect::EventTypeName(r.type) != type) continue;
    if (mmsi && r.mmsi.value != *mmsi && !(r.other_mmsi && r.other_mmsi->value == *mmsi)) continue;
    if (total++ < limit) w.Raw(r.json);
  }
  w.EndArray().Field("total", total).Field("truncated", total > limit).EndObject();
  call.Reply(200, std::move(out));
}

}  // namespace

void AddVesselRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/vessels/{mmsi}", Role::kViewer, true, BodyKind::kNone, VesselRoute});
  routes.push_back({"GET", "/api/v1/vessels/{mmsi}/track", Role::kViewer, true, BodyKind::kNone, TrackRoute});
  routes.push_back({"GET", "/api/v1/events", Role::kViewer, true, BodyKind::kNone, EventsRoute});
}

}  // namespace wk::api
