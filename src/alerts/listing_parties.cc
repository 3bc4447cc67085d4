// The parties of listed entries: lists' parties built with screen's name
// rules, which only alerts/ may bring together.
#include "alerts/listing_parties.h"

#include <algorithm>

#include "screen/screen.h"

namespace wk::alerts::internal {

std::vector<std::pair<std::string, ListingParty>> ListingParties(
    const std::vector<lists::Entity>& entities, const lists::Parties& p,
    const std::function<bool(const lists::Entity&)>& wanted) {
  std::vector<std::pair<std::string, ListingParty>> out;
  if (entities.empty() || p.party_of.size() != entities.size()) return out;
  for (size_t row = 0; row < entities.size(); ++row) {
    if (!wanted(entities[row])) continue;
    const uint32_t party = p.party_of[row];
    ListingParty lp;
    lp.id = p.parties[party].id;
    for (uint32_t other : p.entry_rows[party]) {
      if (other == row) continue;
      const lists::Entity& e = entities[other];
      lp.others.push_back({e.id, e.names.empty() ? std::string() : e.names[0].full, e.source, e.programmes,
                           e.listed_on});
    }
    out.emplace_back(entities[row].id, std::move(lp));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::vector<std::pair<std::string, ListingParty>> ListingParties(
    const std::vector<lists::Entity>& entities, const std::vector<lists::Judgment>& judgments,
    const std::function<bool(const lists::Entity&)>& wanted) {
  return ListingParties(entities, lists::BuildParties(entities, screen::PartyNameRules(), judgments), wanted);
}

const ListingParty& PartyIn(const std::vector<std::pair<std::string, ListingParty>>& parties,
                            std::string_view entity_id) {
  static const ListingParty kNone;
  auto it = std::lower_bound(parties.begin(), parties.end(), entity_id,
                             [](const auto& p, std::string_view id) { return p.first < id; });
  return it != parties.end() && it->first == entity_id ? it->second : kNone;
}

}  // namespace wk::alerts::internal
