// report: what people read, drawn from the store: tracks thinned for a map at
// a given resolution (the desk's map route and the reports' SVG maps both use
// it), and evidence reports of a case or a vessel that stand on their own: one
// HTML file with no external reference (the map of the tracks as inline SVG
// over Natural Earth land, the timeline, the events with their positions and
// input references, the list entries with their versions, the measures in
// force with their text, the review and audit trail, and the audit chain's
// head hash at the time of export so a reader can check it), printable, and a
// PDF of it through headless Chromium.
//
// Example:
//   std::vector<report::TrackPiece> pieces;
//   report::ThinTrack(traffic.tracks.track(i), {.tolerance_deg = 0.01}, pieces);
//
//   Result<report::CaseReport> r = report::BuildCaseReport(db, 3, {});
//   std::string html = report::RenderHtml(*r);
//   Status pdf = report::WritePdf("case-3.html", "case-3.pdf", {});
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/alerts.h"
#include "lists/lists.h"
#include "core/core.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::report {

// ---- Thinning -------------------------------------------------------------------

struct ThinOptions {
  // A fix is kept when it lies at least this far (in degrees of latitude or
  // longitude, whichever is larger) from the last kept fix: about one screen
  // pixel at the map's zoom. 0 keeps every fix.
  double tolerance_deg = 0;
  // A silence longer than this starts a new piece, so a dark gap is never
  // drawn as if the ship had sailed straight across it.
  int64_t max_gap_s = 3600;
  // A step faster than this (two ships sharing an MMSI, a bad fix) starts a
  // new piece too: no ship sails it, so the map draws no line for it.
  double max_speed_knots = 60;
  // Only fixes inside [min_lon, min_lat, max_lon, max_lat]; leaving it starts
  // a new piece.
  std::optional<std::array<double, 4>> bbox;
};

// One unbroken run of a track: its kept fixes (the first and last fix of the
// run are always kept).
struct TrackPiece {
  std::vector<tracks::Fix> fixes;
};

// Appends the pieces of one vessel's time-sorted track; returns the fixes kept.
size_t ThinTrack(std::span<const tracks::Fix> track, const ThinOptions& options, std::vector<TrackPiece>& out);

// ---- Evidence reports -------------------------------------------------------------

struct ReportOptions {
  // Natural Earth land as GeoJSON (the desk's build writes it to
  // web/assets/land.json); "" or a missing file: the map has no land.
  std::string land_geojson_path;
  std::string author;            // who exports it ("" unknown)
  int64_t pad_s = 6 * 3600;      // tracks drawn this long before and after each alert
  int64_t now_ms = 0;            // the time of export; 0: now
};

// One vessel's track on the report's map.
struct MapTrack {
  Mmsi mmsi;
  std::string label;             // "NAME (MMSI)"
  std::vector<TrackPiece> pieces;
};

// A point on the map: an event's position.
struct MapMark {
  std::string type;              // detect's event type, or "listed_vessel"
  std::string label;
  double lat_deg = 0, lon_deg = 0;
};

// Land rings (lon, lat) near the map's box.
using Ring = std::vector<std::array<double, 2>>;

struct Report {
  std::string kind;              // "case" or "vessel"
  std::string title;
  std::string exported_at, author;
  std::optional<alerts::Case> review;            // a case report's case
  std::optional<tracks::VesselSummary> vessel;   // a vessel report's vessel
  std::vector<alerts::Alert> alerts;
  std::vector<alerts::AlertEvent> events;        // every alert's, by start; a vessel's detect events too
  std::vector<MapTrack> tracks;
  std::vector<MapMark> marks;
  std::array<double, 4> bbox{};                  // the map's box: min lon, min lat, max lon, max lat
  std::vector<Ring> land;
  std::vector<lists::ListVersion> list_versions; // every version the listings cite
  std::vector<lists::Entity> entries;            // every list entry they cite, as stored now
  std::vector<alerts::AuditRecord> audit;        // the rows about the case (or vessel's alerts)
  alerts::AuditCheck chain;                      // the whole chain verified at export
};

// The rows of the audit trail about a case and about each of its alerts, in
// seq order.
Result<std::vector<alerts::AuditRecord>> CaseAuditTrail(store::Store& db, const alerts::Case& c);

// A case: its alerts, their vessels' tracks over the alerts' windows, the
// events, listings with their list versions, measures, review and audit
// trail, and the chain verified. kNotFound for an unknown case.
Result<Report> BuildCaseReport(store::Store& db, int64_t case_id, const ReportOptions& options);
// A vessel: its identity history, its alerts (with their listings and
// measures), the events detect finds in its track, its track. kNotFound when
// the store has never heard it.
Result<Report> BuildVesselReport(store::Store& db, Mmsi mmsi, const ReportOptions& options);

// The report as one HTML document with no external reference: inline CSS,
// the map and the timeline as inline SVG, printable (A4).
std::string RenderHtml(const Report& report);

// The map alone: SVG of `width` x `height` px (land, tracks, marks, a scale).
std::string RenderMapSvg(const Report& report, int width, int height);

// Prints `html_path` to `pdf_path` with headless Chromium (`chromium`, or
// the CHROMIUM environment variable): kIo with the reason when it cannot
// (not installed, timed out after `timeout_s`, no PDF written).
Status WritePdf(const std::string& html_path, const std::string& pdf_path, int timeout_s = 120);
// The PDF of an HTML document, through a temporary folder of its own
// (removed after); WritePdf's errors.
Result<std::string> PdfOf(std::string_view html, int timeout_s = 120);

}  // namespace wk::report
