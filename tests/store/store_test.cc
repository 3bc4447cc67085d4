// The store on both engines: URLs, statements and bindings, transactions,
// bulk loads, the dialect placeholders and migrations.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "store/store.h"
#include "testing.h"

namespace wk::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::wk::testing::StoreTest;

int64_t Count(Store& db, const std::string& sql) {
  Result<Statement> q = db.Prepare(sql);
  EXPECT_TRUE(q.ok()) << q.error().message;
  if (!q.ok()) return -1;
  Result<bool> row = q->Step();
  EXPECT_TRUE(row.ok() && *row);
  return q->Int(0);
}

TEST(ParseUrl, TellsTheEnginesApart) {
  Result<Url> plain = ParseUrl("watchkeeper.db");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->engine, Engine::kSqlite);
  EXPECT_EQ(plain->target, "watchkeeper.db");
  Result<Url> file = ParseUrl("sqlite:///var/lib/wk/w.db");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->engine, Engine::kSqlite);
  EXPECT_EQ(file->target, "/var/lib/wk/w.db");
  for (const char* url : {"postgresql://wk@127.0.0.1:5432/wk", "postgres://wk@127.0.0.1/wk"}) {
    Result<Url> pg = ParseUrl(url);
    ASSERT_TRUE(pg.ok()) << url;
    EXPECT_EQ(pg->engine, Engine::kPostgres);
    EXPECT_EQ(pg->target, url);
  }
  Result<Url> secret = ParseUrl("postgresql://wk:hunter2@db.example:5432/wk?password=hunter2");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->display, "postgresql://wk:***@db.example:5432/wk?password=***");
  Result<Url> other = ParseUrl("mysql://wk@127.0.0.1/wk");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(other.error().message, HasSubstr("unknown scheme"));
  EXPECT_FALSE(ParseUrl("").ok());
  EXPECT_FALSE(ParseUrl("sqlite://").ok());
}

TEST(Open, ARefusedConnectionNamesTheUrlWithoutItsPassword) {
  // Port 1 on loopback: nothing listens there.
  Result<Store> db = Open("postgresql://wk:hunter2@127.0.0.1:1/wk?connect_timeout=5");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kIo);
  EXPECT_THAT(db.error().message, HasSubstr("cannot connect to postgresql://wk:***@127.0.0.1:1/wk"));
  EXPECT_THAT(db.error().message, Not(HasSubstr("hunter2")));
  EXPECT_THAT(db.error().message, HasSubstr("refused"));
}

TEST(OpenExisting, RefusesAMissingSqliteFile) {
  testing::TempDir dir;
  Result<Store> db = OpenExisting(dir.File("none.db"));
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(db.error().message, dir.File("none.db") + ": no such store");
}

class EngineTest : public StoreTest {};
WK_ON_EVERY_ENGINE(EngineTest);

TEST_P(EngineTest, ValuesRoundTripExactly) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ(db->engine(), GetParam());
  ASSERT_TRUE(db->Exec("CREATE TABLE v (k BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT)").ok());
  const std::vector<int64_t> ints = {0, -1, std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max()};
  const std::vector<double> doubles = {0.1, -123.456789012345678, 1e-300, 5e300, 127.98765432109876};
  const std::string text = "tab\there\nnew line \\ back'slash \"quoted\" \\N ? ?1 Чосон 조선";
  Result<Statement> ins = db->Prepare("INSERT INTO v (k, i, d, t) VALUES (?1, ?2, ?3, ?4)");
  ASSERT_TRUE(ins.ok()) << ins.error().message;
  for (size_t k = 0; k < ints.size(); ++k) {
    ins->Bind(1, static_cast<int64_t>(k)).Bind(2, ints[k]).Bind(3, doubles[k]).Bind(4, std::string_view(text));
    ASSERT_TRUE(ins->Run().ok());
    EXPECT_EQ(db->Changes(), 1);
  }
  ins->Bind(1, int64_t{99}).BindNull(2).Bind(3, std::optional<double>()).Bind(4, std::optional<std::string_view>());
  ASSERT_TRUE(ins->Run().ok());
  Result<Statement> q = db->Prepare("SELECT k, i, d, t FROM v ORDER BY k");
  ASSERT_TRUE(q.ok());
  for (size_t k = 0; k < ints.size(); ++k) {
    ASSERT_TRUE(*q->Step());
    EXPECT_EQ(q->Int(0), static_cast<int64_t>(k));
    EXPECT_EQ(q->Int(1), ints[k]);
    EXPECT_EQ(q->Double(2), doubles[k]);
    EXPECT_EQ(q->Text(3), text);
    EXPECT_FALSE(q->IsNull(1));
  }
  ASSERT_TRUE(*q->Step());
  EXPECT_TRUE(q->IsNull(1));
  EXPECT_TRUE(q->IsNull(2));
  EXPECT_TRUE(q->IsNull(3));
  EXPECT_EQ(q->Int(1), 0);
  EXPECT_EQ(q->Text(3), "");
  EXPECT_FALSE(*q->Step());
}

