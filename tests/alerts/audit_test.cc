// The audit chain on both engines: rows appended in the change's transaction
// and chained by hash; and what an attacker with database access does (an
// UPDATE, DELETE or INSERT behind the API's back) found by VerifyAudit, which
// names the row.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <thread>

#include "alerts/alerts.h"
#include "testing.h"

namespace wk::alerts {
namespace {

using nlohmann::json;

class AuditChain : public testing::StoreTest {
 protected:
  store::Store Connect() {
    Result<store::Store> db = store::Open(url());
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
    return std::move(db).value();
  }

  // One audit row in a transaction of its own, committed.
  static AuditRecord Append(store::Store& db, std::string_view actor, std::string_view action,
                            std::string_view subject, std::string_view before, std::string_view after) {
    store::Transaction tx(db);
    EXPECT_TRUE(tx.began()) << tx.error();
    Result<AuditRecord> r = AppendAudit(db, actor, action, subject, before, after);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    EXPECT_TRUE(tx.Commit().ok());
    return r.ok() ? *r : AuditRecord{};
  }

  // Five rows as the service writes them: a login, a case made and changed.
  std::vector<AuditRecord> FiveRows(store::Store& db) {
    std::vector<AuditRecord> rows;
    rows.push_back(Append(db, "alice", "login.ok", "account:alice", "", R"({"address":"127.0.0.1"})"));
    rows.push_back(Append(db, "alice", "case.create", "case:1", "", R"({"id":1,"status":"open"})"));
    rows.push_back(Append(db, "alice", "case.status", "case:1", R"({"id":1,"status":"open"})",
                          R"({"id":1,"status":"investigating"})"));
    rows.push_back(Append(db, "bob", "case.note", "case:1", R"({"id":1,"notes":[]})",
                          R"({"id":1,"notes":[{"text":"met \"KUM UN SAN 3\", off Nampo,\nat night"}]})"));
    rows.push_back(Append(db, "system", "alert.status", "alert:7", R"({"status":"open"})",
                          R"({"status":"acknowledged"})"));
    return rows;
  }

  static AuditCheck Verify(store::Store& db, std::string_view expect = {}) {
    Result<AuditCheck> c = VerifyAudit(db, expect);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : AuditCheck{};
  }
};

TEST_P(AuditChain, RowsChainFromTheGenesisHashAndVerifyIntact) {
  store::Store db = Connect();
  const std::vector<AuditRecord> rows = FiveRows(db);
  const std::regex iso_ms(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(rows[i].prev_hash, i == 0 ? std::string(kAuditGenesisHash) : rows[i - 1].hash);
    EXPECT_EQ(rows[i].hash, AuditRowHash(rows[i]));
    EXPECT_TRUE(std::regex_match(rows[i].at, iso_ms)) << rows[i].at;
  }
  Result<std::vector<AuditRecord>> read = ReadAudit(db, std::nullopt, std::nullopt);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 5u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ((*read)[i].hash, rows[i].hash);
    EXPECT_EQ((*read)[i].after, rows[i].after);
  }
  const AuditCheck c = Verify(db);
  EXPECT_TRUE(c.intact) << c.problem;
  EXPECT_EQ(c.rows, 5);
  EXPECT_EQ(c.head_seq, 5);
  EXPECT_EQ(c.head_hash, rows.back().hash);
}

