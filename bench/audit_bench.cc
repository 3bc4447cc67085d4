// The audit chain's cost: appends (each in a transaction of its own, as the
// API commits one change at a time), case changes with their audit row, and
// VerifyAudit over the whole chain, on the store given.
//
//   build/audit_bench STORE_URL [ROWS]     e.g. build/audit_bench /tmp/a.db 10000
// The store should be empty (a new SQLite file or a new database).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "alerts/alerts.h"
#include "store/store.h"

namespace {

double NowS() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "audit_bench: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Fail("usage: audit_bench STORE_URL [ROWS]");
  const int rows = argc > 2 ? std::atoi(argv[2]) : 10000;
  wk::Result<wk::store::Store> db = wk::store::Open(argv[1]);
  if (!db.ok()) return Fail(db.error().message);
  if (wk::Status s = wk::alerts::EnsureAlertTables(*db); !s.ok()) return Fail(s.error().message);

  const std::string after = R"({"query":"KUM UN SAN 3","lists":{"un":12,"ofac":31},"matches":2})";
  double t0 = NowS();
  for (int i = 0; i < rows; ++i) {
    wk::store::Transaction tx(*db);
    wk::Result<wk::alerts::AuditRecord> r =
        wk::alerts::AppendAudit(*db, "alice", "screen.query", "", "", after);
    if (!r.ok()) return Fail(r.error().message);
    if (wk::Status s = tx.Commit(); !s.ok()) return Fail(s.error().message);
  }
  const double append_s = NowS() - t0;

  // Case changes: 100 cases, each moved open <-> investigating in turn.
  const int changes = rows / 10;
  std::vector<int64_t> ids;
  std::vector<bool> investigating(100, false);
  for (int i = 0; i < 100; ++i) {
    wk::Result<wk::alerts::Case> c = wk::alerts::CreateCase(*db, "alice", "bench " + std::to_string(i), {});
    if (!c.ok()) return Fail(c.error().message);
    ids.push_back(c->id);
  }
  t0 = NowS();
  for (int i = 0; i < changes; ++i) {
    const size_t k = static_cast<size_t>(i) % ids.size();
    investigating[k] = !investigating[k];
    wk::Result<wk::alerts::Case> r = wk::alerts::SetCaseStatus(
        *db, "alice", ids[k], investigating[k] ? wk::alerts::CaseStatus::kInvestigating : wk::alerts::CaseStatus::kOpen);
    if (!r.ok()) return Fail(r.error().message);
  }
  const double change_s = NowS() - t0;

  t0 = NowS();
  wk::Result<wk::alerts::AuditCheck> check = wk::alerts::VerifyAudit(*db);
  const double verify_s = NowS() - t0;
  if (!check.ok()) return Fail(check.error().message);
  if (!check->intact) return Fail("chain broken: " + check->problem);

  std::printf("store %s\n", db->url().c_str());
  std::printf("append      %d rows, one transaction each: %.0f rows/s (%.3f ms each)\n", rows, rows / append_s,
              append_s * 1e3 / rows);
  std::printf("case change %d status changes over 100 cases, each with its audit row: %.0f changes/s (%.3f ms each)\n", changes,
              changes / change_s, change_s * 1e3 / changes);
  std::printf("verify      %lld rows: %.3f s (%.0f rows/s)\n", static_cast<long long>(check->rows), verify_s,
              check->rows / verify_s);
  return 0;
}
