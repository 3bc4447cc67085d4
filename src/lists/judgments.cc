// Analysts' judgments in the store, and the parties of the current lists
// built with them.
#include <chrono>

#include "lists/lists_sql.h"
#include "lists/parsing.h"
#include "store/store.h"

namespace wk::lists {

Status SaveJudgment(store::Store& db, const Judgment& j) {
  if (j.a == j.b) return MakeError(ErrorCode::kInvalidInput, "an entry is always its own party: " + j.a);
  if (Status s = EnsureListTables(db); !s.ok()) return s;
  Result<store::Statement> st = db.Prepare(sql::kSaveJudgment);
  if (!st.ok()) return st.error();
  const bool ordered = j.a < j.b;
  std::string made_at = j.made_at;
  if (made_at.empty()) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    made_at = FormatTime(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  }
  st->Bind(1, ordered ? j.a : j.b).Bind(2, ordered ? j.b : j.a).Bind(3, int64_t{j.same ? 1 : 0});
  st->Bind(4, j.reason).Bind(5, made_at).Bind(6, std::string(LinkKindName(j.kind)));
  return st->Run();
}

Result<std::vector<Judgment>> LoadJudgments(store::Store& db) {
  // A store from before the judgments' kind cannot be read here, and reading
  // does not change a store: say what to run instead of an SQL error.
  Result<std::vector<store::MigrationState>> states = store::MigrationStatus(db, Migrations());
  if (!states.ok()) return states.error();
  for (const store::MigrationState& m : *states)
    if (!m.applied && m.version >= 4)
      return MakeError(ErrorCode::kInvalidInput, db.url() + " was made by an older watchkeeper: run `watchkeeper db "
                                                 "migrate --db " + db.url() + "` first");
  Result<store::Statement> st = db.Prepare(sql::kJudgments);
  if (!st.ok()) return st.error();
  std::vector<Judgment> out;
  while (true) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Judgment j;
    j.a = std::string(st->Text(0));
    j.b = std::string(st->Text(1));
    j.same = st->Int(2) != 0;
    j.reason = std::string(st->Text(3));
    j.made_at = std::string(st->Text(4));
    if (st->Text(5) == LinkKindName(LinkKind::kReferent)) j.kind = LinkKind::kReferent;
    out.push_back(std::move(j));
  }
  return out;
}

Result<std::vector<Judgment>> LoadJudgmentsIfKept(store::Store& db) {
  if (!db.TableExists("list_judgments")) return std::vector<Judgment>{};
  return LoadJudgments(db);
}

Result<Parties> LoadCurrentParties(store::Store& db, const NameRules& rules, std::vector<Entity>& entities) {
  Result<std::vector<Entity>> current = LoadCurrentEntities(db);
  if (!current.ok()) return current.error();
  Result<std::vector<Judgment>> judgments = LoadJudgments(db);
  if (!judgments.ok()) return judgments.error();
  entities = std::move(*current);
  return BuildParties(entities, rules, std::move(*judgments));
}

Result<std::vector<PartyChange>> DiffLatestParties(store::Store& db, const NameRules& rules,
                                                   const std::vector<ListDiff>& diffs) {
  Result<std::vector<Judgment>> judgments = LoadJudgments(db);
  if (!judgments.ok()) return judgments.error();
  Result<std::vector<Entity>> after = LoadCurrentEntities(db);
  if (!after.ok()) return after.error();
  // Before: the same entities, but each diffed source's at its older version.
  std::vector<Entity> before;
  for (const Entity& e : *after) {
    bool diffed = false;
    for (const ListDiff& d : diffs) diffed |= d.to.source == e.source;
    if (!diffed) before.push_back(e);
  }
  for (const ListDiff& d : diffs) {
    Result<std::vector<Entity>> old = LoadVersion(db, d.from.id);
    if (!old.ok()) return old.error();
    for (Entity& e : *old) before.push_back(std::move(e));
  }
  const Parties a = BuildParties(before, rules, *judgments);
  const Parties b = BuildParties(*after, rules, std::move(*judgments));
  return DiffParties(a, b);
}

}  // namespace wk::lists