TEST(AuditRowHash, CoversEveryFieldUnambiguously) {
  AuditRecord a{1, "2026-12-02T10:00:00.000Z", "alice", "case.note", "case:1", "", R"({"a":1})",
                std::string(kAuditGenesisHash), ""};
  const std::string h = AuditRowHash(a);
  EXPECT_EQ(h.size(), 64u);
  // Moving a byte from one field into the next changes the hash (length-prefixed fields).
  AuditRecord b = a;
  b.actor = "alic";
  b.action = "ecase.note";
  EXPECT_NE(AuditRowHash(b), h);
  for (auto edit : std::vector<void (*)(AuditRecord&)>{
           [](AuditRecord& r) { r.seq = 2; }, [](AuditRecord& r) { r.at[18] = '1'; },
           [](AuditRecord& r) { r.actor = "bob"; }, [](AuditRecord& r) { r.action = "case.tag"; },
           [](AuditRecord& r) { r.subject = "case:2"; }, [](AuditRecord& r) { r.before = "{}"; },
           [](AuditRecord& r) { r.after = R"({"a":2})"; }, [](AuditRecord& r) { r.prev_hash[0] = '1'; }}) {
    AuditRecord e = a;
    edit(e);
    EXPECT_NE(AuditRowHash(e), h);
  }
}

// The API's group commit: a batch of 250 (more than one INSERT's worth)
// between single rows chains on, in order, and verifies; a batch with one bad
// entry appends none of them.
TEST_P(AuditChain, ABatchChainsInOrderBetweenSingleRowsAndABadEntryRefusesIt) {
  store::Store db = Connect();
  const AuditRecord first = Append(db, "alice", "login.ok", "account:alice", "", "");
  std::vector<AuditEntry> entries;
  for (int i = 0; i < 250; ++i)
    entries.push_back({"alice", "screen.query", "", "", R"({"q":"KUM UN SAN )" + std::to_string(i) + R"("})"});
  std::vector<AuditRecord> batch;
  {
    store::Transaction tx(db);
    Result<std::vector<AuditRecord>> r = AppendAuditBatch(db, entries);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(tx.Commit().ok());
    batch = *r;
  }
  ASSERT_EQ(batch.size(), 250u);
  EXPECT_EQ(batch.front().seq, 2);
  EXPECT_EQ(batch.front().prev_hash, first.hash);
  EXPECT_EQ(batch.back().seq, 251);
  const AuditRecord last = Append(db, "bob", "logout", "account:bob", "", "");
  EXPECT_EQ(last.seq, 252);
  EXPECT_EQ(last.prev_hash, batch.back().hash);
  Result<std::vector<AuditRecord>> read = ReadAudit(db, std::nullopt, std::nullopt);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 252u);
  EXPECT_EQ((*read)[200].after, R"({"q":"KUM UN SAN 199"})");
  EXPECT_EQ((*read)[200].hash, batch[199].hash);

  entries[100].after = "[not an object]";
  {
    store::Transaction tx(db);
    Result<std::vector<AuditRecord>> r = AppendAuditBatch(db, entries);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  }
  const AuditCheck c = Verify(db);
  EXPECT_TRUE(c.intact) << c.problem;
  EXPECT_EQ(c.rows, 252);
  EXPECT_EQ(c.head_hash, last.hash);
}

TEST_P(AuditChain, AppendNeedsTheCallersTransaction) {
  store::Store db = Connect();
  Result<AuditRecord> r = AppendAudit(db, "alice", "case.note", "case:1", "", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("transaction"), std::string::npos) << r.error().message;
}