TEST_P(EngineTest, QuestionMarksInLiteralsAreNotParameters) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  Result<Statement> q = db->Prepare(
      "SELECT 'is ?1 a parameter?' AS \"what?\", ?2 + 0, ?1 -- a comment? no\n");
  ASSERT_TRUE(q.ok()) << q.error().message;
  q->Bind(1, int64_t{7}).Bind(2, int64_t{5});
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->Text(0), "is ?1 a parameter?");
  EXPECT_EQ(q->Int(1), 5);
  EXPECT_EQ(q->Int(2), 7);
}

TEST_P(EngineTest, TransactionRollsBackUnlessCommitted) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->Exec("CREATE TABLE t(x BIGINT)").ok());
  {
    Transaction tx(*db);
    ASSERT_TRUE(tx.began()) << tx.error();
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM t"), 0);
  {
    Transaction tx(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (2)").ok());
    Transaction nested(*db);
    EXPECT_FALSE(nested.began());
    EXPECT_THAT(nested.error(), HasSubstr("already open"));
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM t"), 1);
}

TEST_P(EngineTest, AFailedStatementInATransactionRollsItAllBack) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->Exec("CREATE TABLE t(x BIGINT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  {
    Transaction tx(*db);
    Result<Statement> ins = db->Prepare("INSERT INTO t VALUES (?1)");
    ASSERT_TRUE(ins.ok());
    ASSERT_TRUE(ins->Bind(1, int64_t{2}).Run().ok());
    Status dup = ins->Bind(1, int64_t{1}).Run();
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, ErrorCode::kIo);
  }
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM t"), 1);
  // The connection is usable again after the rollback.
  EXPECT_TRUE(db->Exec("INSERT INTO t VALUES (3)").ok());
}

// PostgreSQL connections keep each statement text prepared for its next use:
// two live statements of one text, one prepared in a transaction rolled
// back, and one prepared again after the table changed all still answer right.
TEST_P(EngineTest, AStatementPreparedAgainAnswersAsTheTableIsNow) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->Exec("CREATE TABLE t(x BIGINT)").ok());
  ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1), (2)").ok());
  {
    Result<Statement> a = db->Prepare("SELECT x FROM t WHERE x = ?1");
    Result<Statement> b = db->Prepare("SELECT x FROM t WHERE x = ?1");
    ASSERT_TRUE(a.ok() && b.ok());
    a->Bind(1, int64_t{1});
    b->Bind(1, int64_t{2});
    ASSERT_TRUE(*a->Step());
    ASSERT_TRUE(*b->Step());
    EXPECT_EQ(a->Int(0), 1);
    EXPECT_EQ(b->Int(0), 2);
  }
  for (int round = 0; round < 2; ++round) {  // the second round reuses what the first prepared
    Transaction tx(*db);
    Result<Statement> q = db->Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(q.ok()) << q.error().message;
    ASSERT_TRUE(*q->Step());
    EXPECT_EQ(q->Int(0), 2);
  }  // rolled back
  auto first_row = [&](int columns) {
    Result<Statement> q = db->Prepare("SELECT * FROM t ORDER BY x");
    EXPECT_TRUE(q.ok()) << q.error().message;
    std::vector<int64_t> row;
    Result<bool> stepped = q.ok() ? q->Step() : Result<bool>(false);
    EXPECT_TRUE(stepped.ok()) << stepped.error().message;
    if (stepped.ok() && *stepped)
      for (int c = 0; c < columns; ++c) row.push_back(q->Int(c));
    return row;
  };
  EXPECT_EQ(first_row(1), (std::vector<int64_t>{1}));
  ASSERT_TRUE(db->Exec("ALTER TABLE t ADD COLUMN y BIGINT DEFAULT 7").ok());
  EXPECT_EQ(first_row(2), (std::vector<int64_t>{1, 7}));
}

TEST_P(EngineTest, InsertReturningGivesTheNewId) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->ExecSchema("CREATE TABLE r (id {{id}}, name TEXT NOT NULL)").ok());
  Result<Statement> ins = db->Prepare("INSERT INTO r (name) VALUES (?1) RETURNING id");
  ASSERT_TRUE(ins.ok()) << ins.error().message;
  std::vector<int64_t> ids;
  for (const char* name : {"a", "b", "c"}) {
    ins->Bind(1, std::string_view(name));
    ASSERT_TRUE(*ins->Step());
    ids.push_back(ins->Int(0));
    ins->Reset();
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3}));
}

