// `watchkeeper cases` and `watchkeeper audit` end to end on both engines: a
// simulated world's alerts (simulate, ingest, alerts run) grouped into a case,
// worked through to a confirmed outcome by two people; the audit trail
// verified, exported, then edited behind the tool's back and found.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/core.h"
#include "store/store.h"
#include "testing.h"

namespace wk {
namespace {

using nlohmann::json;
using testing::CliRun;
using testing::RunCli;
using ::testing::HasSubstr;

class CasesCli : public testing::StoreTest {
 protected:
  // The ids of the alerts `alerts run` stores for a simulated world.
  std::vector<int64_t> WorldAlerts() {
    testing::TempDir world;
    EXPECT_EQ(RunCli({"simulate", "--seed", "7", "--vessels", "60", "--days", "3", "--out", world.path().string()})
                  .status,
              0);
    std::vector<std::string> ingest = {"ingest", "--db", url()};
    for (const auto& f : std::filesystem::directory_iterator(world.path()))
      if (f.path().extension() == ".nmea") ingest.push_back(f.path().string());
    EXPECT_EQ(RunCli(ingest).status, 0);
    const CliRun run = RunCli({"alerts", "run", "--db", url(), "--ports", world.File("ports.csv")});
    EXPECT_EQ(run.status, 0) << run.err;
    std::vector<int64_t> ids;
    for (const std::string& line : testing::SplitLines(RunCli({"alerts", "list", "--db", url()}).out))
      if (!line.empty()) ids.push_back(json::parse(line)["id"]);
    return ids;
  }

  CliRun Cases(std::vector<std::string> args) {
    args.insert(args.begin(), "cases");
    args.push_back("--db");
    args.push_back(url());
    return RunCli(args);
  }