TEST_P(AuditChain, AppendRefusesAnEmptyActorAndBeforeOrAfterThatAreNotObjects) {
  store::Store db = Connect();
  ASSERT_TRUE(EnsureAlertTables(db).ok());
  store::Transaction tx(db);
  EXPECT_EQ(AppendAudit(db, "", "case.note", "case:1", "", "{}").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(AppendAudit(db, "alice", "", "case:1", "", "{}").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(AppendAudit(db, "alice", "case.note", "case:1", "[1,2]", "").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(AppendAudit(db, "alice", "case.note", "case:1", "", "{\"a\":").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(AppendAudit(db, "al\xff", "case.note", "case:1", "", "").error().code, ErrorCode::kInvalidInput);
}

TEST_P(AuditChain, ARolledBackChangeLeavesNoRowAndTheNextTakesItsNumber) {
  store::Store db = Connect();
  Append(db, "alice", "login.ok", "account:alice", "", "");
  {
    store::Transaction tx(db);
    ASSERT_TRUE(AppendAudit(db, "alice", "case.create", "case:1", "", "{}").ok());
  }  // not committed
  const AuditRecord next = Append(db, "bob", "login.ok", "account:bob", "", "");
  EXPECT_EQ(next.seq, 2);
  const AuditCheck c = Verify(db);
  EXPECT_TRUE(c.intact) << c.problem;
  EXPECT_EQ(c.rows, 2);
}

TEST_P(AuditChain, AnEditedAfterIsFoundAndNamed) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec(R"(UPDATE audit_log SET after_json = '{"id":1,"status":"closed"}' WHERE seq = 3)").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 3);
  EXPECT_NE(c.problem.find("row 3 was edited"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, AnEditedBeforeIsFoundAndNamed) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec(R"(UPDATE audit_log SET before_json = '{"status":"closed"}' WHERE seq = 5)").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 5);
}

TEST_P(AuditChain, AnEditedActorIsFoundAndNamed) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET actor = 'carol' WHERE seq = 4").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 4);
  EXPECT_NE(c.problem.find("row 4"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, AnEditedTimeColumnIsFound) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET at_ms = at_ms - 86400000 WHERE seq = 2").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 2);
}

TEST_P(AuditChain, AnEditedRowWithItsHashRecomputedIsFoundAtTheNextLink) {
  store::Store db = Connect();
  std::vector<AuditRecord> rows = FiveRows(db);
  AuditRecord forged = rows[2];
  forged.actor = "mallory";
  forged.hash = AuditRowHash(forged);
  Result<store::Statement> u = db.Prepare("UPDATE audit_log SET actor = ?1, hash = ?2 WHERE seq = 3");
  ASSERT_TRUE(u.ok());
  u->Bind(1, std::string_view(forged.actor)).Bind(2, std::string_view(forged.hash));
  ASSERT_TRUE(u->Run().ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 3);
  EXPECT_NE(c.problem.find("row 3 was replaced"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, ADeletedMiddleRowIsFoundAndNamed) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("DELETE FROM audit_log WHERE seq = 3").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 3);
  EXPECT_NE(c.problem.find("row 3 is missing"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, ADeletedLastRowIsFoundThroughTheHead) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("DELETE FROM audit_log WHERE seq = 5").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 5);
  EXPECT_NE(c.problem.find("row 5, the last, is missing"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, TruncatedRowsWithTheHeadRewoundAreFoundByTheHeadWrittenDown) {
  store::Store db = Connect();
  const std::vector<AuditRecord> rows = FiveRows(db);
  const std::string written_down = Verify(db).head_hash;
  // The attacker deletes the last two rows and rewinds the head consistently.
  ASSERT_TRUE(db.Exec("DELETE FROM audit_log WHERE seq >= 4").ok());
  Result<store::Statement> u = db.Prepare("UPDATE audit_head SET seq = 3, hash = ?1 WHERE id = 1");
  ASSERT_TRUE(u.ok());
  u->Bind(1, std::string_view(rows[2].hash));
  ASSERT_TRUE(u->Run().ok());
  EXPECT_TRUE(Verify(db).intact);  // no reference inside the store is left: only an outside anchor finds it
  const AuditCheck c = Verify(db, written_down);
  EXPECT_FALSE(c.intact);
  EXPECT_NE(c.problem.find("no row carries the expected hash"), std::string::npos) << c.problem;
  // A head written down earlier is still found in a chain that has grown since.
  Append(db, "alice", "login.ok", "account:alice", "", "");
  const AuditCheck grown = Verify(db, rows[1].hash);
  EXPECT_TRUE(grown.intact) << grown.problem;
  EXPECT_EQ(grown.expected_seq, 2);
  EXPECT_EQ(VerifyAudit(db, "not-a-hash").error().code, ErrorCode::kInvalidInput);
}

// Writes `r` straight into audit_log, as an attacker with database access would.
void InsertRaw(store::Store& db, const AuditRecord& r) {
  Result<store::Statement> ins = db.Prepare(
      "INSERT INTO audit_log (seq, at, at_ms, actor, action, subject, before_json, after_json, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  ASSERT_TRUE(ins.ok());
  ins->Bind(1, r.seq).Bind(2, std::string_view(r.at)).Bind(3, *ParseTimeMs(r.at)).Bind(4, std::string_view(r.actor));
  ins->Bind(5, std::string_view(r.action)).Bind(6, std::string_view(r.subject)).Bind(7, std::string_view(r.before));
  ins->Bind(8, std::string_view(r.after)).Bind(9, std::string_view(r.prev_hash)).Bind(10, std::string_view(r.hash));
  ASSERT_TRUE(ins->Run().ok());
}

TEST_P(AuditChain, ARowInsertedInTheMiddleIsFoundAndNamed) {
  store::Store db = Connect();
  const std::vector<AuditRecord> rows = FiveRows(db);
  // Rows 4 and 5 move up to 5 and 6; a forged row 4, correctly hashed onto row 3, goes in between.
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET seq = -seq WHERE seq >= 4").ok());
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET seq = 1 - seq WHERE seq < 0").ok());
  AuditRecord forged{4, rows[2].at, "bob", "case.approve", "case:1", "", R"({"outcome":"confirmed"})",
                     rows[2].hash, ""};
  forged.hash = AuditRowHash(forged);
  InsertRaw(db, forged);
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 4);
  EXPECT_NE(c.problem.find("inserted"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, ARowInsertedAtTheEndIsFoundThroughTheHead) {
  store::Store db = Connect();
  const std::vector<AuditRecord> rows = FiveRows(db);
  AuditRecord forged{6, rows[4].at, "bob", "case.approve", "case:1", "", "{}", rows[4].hash, ""};
  forged.hash = AuditRowHash(forged);
  InsertRaw(db, forged);
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 6);
  EXPECT_NE(c.problem.find("past the chain's head"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, ReorderedRowsAreFoundAndNamed) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET seq = 100 WHERE seq = 2").ok());
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET seq = 2 WHERE seq = 3").ok());
  ASSERT_TRUE(db.Exec("UPDATE audit_log SET seq = 3 WHERE seq = 100").ok());
  const AuditCheck c = Verify(db);
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.bad_seq, 2);
  EXPECT_NE(c.problem.find("row 2 was edited or moved"), std::string::npos) << c.problem;
}

TEST_P(AuditChain, AMissingHeadStopsAppendsAndIsReported) {
  store::Store db = Connect();
  FiveRows(db);
  ASSERT_TRUE(db.Exec("DELETE FROM audit_head").ok());
  store::Transaction tx(db);
  Result<AuditRecord> r = AppendAudit(db, "alice", "login.ok", "account:alice", "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  EXPECT_FALSE(Verify(db).intact);
}

TEST_P(AuditChain, ConcurrentWritersOnTwoConnectionsLeaveOneUnforkedChain) {
  {
    store::Store db = Connect();
    ASSERT_TRUE(EnsureAlertTables(db).ok());
  }
  constexpr int kEach = 40;
  std::vector<std::string> errors(2);
  auto writer = [this, &errors](int w) {
    Result<store::Store> db = store::Open(url());
    if (!db.ok()) {
      errors[w] = db.error().message;
      return;
    }
    for (int i = 0; i < kEach; ++i) {
      store::Transaction tx(*db);
      if (!tx.began()) {
        errors[w] = tx.error();
        return;
      }
      Result<AuditRecord> r = AppendAudit(*db, "writer" + std::to_string(w), "screen.query", "",
                                          "", "{\"i\":" + std::to_string(i) + "}");
      if (!r.ok()) {
        errors[w] = r.error().message;
        return;
      }
      if (Status s = tx.Commit(); !s.ok()) {
        errors[w] = s.error().message;
        return;
      }
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  store::Store db = Connect();
  const AuditCheck c = Verify(db);
  EXPECT_TRUE(c.intact) << c.problem;
  EXPECT_EQ(c.rows, 2 * kEach);
  EXPECT_EQ(c.head_seq, 2 * kEach);
  Result<std::vector<AuditRecord>> rows = ReadAudit(db, std::nullopt, std::nullopt);
  ASSERT_TRUE(rows.ok());
  std::set<std::string> actors;
  for (const AuditRecord& r : *rows) actors.insert(r.actor);
  EXPECT_EQ(actors, (std::set<std::string>{"writer0", "writer1"}));
}

TEST_P(AuditChain, ExportsAsJsonLinesAndAsCsvThatParsesBack) {
  store::Store db = Connect();
  const std::vector<AuditRecord> rows = FiveRows(db);
  const int64_t now_s = FloorSeconds(*ParseTimeMs(rows.back().at));
  Result<std::vector<AuditRecord>> window = ReadAudit(db, now_s - 3600, now_s + 3600);
  ASSERT_TRUE(window.ok());
  ASSERT_EQ(window->size(), 5u);
  EXPECT_TRUE(ReadAudit(db, now_s + 3600, std::nullopt)->empty());
  EXPECT_TRUE(ReadAudit(db, std::nullopt, now_s - 3600)->empty());

  for (const AuditRecord& r : *window) {
    std::string line;
    AppendAuditJson(line, r);
    const json j = json::parse(line);
    EXPECT_EQ(j["seq"], r.seq);
    EXPECT_EQ(j["actor"], r.actor);
    EXPECT_EQ(j["hash"], r.hash);
    if (r.before.empty()) EXPECT_TRUE(j["before"].is_null());
    else EXPECT_EQ(j["before"], json::parse(r.before));
    EXPECT_EQ(j["after"], json::parse(r.after));
  }

  std::string csv(kAuditCsvHeader);
  for (const AuditRecord& r : *window) AppendAuditCsv(csv, r);
  CsvReader reader(csv, ',', "audit.csv");
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"seq", "at", "actor", "action", "subject", "before", "after", "prev_hash",
                                         "hash"}));
  for (const AuditRecord& r : *window) {
    Result<bool> more = reader.Next(f);
    ASSERT_TRUE(more.ok() && *more);
    ASSERT_EQ(f.size(), 9u);
    AuditRecord back{std::stoll(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
    EXPECT_EQ(back.after, r.after);  // the note with a quote, commas and a newline survives
    EXPECT_EQ(AuditRowHash(back), r.hash) << "the exported row re-verifies on its own";
  }
  EXPECT_FALSE(*reader.Next(f));
}

TEST_P(AuditChain, ReadsOneSubjectsHistoryAndPagesBySeq) {
  store::Store db = Connect();
  FiveRows(db);
  AuditQuery q;
  q.subject = "case:1";
  Result<std::vector<AuditRecord>> journal = ReadAudit(db, q);
  ASSERT_TRUE(journal.ok());
  ASSERT_EQ(journal->size(), 3u);
  EXPECT_EQ((*journal)[0].action, "case.create");
  EXPECT_EQ((*journal)[2].actor, "bob");
  AuditQuery page;
  page.limit = 2;
  Result<std::vector<AuditRecord>> first = ReadAudit(db, page);
  ASSERT_EQ(first->size(), 2u);
  page.after_seq = first->back().seq;
  Result<std::vector<AuditRecord>> second = ReadAudit(db, page);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].seq, 3);
  AuditQuery by;
  by.actor = "alice";
  by.action = "case.status";
  EXPECT_EQ(ReadAudit(db, by)->size(), 1u);
  by.actor = "alice' OR '1'='1";
  EXPECT_TRUE(ReadAudit(db, by)->empty());
}

WK_ON_EVERY_ENGINE(AuditChain);

}  // namespace
}  // namespace wk::alerts
