// Private to alerts/: the parties of the lists' entries as a listing shows
// them, shared by the ListIndex (alerts, detect, the API) and VesselListings.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "alerts/alerts.h"
#include "lists/lists.h"

namespace wk::alerts::internal {

// The party of each entry `wanted` keeps, from `parties` (built over
// `entities` in their order), sorted by entity id for PartyIn.
std::vector<std::pair<std::string, ListingParty>> ListingParties(
    const std::vector<lists::Entity>& entities, const lists::Parties& parties,
    const std::function<bool(const lists::Entity&)>& wanted);
// The same, the parties built here (screen::PartyNameRules(), `judgments`
// applied).
std::vector<std::pair<std::string, ListingParty>> ListingParties(
    const std::vector<lists::Entity>& entities, const std::vector<lists::Judgment>& judgments,
    const std::function<bool(const lists::Entity&)>& wanted);

// The party of `entity_id` in what ListingParties returned; an empty party
// when absent.
const ListingParty& PartyIn(const std::vector<std::pair<std::string, ListingParty>>& parties,
                            std::string_view entity_id);

}  // namespace wk::alerts::internal
