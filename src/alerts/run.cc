// RunAlertsOnStore: the rules over what a store holds, stored back into it.
#include <string>
#include <utility>
#include <vector>

#include "alerts/alerts.h"
#include "council/council.h"
#include "lists/lists.h"

namespace wk::alerts {

Result<RunSummary> RunAlertsOnStore(store::Store& db, const StoreRun& run) {
  Result<tracks::Traffic> traffic = tracks::LoadTraffic(db, run.window);
  if (!traffic.ok()) return traffic.error();
  const detect::Events events = detect::DetectAll(traffic->tracks, traffic->statics, run.ports, run.detect);

  // Listings: the given index, or the lists' current versions in the store,
  // each alert's listing naming the version it came from.
  std::vector<std::pair<std::string, std::pair<int64_t, std::string>>> versions;
  ListIndex from_store;
  if (!run.lists && db.TableExists("list_versions")) {
    Result<std::vector<lists::Entity>> entities = lists::LoadCurrentEntities(db);
    if (!entities.ok()) return entities.error();
    // The analysts' judgments join and part the listings' parties as in `lists parties`.
    Result<std::vector<lists::Judgment>> judgments = lists::LoadJudgmentsIfKept(db);
    if (!judgments.ok()) return judgments.error();
    from_store = ListIndex(*entities, *judgments);
    Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db);
    if (!current.ok()) return current.error();
    for (const lists::ListVersion& v : *current) versions.push_back({v.source, {v.id, v.generated}});
  }
  const ListIndex& index = run.lists ? *run.lists : from_store;
  AlertInputs in{*traffic, events, run.ports, index, council::DefaultRegime(), versions, "store:" + db.url()};
  const std::vector<Alert> derived = DeriveAlerts(in, run.rules);
  return StoreAlerts(db, derived, run.actor);
}

}  // namespace wk::alerts
