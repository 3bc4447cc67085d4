// The report as one HTML file: inline CSS, the map and the timeline as inline
// SVG, every table printed from the report's values. Nothing is fetched.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/report.h"

namespace wk::report {
namespace {

const char* const kColours[] = {"#c0392b", "#1f5fa8", "#1e8449", "#8e44ad", "#b9770e", "#117a65", "#6c3483", "#a04000"};

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Num(double v, int decimals = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

const char* EventColour(std::string_view type) {
  if (type == "encounter") return "#c0392b";
  if (type == "gap") return "#7d3c98";
  if (type == "port_call" || type == "port_sequence") return "#1e8449";
  if (type == "loitering") return "#b9770e";
  if (type == "listed_vessel") return "#922b21";
  return "#2e4053";
}

// Equirectangular, scaled by the cosine of the box's middle latitude, fitted
// into width x height with the aspect kept.
struct Projection {
  double lon0, lat1, scale_x, scale_y, off_x, off_y;
  Projection(const std::array<double, 4>& b, int width, int height) {
    const double k = std::cos((b[1] + b[3]) / 2 * M_PI / 180);
    const double w = std::max(1e-6, (b[2] - b[0]) * k), h = std::max(1e-6, b[3] - b[1]);
    const double s = std::min(width / w, height / h);
    scale_x = s * k;
    scale_y = s;
    lon0 = b[0];
    lat1 = b[3];
    off_x = (width - w * s) / 2;
    off_y = (height - h * s) / 2;
  }
  double X(double lon) const { return off_x + (lon - lon0) * scale_x; }
  double Y(double lat) const { return off_y + (lat1 - lat) * scale_y; }
};

// "M x y L x y ..." skipping points within `min_px` of the last one written.
template <typename Points, typename LonLat>
std::string PathOf(const Points& points, const Projection& p, double min_px, LonLat lonlat, bool close) {
  std::string d;
  double lx = 1e18, ly = 1e18;
  size_t n = 0;
  for (const auto& pt : points) {
    const auto [lon, lat] = lonlat(pt);
    const double x = p.X(lon), y = p.Y(lat);
    if (n > 0 && std::fabs(x - lx) < min_px && std::fabs(y - ly) < min_px) continue;
    d += n == 0 ? "M" : "L";
    d += Num(x) + " " + Num(y) + " ";
    lx = x, ly = y;
    ++n;
  }
  if (close && n > 2) d += "Z";
  return n > 1 || (!close && n == 1) ? d : std::string();
}

void Legend(std::string& out, const Report& r) {
  out += "<ul class=\"legend\">";
  for (size_t i = 0; i < r.tracks.size(); ++i)
    out += "<li><span class=\"sw\" style=\"background:" + std::string(kColours[i % 8]) + "\"></span>" +
           Esc(r.tracks[i].label) + "</li>";
  std::vector<std::string> kinds;
  for (const MapMark& m : r.marks)
    if (std::find(kinds.begin(), kinds.end(), m.type) == kinds.end()) kinds.push_back(m.type);
  for (const std::string& k : kinds)
    out += "<li><span class=\"dot\" style=\"background:" + std::string(EventColour(k)) + "\"></span>" + Esc(k) +
           "</li>";
  out += "</ul>";
}

std::string TimelineSvg(const std::vector<alerts::AlertEvent>& events) {
  if (events.empty()) return "<p>No events.</p>";
  int64_t t0 = events.front().start_s, t1 = t0;
  for (const alerts::AlertEvent& e : events) t0 = std::min(t0, e.start_s), t1 = std::max(t1, std::max(e.end_s, e.start_s));
  const double span = std::max<double>(static_cast<double>(t1 - t0), 3600);
  const int width = 760, left = 220, right = 16, row = 20, top = 6;
  const int height = top + static_cast<int>(events.size()) * row + 34;
  auto x = [&](int64_t t) { return left + (static_cast<double>(t - t0) / span) * (width - left - right); };
  std::string out = "<svg class=\"timeline\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"Timeline of the events\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (size_t i = 0; i < events.size(); ++i) {
    const alerts::AlertEvent& e = events[i];
    const double y = top + static_cast<double>(i) * row;
    std::string label = e.type + " " + std::to_string(e.mmsi.value);
    if (e.other_mmsi) label += "/" + std::to_string(e.other_mmsi->value);
    const double x0 = x(e.start_s), x1 = std::max(x(std::max(e.end_s, e.start_s)), x0 + 3);
    out += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(y + 13) + "\" text-anchor=\"end\" font-size=\"11\">" +
           Esc(label) + "</text><rect x=\"" + Num(x0) + "\" y=\"" + Num(y + 3) + "\" width=\"" + Num(x1 - x0) +
           "\" height=\"" + std::to_string(row - 6) + "\" rx=\"2\" fill=\"" + EventColour(e.type) + "\"><title>" +
           Esc(label + ": " + FormatTime(e.start_s) + " to " + FormatTime(e.end_s)) + "</title></rect>";
  }
  const double axis = top + static_cast<double>(events.size()) * row + 6;
  out += "<line x1=\"" + Num(left) + "\" x2=\"" + Num(width - right) + "\" y1=\"" + Num(axis) + "\" y2=\"" + Num(axis) +
         "\" stroke=\"#555\"/>";
  for (int i = 0; i <= 4; ++i) {
    const int64_t t = t0 + static_cast<int64_t>(span * i / 4);
    const std::string when = FormatTime(t).substr(5, 11);
    out += "<text x=\"" + Num(x(t)) + "\" y=\"" + Num(axis + 18) + "\" font-size=\"10\" text-anchor=\"" +
           (i == 0 ? "start" : i == 4 ? "end" : "middle") + "\">" + Esc(when) + "Z</text>";
  }
  return out + "</svg>";
}

std::string Time(int64_t t) { return FormatTime(t); }

void AlertsSection(std::string& out, const Report& r) {
  out += "<h2>Alerts</h2>";
  if (r.alerts.empty()) out += "<p>No alerts.</p>";
  for (const alerts::Alert& a : r.alerts) {
    out += "<section class=\"alert\"><h3>Alert #" + std::to_string(a.id) + ": " + Esc(alerts::RuleName(a.rule)) +
           " (" + Esc(alerts::SeverityName(a.severity)) + ")</h3><p>" + Esc(a.summary) + "</p><p class=\"meta\">" +
           Esc(Time(a.start_s)) + " to " + Esc(Time(a.end_s)) + "; status " + Esc(a.status) + "; " +
           Esc(a.severity_reason) + "</p>";
    out += "<table><caption>Vessels and list entries</caption><thead><tr><th>Vessel</th><th>MMSI</th><th>IMO</th>"
           "<th>Flag</th><th>List entries (score, list version)</th></tr></thead><tbody>";
    for (const alerts::VesselIdentity& v : a.vessels) {
      out += "<tr><td>" + Esc(v.name) + "</td><td>" + std::to_string(v.mmsi.value) + "</td><td>" +
             (v.imo ? std::to_string(v.imo) : std::string("—")) + "</td><td>" + Esc(v.flag) + "</td><td>";
      if (v.listings.empty()) out += "none";
      for (const alerts::Listing& l : v.listings)
        out += "<div>" + Esc(l.source) + " " + Esc(l.entity_name) + " (" + Esc(l.entity_id) + ") by " + Esc(l.field) +
               " " + Esc(l.value) + ", score " + Num(l.score, 2) + ", list version " + std::to_string(l.list_version) +
               " of " + Esc(l.list_generated) + "</div>";
      out += "</td></tr>";
    }
    out += "</tbody></table><h4>Measures in force that it may breach, the primary first</h4><ol class=\"measures\">";
    for (const alerts::AlertMeasure& m : a.measures) {
      out += "<li><strong>" + Esc(m.resolution) + (m.paragraph.empty() ? "" : " para " + Esc(m.paragraph)) +
             "</strong> (" + Esc(m.id) + ")<blockquote>" + Esc(m.text) + "</blockquote>";
      if (m.text_is_summary) out += "<p class=\"meta\">The measure's summary: " + Esc(m.text_source) + "</p>";
      out += "<p class=\"meta\">" + Esc(m.why) + "</p></li>";
    }
    out += "</ol><p class=\"meta\">Reproduce: detector " + Esc(a.detector_version) + ", config " + Esc(a.config_hash) +
           ", input " + Esc(a.input) + ", window " + Esc(Time(a.input_from_s)) + " to " + Esc(Time(a.input_to_s)) +
           ".</p></section>";
  }
}

void EventsSection(std::string& out, const Report& r) {
  out += "<h2>Events, their positions and input references</h2><table><thead><tr><th>Event</th><th>Vessels</th>"
         "<th>From</th><th>To</th><th>Position</th><th>Port</th><th>Input reference</th></tr></thead><tbody>";
  for (const alerts::AlertEvent& e : r.events) {
    std::string who = std::to_string(e.mmsi.value);
    if (e.other_mmsi) who += " and " + std::to_string(e.other_mmsi->value);
    out += "<tr><td>" + Esc(e.type) + (e.kind.empty() ? "" : " / " + Esc(e.kind)) + "</td><td>" + who + "</td><td>" +
           Esc(Time(e.start_s)) + "</td><td>" + Esc(Time(e.end_s)) + "</td><td>" +
           (std::isfinite(e.lat_deg) ? Num(e.lat_deg, 5) + ", " + Num(e.lon_deg, 5) : std::string("—")) +
           "</td><td>" + Esc(e.port) + "</td><td><code>" + Esc(e.source) + "</code></td></tr>";
  }
  out += "</tbody></table>";
}

void ListsSection(std::string& out, const Report& r) {
  if (!r.entries.empty()) {
    out += "<h2>List entries cited</h2><table><thead><tr><th>Entry</th><th>Name</th><th>Listed on</th>"
           "<th>Programmes</th><th>Remarks</th></tr></thead><tbody>";
    for (const lists::Entity& e : r.entries) {
      std::string programmes;
      for (const std::string& p : e.programmes) programmes += (programmes.empty() ? "" : ", ") + p;
      out += "<tr><td>" + Esc(e.id) + "</td><td>" + Esc(e.names.empty() ? std::string() : e.names.front().full) +
             "</td><td>" + Esc(e.listed_on) + "</td><td>" + Esc(programmes) + "</td><td>" + Esc(e.remarks) + "</td></tr>";
    }
    out += "</tbody></table>";
  }
  out += "<h2>List versions cited</h2>";
  if (r.list_versions.empty()) {
    out += "<p>No listing: no vessel of these alerts is on a list the store holds.</p>";
    return;
  }
  out += "<table><thead><tr><th>Version</th><th>Source</th><th>Format</th><th>List date</th><th>Imported</th>"
         "<th>Entities</th><th>Content hash</th><th>Files</th></tr></thead><tbody>";
  for (const lists::ListVersion& v : r.list_versions) {
    std::string files;
    for (const std::string& f : v.files) files += (files.empty() ? "" : ", ") + f;
    out += "<tr><td>" + std::to_string(v.id) + "</td><td>" + Esc(v.source) + "</td><td>" + Esc(v.format) + "</td><td>" +
           Esc(v.generated) + "</td><td>" + Esc(v.imported_at) + "</td><td>" + std::to_string(v.entities) +
           "</td><td><code>" + Esc(v.content_hash) + "</code></td><td>" + Esc(files) + "</td></tr>";
  }
  out += "</tbody></table>";
}

void ReviewSection(std::string& out, const Report& r) {
  if (!r.review) return;
  const alerts::Case& c = *r.review;
  out += "<h2>Review</h2><table class=\"kv\"><tbody><tr><th>Status</th><td>" + Esc(alerts::CaseStatusName(c.status)) +
         "</td></tr><tr><th>Outcome</th><td>" +
         (c.outcome ? Esc(alerts::CaseOutcomeName(*c.outcome)) : std::string("none yet")) + "</td></tr>";
  if (c.proposed_outcome)
    out += "<tr><th>Proposed</th><td>" + Esc(alerts::CaseOutcomeName(*c.proposed_outcome)) + " by " + Esc(c.proposed_by) +
           ", waiting for a second analyst</td></tr>";
  else if (!c.proposed_by.empty())
    out += "<tr><th>Four eyes</th><td>proposed by " + Esc(c.proposed_by) + ", approved by " + Esc(c.approved_by) +
           "</td></tr>";
  out += "<tr><th>Assignee</th><td>" + Esc(c.assignee.empty() ? "unassigned" : c.assignee) +
         "</td></tr><tr><th>Opened</th><td>" + Esc(c.created_at) + " by " + Esc(c.created_by) + "</td></tr>";
  std::string tags;
  for (const std::string& t : c.tags) tags += (tags.empty() ? "" : ", ") + t;
  out += "<tr><th>Tags</th><td>" + Esc(tags.empty() ? "none" : tags) + "</td></tr></tbody></table><h3>Notes</h3>";
  if (c.notes.empty()) out += "<p>None.</p>";
  else {
    out += "<ol>";
    for (const alerts::CaseNote& n : c.notes)
      out += "<li><p class=\"meta\">" + Esc(n.author) + ", " + Esc(n.at) + "</p><p>" + Esc(n.text) + "</p></li>";
    out += "</ol>";
  }
}

void AuditSection(std::string& out, const Report& r) {
  out += "<h2>Audit trail</h2><table class=\"audit\"><thead><tr><th>Seq</th><th>When</th><th>Who</th><th>What</th>"
         "<th>Subject</th><th>Previous hash</th><th>Hash</th></tr></thead><tbody>";
  for (const alerts::AuditRecord& a : r.audit)
    out += "<tr><td>" + std::to_string(a.seq) + "</td><td>" + Esc(a.at) + "</td><td>" + Esc(a.actor) + "</td><td>" +
           Esc(a.action) + "</td><td>" + Esc(a.subject) + "</td><td><code>" + Esc(a.prev_hash) + "</code></td><td><code>" +
           Esc(a.hash) + "</code></td></tr>";
  out += "</tbody></table><h3>The audit chain at export</h3><p>";
  out += r.chain.intact ? "Intact: " : "<strong>Not intact</strong>: ";
  out += std::to_string(r.chain.rows) + " rows; the head is row " + std::to_string(r.chain.head_seq) +
         " with hash</p><p class=\"hash\"><code>" + Esc(r.chain.head_hash) + "</code></p>";
  if (!r.chain.intact) out += "<p>" + Esc(r.chain.problem) + "</p>";
  out += "<p class=\"meta\">Check it: <code>watchkeeper audit verify --expect-head " + Esc(r.chain.head_hash) +
         "</code> on the store passes while row " + std::to_string(r.chain.head_seq) +
         " still carries this hash. Each row's hash is the hex SHA-256 of \"wk-audit-v1\\n\" followed by seq, at, "
         "actor, action, subject, before, after and prev_hash, each written as its byte length, \":\", its bytes "
         "and \"\\n\" (docs/cases.md); an exported row can be checked with any SHA-256 tool.</p>";
}

void VesselSection(std::string& out, const Report& r) {
  if (!r.vessel) return;
  const tracks::VesselSummary& v = *r.vessel;
  out += "<h2>Identity history</h2><p>" + std::to_string(v.positions) + " positions";
  if (v.first_seen_s != tracks::kAllTime) out += ", heard from " + Esc(Time(v.first_seen_s)) + " to " + Esc(Time(v.last_seen_s));
  out += ".</p><table><thead><tr><th>Kind</th><th>Value</th><th>First</th><th>Last</th></tr></thead><tbody>";
  for (const tracks::Identity& id : v.identities)
    out += "<tr><td>" + Esc(id.kind) + "</td><td>" + Esc(id.value) + "</td><td>" +
           (id.first_s == tracks::kAllTime ? "—" : Esc(Time(id.first_s))) + "</td><td>" +
           (id.last_s == tracks::kAllTime ? "—" : Esc(Time(id.last_s))) + "</td></tr>";
  out += "</tbody></table>";
}

constexpr std::string_view kStyle = R"(
body{font:13px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1b1b1b;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:21px;margin:0 0 4px}h2{font-size:16px;border-bottom:1px solid #bbb;padding-bottom:2px;margin-top:22px}
h3{font-size:14px}h4{font-size:13px}.meta{color:#555;font-size:12px}
table{border-collapse:collapse;width:100%;margin:6px 0;font-size:12px}th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#f1f1f1}tr{page-break-inside:avoid}code{font-size:11px;word-break:break-all}
blockquote{margin:4px 0 4px 12px;padding-left:8px;border-left:3px solid #bbb}
.map{border:1px solid #999;width:100%;height:auto;background:#eef4f8}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}
.sw{display:inline-block;width:18px;height:4px;margin-right:5px;vertical-align:middle}.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}
.hash code{font-size:13px}.fictional{border:2px solid #b9770e;padding:6px;background:#fdf2e3}
@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none}section.alert{page-break-inside:auto}}
)";

}  // namespace

std::string RenderMapSvg(const Report& r, int width, int height) {
  const Projection p(r.bbox, width, height);
  std::string out = "<svg class=\"map\" id=\"report-map\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"100%\" role=\"img\" aria-label=\"Map of the tracks\" "
                    "xmlns=\"http://www.w3.org/2000/svg\"><defs><clipPath id=\"frame\"><rect width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(height) + "\"/></clipPath></defs>"
                    "<rect width=\"100%\" height=\"100%\" fill=\"#eef4f8\"/><g clip-path=\"url(#frame)\">";
  out += "<g fill=\"#e8e4d8\" stroke=\"#9c9583\" stroke-width=\"0.6\">";
  for (const Ring& ring : r.land) {
    const std::string d = PathOf(ring, p, 0.7, [](const std::array<double, 2>& q) { return std::pair{q[0], q[1]}; }, true);
    if (!d.empty()) out += "<path d=\"" + d + "\"/>";
  }
  out += "</g>";
  for (size_t i = 0; i < r.tracks.size(); ++i) {
    out += "<g class=\"track\" data-mmsi=\"" + std::to_string(r.tracks[i].mmsi.value) + "\" fill=\"none\" stroke=\"" +
           kColours[i % 8] + "\" stroke-width=\"2\" stroke-linejoin=\"round\"><title>" + Esc(r.tracks[i].label) + "</title>";
    for (const TrackPiece& piece : r.tracks[i].pieces) {
      const std::string d = PathOf(piece.fixes, p, 0.5, [](const tracks::Fix& f) { return std::pair{f.lon_deg, f.lat_deg}; }, false);
      if (!d.empty()) out += "<path d=\"" + d + "\"/>";
    }
    out += "</g>";
  }
  for (const MapMark& m : r.marks)
    out += "<circle cx=\"" + Num(p.X(m.lon_deg)) + "\" cy=\"" + Num(p.Y(m.lat_deg)) + "\" r=\"6\" fill=\"" +
           EventColour(m.type) + "\" stroke=\"#fff\" stroke-width=\"1.5\"><title>" + Esc(m.label) + "</title></circle>";
  out += "</g>";
  // A scale bar of a round number of kilometres, about a fifth of the width.
  const double km_per_px = 111.32 / p.scale_y;
  double km = km_per_px * width / 5;
  const double mag = std::pow(10, std::floor(std::log10(km)));
  km = km / mag >= 5 ? 5 * mag : km / mag >= 2 ? 2 * mag : mag;
  const double bar = km / km_per_px;
  out += "<g font-size=\"11\"><rect x=\"12\" y=\"" + std::to_string(height - 26) + "\" width=\"" + Num(bar + 8) +
         "\" height=\"20\" fill=\"#fff\" opacity=\"0.8\"/><line x1=\"16\" x2=\"" + Num(16 + bar) + "\" y1=\"" +
         std::to_string(height - 12) + "\" y2=\"" + std::to_string(height - 12) + "\" stroke=\"#222\" stroke-width=\"2\"/>"
         "<text x=\"16\" y=\"" + std::to_string(height - 15) + "\">" + Num(km, 0) + " km</text></g>";
  out += "<text x=\"" + std::to_string(width - 8) + "\" y=\"" + std::to_string(height - 8) +
         "\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">" + Num(r.bbox[0], 2) + "°E–" + Num(r.bbox[2], 2) +
         "°E, " + Num(r.bbox[1], 2) + "°N–" + Num(r.bbox[3], 2) + "°N · land: Natural Earth</text>";
  return out + "</svg>";
}

std::string RenderHtml(const Report& r) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Esc(r.title) +
                    "</title><style>" + std::string(kStyle) + "</style></head><body>";
  out += "<header><p class=\"meta\">Watchkeeper evidence report · exported " + Esc(r.exported_at) +
         (r.author.empty() ? "" : " by " + Esc(r.author)) + "</p><h1>" + Esc(r.title) + "</h1></header>";
  if (r.review) {
    out += "<p>Status <strong>" + Esc(alerts::CaseStatusName(r.review->status)) + "</strong>";
    if (r.review->outcome) out += ", outcome <strong>" + Esc(alerts::CaseOutcomeName(*r.review->outcome)) + "</strong>";
    out += "; " + std::to_string(r.alerts.size()) + " alert" + (r.alerts.size() == 1 ? "" : "s") + ".</p>";
  }
  out += "<h2>Map of the tracks</h2>" + RenderMapSvg(r, 900, 560);
  Legend(out, r);
  out += "<h2>Timeline</h2>" + TimelineSvg(r.events);
  VesselSection(out, r);
  AlertsSection(out, r);
  EventsSection(out, r);
  ListsSection(out, r);
  ReviewSection(out, r);
  AuditSection(out, r);
  out += "</body></html>\n";
  return out;
}

}  // namespace wk::report