TEST_P(EngineTest, OnConflictDoNothingCountsOnlyNewRows) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->ExecSchema("CREATE TABLE p (a BIGINT, b BIGINT, PRIMARY KEY (a, b)) {{without_rowid}}").ok());
  Result<Statement> ins = db->Prepare("INSERT INTO p (a, b) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  ASSERT_TRUE(ins.ok()) << ins.error().message;
  ASSERT_TRUE(ins->Bind(1, int64_t{1}).Bind(2, int64_t{2}).Run().ok());
  EXPECT_EQ(db->Changes(), 1);
  ASSERT_TRUE(ins->Bind(1, int64_t{1}).Bind(2, int64_t{2}).Run().ok());
  EXPECT_EQ(db->Changes(), 0);
}

TEST_P(EngineTest, TextSortsBytewiseOnBothEngines) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->ExecSchema("CREATE TABLE s (v {{text}} PRIMARY KEY)").ok());
  for (const char* v : {"kum un san", "KUMUNSAN", "KUM UN SAN", "Kum-un", "éa", "a"}) {
    Result<Statement> ins = db->Prepare("INSERT INTO s (v) VALUES (?1)");
    ASSERT_TRUE(ins->Bind(1, std::string_view(v)).Run().ok());
  }
  Result<Statement> q = db->Prepare("SELECT v FROM s ORDER BY v");
  std::vector<std::string> got;
  while (*q->Step()) got.emplace_back(q->Text(0));
  EXPECT_EQ(got, (std::vector<std::string>{"KUM UN SAN", "KUMUNSAN", "Kum-un", "a", "kum un san", "éa"}));
}

TEST_P(EngineTest, BulkLoadEscapesEveryByteAndKeepsNulls) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->Exec("CREATE TABLE b (k BIGINT PRIMARY KEY, d DOUBLE PRECISION, t TEXT)").ok());
  const std::vector<std::string> texts = {"plain", "tab\tin", "line\nbreak\r\n", "back\\slash",
                                          "\\N", "", "\\.", "end\\"};
  Transaction tx(*db);
  static constexpr std::string_view kColumns[] = {"k", "d", "t"};
  Result<BulkLoad> load = db->BeginBulkLoad("b", kColumns);
  ASSERT_TRUE(load.ok()) << load.error().message;
  for (size_t i = 0; i < texts.size(); ++i) {
    load->Add(static_cast<int64_t>(i)).Add(0.1 * static_cast<double>(i)).Add(std::string_view(texts[i]));
    ASSERT_TRUE(load->EndRow().ok());
  }
  load->Add(int64_t{100}).AddNull().AddNull();
  ASSERT_TRUE(load->EndRow().ok());
  for (int64_t i = 1000; i < 21000; ++i) {  // more than one COPY buffer
    load->Add(i).Add(std::nan("")).Add(std::string_view("many"));
    ASSERT_TRUE(load->EndRow().ok());
  }
  Result<int64_t> rows = load->Finish();
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(*rows, static_cast<int64_t>(texts.size()) + 1 + 20000);
  ASSERT_TRUE(tx.Commit().ok());
  Result<Statement> q = db->Prepare("SELECT k, d, t FROM b WHERE k < 1000 ORDER BY k");
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_TRUE(*q->Step());
    EXPECT_EQ(q->Int(0), static_cast<int64_t>(i));
    EXPECT_EQ(q->Double(1), 0.1 * static_cast<double>(i));
    EXPECT_EQ(q->Text(2), texts[i]) << i;
    EXPECT_FALSE(q->IsNull(2));
  }
  ASSERT_TRUE(*q->Step());
  EXPECT_TRUE(q->IsNull(1));
  EXPECT_TRUE(q->IsNull(2));
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM b WHERE t = 'many'"), 20000);
}

TEST_P(EngineTest, AFailedBulkLoadLeavesTheTableAsItWas) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(db->Exec("CREATE TABLE b (k BIGINT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Exec("INSERT INTO b VALUES (5)").ok());
  {
    Transaction tx(*db);
    static constexpr std::string_view kColumns[] = {"k"};
    Result<BulkLoad> load = db->BeginBulkLoad("b", kColumns);
    ASSERT_TRUE(load.ok()) << load.error().message;
    bool failed = false;
    for (int64_t k = 0; k < 10 && !failed; ++k) failed = !load->Add(k).EndRow().ok();
    if (!failed) failed = !load->Finish().ok();
    EXPECT_TRUE(failed) << "key 5 is there already";
  }
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM b"), 1);
}

TEST_P(EngineTest, ExecSchemaRefusesAnUnknownPlaceholder) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  Status s = db->ExecSchema("CREATE TABLE x (a {{blob}})");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("unknown placeholder {{blob}}"));
}