  static json One(const CliRun& r) {
    EXPECT_EQ(r.status, 0) << r.err;
    return r.status == 0 ? json::parse(r.out) : json::object();
  }
};

TEST_P(CasesCli, ACaseFromRealAlertsIsConfirmedByTwoPeopleAndTheTrailVerifies) {
  const std::vector<int64_t> alerts = WorldAlerts();
  ASSERT_GE(alerts.size(), 2u) << "the simulated world raises alerts";
  const std::string a1 = std::to_string(alerts[0]), a2 = std::to_string(alerts[1]);

  const json created = One(Cases({"create", "--title", "Encounter off Nampo", "--alert", a2, "--alert", a1,
                                  "--as", "alice"}));
  EXPECT_EQ(created["status"], "open");
  EXPECT_EQ(created["alerts"], json::array({alerts[0], alerts[1]}));
  EXPECT_EQ(created["created_by"], "alice");
  const std::string id = std::to_string(created["id"].get<int64_t>());

  EXPECT_EQ(One(Cases({"assign", id, "alice", "--as", "alice"}))["assignee"], "alice");
  EXPECT_EQ(One(Cases({"status", id, "investigating", "--as", "alice"}))["status"], "investigating");
  EXPECT_EQ(One(Cases({"note", id, "Both ships dark for 9 h, then 300 m apart", "--as", "alice"}))["notes"][0]["text"],
            "Both ships dark for 9 h, then 300 m apart");
  EXPECT_EQ(One(Cases({"tag", id, "sts", "--as", "alice"}))["tags"], json::array({"sts"}));

  // Closing as confirmed alone is refused; the proposer cannot approve.
  const CliRun alone = Cases({"close", id, "--outcome", "confirmed", "--as", "alice"});
  EXPECT_EQ(alone.status, 1);
  EXPECT_THAT(alone.err, HasSubstr("four-eyes"));
  EXPECT_EQ(One(Cases({"propose", id, "--outcome", "confirmed", "--as", "alice"}))["proposed_outcome"], "confirmed");
  const CliRun self = Cases({"approve", id, "--as", "alice"});
  EXPECT_EQ(self.status, 1);
  EXPECT_THAT(self.err, HasSubstr("four-eyes: alice proposed this outcome and cannot approve it"));
  EXPECT_TRUE(self.out.empty());
  const json approved = One(Cases({"approve", id, "--as", "bob"}));
  EXPECT_EQ(approved["status"], "closed");
  EXPECT_EQ(approved["outcome"], "confirmed");
  EXPECT_EQ(approved["approved_by"], "bob");

  const CliRun closed = Cases({"list", "--status", "closed"});
  ASSERT_EQ(closed.status, 0) << closed.err;
  EXPECT_EQ(testing::SplitLines(closed.out).size(), 1u);
  EXPECT_TRUE(Cases({"list", "--status", "open"}).out.empty());
  EXPECT_EQ(testing::SplitLines(Cases({"list", "--alert", a1}).out).size(), 1u);
  const CliRun text = Cases({"show", id, "--format", "text"});
  ASSERT_EQ(text.status, 0);
  EXPECT_THAT(text.out, HasSubstr("#" + id + " [closed] Encounter off Nampo (assignee alice; alerts " + a1 + ", " +
                                  a2 + "; tags sts)"));
  EXPECT_THAT(text.out, HasSubstr("outcome confirmed (proposed by alice, approved by bob)"));
  EXPECT_THAT(text.out, HasSubstr("note "));

  // The trail: seven case rows, intact; the head printed for writing down.
  const CliRun verify = RunCli({"audit", "verify", "--db", url()});
  ASSERT_EQ(verify.status, 0) << verify.err;
  const json check = json::parse(verify.out);
  EXPECT_TRUE(check["intact"]);
  const std::string head = check["head_hash"];
  EXPECT_EQ(head.size(), 64u);
  EXPECT_EQ(RunCli({"audit", "verify", "--db", url(), "--expect-head", head}).status, 0);

  const CliRun jsonl = RunCli({"audit", "export", "--db", url()});
  ASSERT_EQ(jsonl.status, 0) << jsonl.err;
  std::vector<json> rows;
  for (const std::string& line : testing::SplitLines(jsonl.out))
    if (!line.empty()) rows.push_back(json::parse(line));
  ASSERT_EQ(static_cast<int64_t>(rows.size()), check["rows"].get<int64_t>());
  std::vector<std::string> case_actions;
  for (const json& r : rows)
    if (r["subject"] == "case:" + id) case_actions.push_back(r["action"].get<std::string>() + "/" +
                                                              r["actor"].get<std::string>());
  EXPECT_EQ(case_actions, (std::vector<std::string>{"case.create/alice", "case.assign/alice", "case.status/alice",
                                                    "case.note/alice", "case.tag/alice", "case.propose/alice",
                                                    "case.approve/bob"}));
  EXPECT_EQ(rows.back()["after"]["outcome"], "confirmed");
  const CliRun journal = RunCli({"audit", "export", "--db", url(), "--subject", "case:" + id, "--actor", "bob"});
  ASSERT_EQ(journal.status, 0) << journal.err;
  ASSERT_EQ(testing::SplitLines(journal.out).size(), 1u);
  EXPECT_EQ(json::parse(journal.out)["action"], "case.approve");

  const CliRun csv = RunCli({"audit", "export", "--db", url(), "--format", "csv", "--from", "2000-01-01"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  CsvReader reader(csv.out, ',', "export.csv");
  std::vector<std::string> f;
  size_t n = 0;
  for (Result<bool> more = reader.Next(f);; more = reader.Next(f)) {
    ASSERT_TRUE(more.ok()) << more.error().message;
    if (!*more) break;
    ASSERT_EQ(f.size(), 9u) << "line " << reader.line();
    if (n > 0) {
      EXPECT_EQ(f[8], rows[n - 1]["hash"]);
    }
    ++n;
  }
  EXPECT_EQ(n, rows.size() + 1);
  EXPECT_TRUE(testing::SplitLines(RunCli({"audit", "export", "--db", url(), "--to", "2000-01-01"}).out).empty());

  // Someone with database access rewrites who approved it.
  {
    Result<store::Store> db = store::Open(url());
    ASSERT_TRUE(db.ok());
    Result<store::Statement> u = db->Prepare("UPDATE audit_log SET actor = 'carol' WHERE seq = ?1");
    ASSERT_TRUE(u.ok());
    u->Bind(1, rows.back()["seq"].get<int64_t>());
    ASSERT_TRUE(u->Run().ok());
  }
  const std::string bad = std::to_string(rows.back()["seq"].get<int64_t>());
  const CliRun broken = RunCli({"audit", "verify", "--db", url()});
  EXPECT_EQ(broken.status, 1);
  EXPECT_THAT(broken.err, HasSubstr("audit chain broken at row " + bad + ": row " + bad + " was edited"));
  const json b = json::parse(broken.out);
  EXPECT_FALSE(b["intact"]);
  EXPECT_EQ(b["bad_seq"].dump(), bad);
  const CliRun broken_text = RunCli({"audit", "verify", "--db", url(), "--format", "text"});
  EXPECT_EQ(broken_text.status, 1);
  EXPECT_THAT(broken_text.out, HasSubstr("BROKEN"));
}

TEST_P(CasesCli, RefusalsAndUsageErrorsHaveTheirExitStatus) {
  const json c = One(Cases({"create", "--title", "t"}));
  EXPECT_THAT(c["created_by"].get<std::string>(), ::testing::StartsWith("cli:"));
  const std::string id = std::to_string(c["id"].get<int64_t>());
  EXPECT_EQ(Cases({"create"}).status, 2);                                      // no --title
  EXPECT_EQ(Cases({"status", id, "done"}).status, 2);                          // not a status
  EXPECT_EQ(Cases({"close", id, "--outcome", "maybe"}).status, 2);             // not an outcome
  EXPECT_EQ(Cases({"list", "--format", "xml"}).status, 2);
  EXPECT_EQ(Cases({"show", "abc"}).status, 2);
  const CliRun missing = Cases({"show", "999"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.err, HasSubstr("no case 999"));
  const CliRun no_alert = Cases({"create", "--title", "t", "--alert", "5"});
  EXPECT_EQ(no_alert.status, 1);
  EXPECT_THAT(no_alert.err, HasSubstr("no alert 5"));
  const CliRun close_status = Cases({"status", id, "closed"});
  EXPECT_EQ(close_status.status, 1);
  EXPECT_THAT(close_status.err, HasSubstr("closing needs an outcome"));
  // A filter value is bound, never spliced into SQL.
  const CliRun inj = Cases({"list", "--assignee", "x' OR '1'='1"});
  EXPECT_EQ(inj.status, 0);
  EXPECT_TRUE(inj.out.empty());
  EXPECT_EQ(Cases({"assign", id, "bob"}).status, 0);
  EXPECT_EQ(One(Cases({"assign", id, "-"}))["assignee"], nullptr);
  EXPECT_EQ(RunCli({"audit", "verify", "--db", url(), "--expect-head", "xyz"}).status, 2);
  const CliRun unknown_head =
      RunCli({"audit", "verify", "--db", url(), "--expect-head", std::string(64, 'a')});
  EXPECT_EQ(unknown_head.status, 1);
  EXPECT_THAT(unknown_head.err, HasSubstr("no row carries the expected hash"));
  EXPECT_EQ(RunCli({"audit", "export", "--db", url(), "--format", "xml"}).status, 2);
  if (GetParam() == store::Engine::kSqlite) {  // a change to a case never makes a new store
    const std::string typo = url() + ".typo";
    const CliRun none = RunCli({"cases", "note", id, "hello", "--db", typo});
    EXPECT_EQ(none.status, 1);
    EXPECT_THAT(none.err, HasSubstr("no such store"));
    EXPECT_FALSE(std::filesystem::exists(typo));
  }
  EXPECT_EQ(RunCli({"audit", "export", "--db", url(), "--from", "yesterday"}).status, 2);
}

WK_ON_EVERY_ENGINE(CasesCli);

}  // namespace
}  // namespace wk
