// One vessel's listings for `watchkeeper vessel`: what it broadcast (tracks/)
// met with the lists' current versions (lists/), which only alerts/ may join.
#include <algorithm>

#include "alerts/alerts.h"
#include "alerts/listing_parties.h"
#include "lists/lists.h"
#include "store/store.h"

namespace wk::alerts {

Result<std::vector<Listing>> VesselListings(store::Store& db, const tracks::VesselSummary& vessel) {
  std::vector<Listing> out;
  if (!db.TableExists("list_versions")) return out;
  // What it is known by: its MMSI, and each IMO number it broadcast.
  std::vector<std::pair<lists::IdType, std::string>> wanted = {
      {lists::IdType::kMmsi, std::to_string(vessel.mmsi.value)}};
  for (const tracks::Identity& id : vessel.identities)
    if (id.kind == "imo" && !id.value.empty() && id.value != "0")
      wanted.push_back({lists::IdType::kImo, lists::MakeIdentifier(lists::IdType::kImo, id.value).value});
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db);
  if (!current.ok()) return current.error();
  Result<std::vector<lists::Entity>> entities = lists::LoadCurrentEntities(db);
  if (!entities.ok()) return entities.error();
  for (const lists::Entity& e : *entities) {
    for (const auto& want : wanted) {
      // Plain variables, not a structured binding: clang 14 cannot capture one in a lambda.
      const lists::IdType type = want.first;
      const std::string& value = want.second;
      const bool carries = std::any_of(e.identifiers.begin(), e.identifiers.end(), [&](const lists::Identifier& i) {
        return i.type == type && i.value == value;  // a ship's IMO, not a company's
      });
      if (!carries) continue;
      Listing l;
      l.entity_id = e.id;
      l.entity_name = e.names.empty() ? std::string() : e.names[0].full;
      l.source = e.source;
      for (const lists::ListVersion& v : *current)
        if (v.source == e.source) l.list_version = v.id, l.list_generated = v.generated;
      l.field = type == lists::IdType::kImo ? "imo" : "mmsi";
      l.value = value;
      l.programmes = e.programmes;
      l.listed_on = e.listed_on;
      out.push_back(std::move(l));
      break;  // one listing per entry
    }
  }
  if (out.empty()) return out;
  // Each listing's party and its other entries, the parties built once.
  Result<std::vector<lists::Judgment>> judgments = lists::LoadJudgmentsIfKept(db);
  if (!judgments.ok()) return judgments.error();
  std::vector<std::string> listed;
  for (const Listing& l : out) listed.push_back(l.entity_id);
  const auto parties = internal::ListingParties(*entities, *judgments, [&](const lists::Entity& e) {
    return std::find(listed.begin(), listed.end(), e.id) != listed.end();
  });
  for (Listing& l : out) {
    const ListingParty& p = internal::PartyIn(parties, l.entity_id);
    l.party = p.id;
    l.party_listings = p.others;
  }
  return out;
}

}  // namespace wk::alerts