constexpr Migration kTestMigrations[] = {
    {"things", 1, "things", "CREATE TABLE IF NOT EXISTS things (id {{id}}, name {{text}} NOT NULL)"},
    {"things", 2, "things.colour", "{{add_column things colour TEXT}}"},
    {"things", 3, "things.seq", "{{add_order_column things seq}}"},
    {"others", 1, "others", "CREATE TABLE IF NOT EXISTS others (k BIGINT PRIMARY KEY) {{without_rowid}}"},
};

TEST_P(EngineTest, MigrateAppliesEachVersionOnceAndRecordsIt) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  Result<std::vector<MigrationState>> before = MigrationStatus(*db, kTestMigrations);
  ASSERT_TRUE(before.ok()) << before.error().message;
  for (const MigrationState& m : *before) EXPECT_FALSE(m.applied);
  ASSERT_TRUE(Migrate(*db, std::span(kTestMigrations).first(1)).ok());
  std::vector<DomainMigrations> partial = ByDomain(*MigrationStatus(*db, kTestMigrations));
  ASSERT_EQ(partial.size(), 2u);
  EXPECT_EQ(DomainMigrationsJson(partial[0]), "{\"domain\":\"things\",\"applied\":[1],\"pending\":[2,3]}");
  EXPECT_EQ(DomainMigrationsText(partial[1]), "others: applied none; pending 1");

  Status s = Migrate(*db, kTestMigrations);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_TRUE(Migrate(*db, kTestMigrations).ok());  // nothing pending: nothing done
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM store_migrations"), 4);
  Result<Statement> ins = db->Prepare("INSERT INTO things (name, colour, seq) VALUES (?1, ?2, ?3)");
  ASSERT_TRUE(ins.ok()) << ins.error().message;
  ASSERT_TRUE(ins->Bind(1, std::string_view("x")).Bind(2, std::string_view("red")).Bind(3, int64_t{1}).Run().ok());
  Result<std::vector<MigrationState>> after = MigrationStatus(*db, kTestMigrations);
  ASSERT_TRUE(after.ok());
  for (const MigrationState& m : *after) {
    EXPECT_TRUE(m.applied) << m.domain << " " << m.version;
    EXPECT_EQ(m.applied_at.size(), 20u) << m.applied_at;
  }
  EXPECT_THAT(MigrationStateJson((*after)[1]),
              HasSubstr("{\"domain\":\"things\",\"version\":2,\"description\":\"things.colour\",\"applied\":true"));
}

TEST_P(EngineTest, AFailingMigrationAppliesNothing) {
  Result<Store> db = Open(url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  const Migration bad[] = {
      {"bad", 1, "a table", "CREATE TABLE good_one (k BIGINT)"},
      {"bad", 2, "broken", "CREATE TABLE broken ("},
  };
  Status s = Migrate(*db, bad);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("migration bad 2 (broken)"));
  EXPECT_FALSE(db->TableExists("good_one"));
  Result<std::vector<MigrationState>> st = MigrationStatus(*db, bad);
  ASSERT_TRUE(st.ok());
  EXPECT_FALSE((*st)[0].applied);
}

// A file written by the code before migrations: CREATE TABLE IF NOT EXISTS,
// no bin column, rows in rowid order. SQLite only: PostgreSQL stores did not
// exist before migrations.
TEST(SqliteMigrations, AnOldFileGainsItsColumnsAndKeepsItsOrder) {
  testing::TempDir dir;
  const std::string path = dir.File("old.db");
  {
    Result<Store> db = Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                         "INSERT INTO things (name) VALUES ('first'), ('second'), ('third');")
                    .ok());
  }
  Result<Store> db = Open(path);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Migrate(*db, kTestMigrations).ok());
  Result<Statement> q = db->Prepare("SELECT name, colour FROM things ORDER BY seq DESC");
  ASSERT_TRUE(q.ok()) << q.error().message;
  std::vector<std::string> names;
  while (*q->Step()) {
    names.emplace_back(q->Text(0));
    EXPECT_TRUE(q->IsNull(1));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"third", "second", "first"}));
}

}  // namespace
}  // namespace wk::store
