// alerts: where the engines meet. Today it holds the first join: vessels whose
// broadcast identity (IMO, MMSI, name) is on a sanctions list, from tracks'
// static reports and lists' entities through screen's matcher. The rules,
// alerts, cases and audit chain of DESIGN.md come here next.
//
// Example:
//   auto index = alerts::LoadListIndex({"sdn.csv", "UN_consolidated.xml"});
//   auto traffic = tracks::ReadTraffic({"day1.nmea"});
//   std::vector<alerts::ListedVessel> listed =
//       alerts::FindListedVessels(traffic->tracks, traffic->statics, *index);
//   std::vector<detect::EventRow> rows = detect::EventRows(events, ports);
//   alerts::AppendEventRows(listed, rows);      // printed among detect's events
//   detect::AppendJsonLines(rows, out);
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "detect/detect.h"
#include "tracks/tracks.h"

namespace wk::lists {
struct Entity;
}
namespace wk::screen {
class Index;
}

namespace wk::alerts {

// Vessels on sanctions lists: IMO and MMSI numbers by exact value, names
// through the screening matcher (screen::Index over the listed vessels, built
// once with the ListIndex, queried at its default threshold). Copies share the
// matcher and its cache; safe to query from several threads at once.
class ListIndex {
 public:
  ListIndex();
  explicit ListIndex(const std::vector<lists::Entity>& entities);
  bool empty() const { return imo_.empty() && mmsi_.empty() && name_.empty(); }
  struct Entry {
    std::string key;           // IMO/MMSI digits or normalised name
    std::string entity_id, entity_name, source;
  };
  const Entry* FindImo(uint32_t imo) const;
  const Entry* FindMmsi(Mmsi mmsi) const;
  // Exact match of the normalised name (detect::NormaliseVesselName).
  const Entry* FindName(std::string_view name) const;

  struct NameMatch {
    Entry entry;
    double score = 0;            // screening score in [0, 1]
    std::string matched_name;    // the listed name (primary or alias) it met
    std::string explanation;     // screen::ExplainText
  };
  // The best screening match of a broadcast vessel name among the listed
  // vessels at the matcher's default threshold, or nullopt. Each distinct
  // normalised name is screened once per index; later calls read a cache.
  std::optional<NameMatch> MatchName(std::string_view name) const;
  // Distinct names screened so far (the cache's size).
  size_t names_screened() const;

 private:
  struct NameCache;
  std::vector<Entry> imo_, mmsi_, name_;  // sorted by key
  std::shared_ptr<const screen::Index> screen_;
  std::shared_ptr<NameCache> cache_;
};

// Reads sanctions list files of any format lists/ knows (UN XML, OFAC, EU,
// UK) into an index.
Result<ListIndex> LoadListIndex(const std::vector<std::string>& paths);

// A vessel whose broadcast MMSI, IMO or name is on a list. Printed as a
// detect identity event of kind "listed_vessel".
struct ListedVessel {
  static constexpr std::string_view kKind = "listed_vessel";
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;       // from the first report of the value to the last heard
  double lat_deg = NAN, lon_deg = NAN;  // the position nearest that first report; NaN when none
  std::string field;                    // "mmsi", "imo" or "name"
  std::string value;                    // as broadcast (a name normalised)
  std::string reason;
  ListIndex::Entry entry;               // the list entry it met
  // By name: the screening matcher's score, the listed name it met and its
  // explanation (score 0 and both empty for IMO and MMSI matches).
  double score = 0;
  std::string matched_name, explanation;
};

// One vessel's listed identities: its MMSI, then each distinct IMO and name
// in the order first broadcast. `statics`: its static reports in time order;
// `track`: its fixes (for the events' position; may be empty).
void FindListedVessels(Mmsi mmsi, std::span<const tracks::StaticInfo> statics,
                       std::span<const tracks::Fix> track, const ListIndex& index,
                       std::vector<ListedVessel>& out);
// Every vessel's, in MMSI order (using every core). `statics` sorted by
// (MMSI, time).
std::vector<ListedVessel> FindListedVessels(const tracks::TrackSet& tracks,
                                            std::span<const tracks::StaticInfo> statics,
                                            const ListIndex& index);

// The identity event's JSON object (one line, no newline), as detect prints
// identity events: {"type":"identity","mmsi":..,"kind":"listed_vessel",...,
// "list_entry":{..}[,"evidence":{..} for names]}.
void AppendJson(const ListedVessel& e, std::string& out);
// Rows for detect's writers, so listed vessels print among detect's events
// in the one order (start, type, MMSI).
void AppendEventRows(std::span<const ListedVessel> listed, std::vector<detect::EventRow>& rows);

}  // namespace wk::alerts
