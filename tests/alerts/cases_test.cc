// Cases on both engines: every transition and every refusal, the four-eyes
// rule, and the audit row each change writes with it (or, refused or failed,
// does not write).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "alerts/alerts.h"
#include "testing.h"

namespace wk::alerts {
namespace {

using nlohmann::json;

template <typename F>
CaseFilter Filter(F set) {
  CaseFilter f;
  set(f);
  return f;
}

class CaseReview : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Result<store::Store> opened = store::Open(url());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::make_unique<store::Store>(std::move(opened).value());
    // Two alerts as `alerts run` stores them: a listed tanker heard, and its
    // encounter with a DPRK-flagged vessel.
    std::vector<Alert> found(2);
    found[0].rule = Rule::kListedVessel;
    found[0].severity = Severity::kHigh;
    found[0].key = "listed_vessel|352001234";
    VesselIdentity tanker;
    tanker.mmsi = Mmsi{352001234};
    tanker.imo = 9118628;
    tanker.name = "SUBBLIC";
    tanker.flag = "PA";
    found[0].vessels.push_back(tanker);
    found[0].summary = "SUBBLIC (MMSI 352001234), listed, heard off Nampo";
    found[0].start_s = 1704067200;
    found[0].end_s = 1704070800;
    found[1] = found[0];
    found[1].rule = Rule::kDprkEncounter;
    found[1].severity = Severity::kCritical;
    found[1].key = "dprk_encounter|352001234|445112000";
    found[1].summary = "SUBBLIC met a DPRK-flagged tanker";
    Result<RunSummary> stored = StoreAlerts(*db_, found, "system");
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    ASSERT_EQ(stored->opened_ids.size(), 2u);
    alert_a_ = stored->opened_ids[0];
    alert_b_ = stored->opened_ids[1];
  }

  store::Store& db() { return *db_; }

  std::vector<AuditRecord> Audit() {
    Result<std::vector<AuditRecord>> rows = ReadAudit(db(), std::nullopt, std::nullopt);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<AuditRecord>{};
  }
  std::vector<AuditRecord> CaseAudit(int64_t id) {
    std::vector<AuditRecord> out;
    for (AuditRecord& r : Audit())
      if (r.subject == "case:" + std::to_string(id)) out.push_back(std::move(r));
    return out;
  }

  Case Create(std::string_view actor = "alice") {
    const std::vector<int64_t> ids = {alert_b_, alert_a_};
    Result<Case> c = CreateCase(db(), actor, "SUBBLIC off Nampo, January 2024", ids);
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? *c : Case{};
  }

  // The refusal's code and that its message says `words`; and that nothing was written.
  template <typename F>
  void ExpectRefused(F&& call, ErrorCode code, std::string_view words) {
    const size_t rows = Audit().size();
    Result<Case> r = call();
    ASSERT_FALSE(r.ok()) << "accepted";
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
    EXPECT_EQ(Audit().size(), rows) << "a refused change wrote an audit row";
  }

  std::unique_ptr<store::Store> db_;
  int64_t alert_a_ = 0, alert_b_ = 0;
};

TEST_P(CaseReview, ANewCaseIsOpenHoldsItsAlertsAndIsAudited) {
  const Case c = Create();
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.status, CaseStatus::kOpen);
  EXPECT_EQ(c.alert_ids, (std::vector<int64_t>{alert_a_, alert_b_}));
  EXPECT_EQ(c.created_by, "alice");
  EXPECT_EQ(c.assignee, "");
  EXPECT_FALSE(c.outcome);
  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "case.create");
  EXPECT_EQ(rows[0].actor, "alice");
  EXPECT_EQ(rows[0].before, "");
  std::string want;
  AppendCaseJson(want, c);
  EXPECT_EQ(rows[0].after, want);
  EXPECT_EQ(c.audit_seq, rows[0].seq);

  const json j = json::parse(want);
  for (const char* key : {"id", "title", "status", "assignee", "alerts", "tags", "notes", "outcome",
                          "proposed_outcome", "proposed_by", "approved_by", "created_at", "created_by",
                          "updated_at"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["status"], "open");
  EXPECT_TRUE(j["assignee"].is_null());
  EXPECT_EQ(j["alerts"], json::array({alert_a_, alert_b_}));

  Result<Case> got = GetCase(db(), c.id);
  ASSERT_TRUE(got.ok());
  std::string again;
  AppendCaseJson(again, *got);
  EXPECT_EQ(again, want);
}

TEST_P(CaseReview, CreateRefusesAnUnknownAlertAnEmptyTitleAndNoActor) {
  const std::vector<int64_t> unknown = {alert_a_, 999};
  ExpectRefused([&] { return CreateCase(db(), "alice", "ghost", unknown); }, ErrorCode::kNotFound, "no alert 999");
  ExpectRefused([&] { return CreateCase(db(), "alice", "  ", {}); }, ErrorCode::kInvalidInput, "title is empty");
  ExpectRefused([&] { return CreateCase(db(), "alice", std::string(kMaxCaseTitleBytes + 1, 'x'), {}); },
                ErrorCode::kInvalidInput, "at most 200");
  ExpectRefused([&] { return CreateCase(db(), "", "t", {}); }, ErrorCode::kInvalidInput, "actor");
  EXPECT_TRUE(ListCases(db(), {})->empty());
}

TEST_P(CaseReview, AnUnknownCaseIsNotFound) {
  EXPECT_EQ(GetCase(db(), 42).error().code, ErrorCode::kNotFound);
  ExpectRefused([&] { return AddCaseNote(db(), "alice", 42, "hello"); }, ErrorCode::kNotFound, "no case 42");
  ExpectRefused([&] { return SetCaseStatus(db(), "alice", 42, CaseStatus::kInvestigating); },
                ErrorCode::kNotFound, "no case 42");
}

TEST_P(CaseReview, StatusMovesBetweenOpenAndInvestigatingAndRefusesTheRest) {
  const Case c = Create();
  Result<Case> inv = SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating);
  ASSERT_TRUE(inv.ok()) << inv.error().message;
  EXPECT_EQ(inv->status, CaseStatus::kInvestigating);
  ExpectRefused([&] { return SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating); },
                ErrorCode::kInvalidInput, "already investigating");
  ExpectRefused([&] { return SetCaseStatus(db(), "alice", c.id, CaseStatus::kClosed); }, ErrorCode::kInvalidInput,
                "closing needs an outcome");
  Result<Case> back = SetCaseStatus(db(), "bob", c.id, CaseStatus::kOpen);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, CaseStatus::kOpen);
  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].action, "case.status");
  EXPECT_EQ(json::parse(rows[1].before)["status"], "open");
  EXPECT_EQ(json::parse(rows[1].after)["status"], "investigating");
  EXPECT_EQ(rows[2].actor, "bob");
  EXPECT_EQ(json::parse(rows[2].after)["status"], "open");
}

TEST_P(CaseReview, AFalsePositiveClosesAtOnceAndAReopenedCaseLosesItsOutcome) {
  const Case c = Create();
  Result<Case> closed = CloseCase(db(), "alice", c.id, CaseOutcome::kFalsePositive);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->status, CaseStatus::kClosed);
  EXPECT_EQ(closed->outcome, CaseOutcome::kFalsePositive);
  ExpectRefused([&] { return CloseCase(db(), "alice", c.id, CaseOutcome::kInconclusive); },
                ErrorCode::kInvalidInput, "already closed");
  ExpectRefused([&] { return SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating); },
                ErrorCode::kInvalidInput, "reopen it");
  ExpectRefused([&] { return AssignCase(db(), "alice", c.id, "bob"); }, ErrorCode::kInvalidInput, "is closed");
  ExpectRefused([&] { return ProposeOutcome(db(), "alice", c.id, CaseOutcome::kConfirmed); },
                ErrorCode::kInvalidInput, "is closed");

  Result<Case> reopened = SetCaseStatus(db(), "bob", c.id, CaseStatus::kOpen);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(reopened->status, CaseStatus::kOpen);
  EXPECT_FALSE(reopened->outcome);
  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].action, "case.close");
  EXPECT_EQ(json::parse(rows[1].after)["outcome"], "false_positive");
  EXPECT_EQ(json::parse(rows[2].before)["outcome"], "false_positive");
  EXPECT_TRUE(json::parse(rows[2].after)["outcome"].is_null());
  // Reopened, it closes again with another outcome.
  Result<Case> again = CloseCase(db(), "bob", c.id, CaseOutcome::kInconclusive);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, CaseOutcome::kInconclusive);
}

TEST_P(CaseReview, ConfirmedCannotBeClosedByOneAccount) {
  const Case c = Create();
  ExpectRefused([&] { return CloseCase(db(), "alice", c.id, CaseOutcome::kConfirmed); }, ErrorCode::kInvalidInput,
                "four-eyes");
  EXPECT_EQ(GetCase(db(), c.id)->status, CaseStatus::kOpen);
}

TEST_P(CaseReview, FourEyesTheProposerCannotApproveAnotherAccountDoes) {
  const Case c = Create();
  ASSERT_TRUE(SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating).ok());
  Result<Case> proposed = ProposeOutcome(db(), "alice", c.id, CaseOutcome::kConfirmed);
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(proposed->status, CaseStatus::kInvestigating);
  EXPECT_EQ(proposed->proposed_outcome, CaseOutcome::kConfirmed);
  EXPECT_EQ(proposed->proposed_by, "alice");

  ExpectRefused([&] { return ApproveOutcome(db(), "alice", c.id); }, ErrorCode::kInvalidInput,
                "four-eyes: alice proposed this outcome and cannot approve it");
  ExpectRefused([&] { return ProposeOutcome(db(), "bob", c.id, CaseOutcome::kInconclusive); },
                ErrorCode::kInvalidInput, "waiting for approval");
  ExpectRefused([&] { return CloseCase(db(), "bob", c.id, CaseOutcome::kFalsePositive); }, ErrorCode::kInvalidInput,
                "waiting for approval");
  EXPECT_EQ(GetCase(db(), c.id)->status, CaseStatus::kInvestigating);

  Result<Case> approved = ApproveOutcome(db(), "bob", c.id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->status, CaseStatus::kClosed);
  EXPECT_EQ(approved->outcome, CaseOutcome::kConfirmed);
  EXPECT_FALSE(approved->proposed_outcome);
  EXPECT_EQ(approved->proposed_by, "alice");
  EXPECT_EQ(approved->approved_by, "bob");

  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].action, "case.propose");
  EXPECT_EQ(rows[2].actor, "alice");
  EXPECT_EQ(json::parse(rows[2].after)["proposed_outcome"], "confirmed");
  EXPECT_EQ(rows[3].action, "case.approve");
  EXPECT_EQ(rows[3].actor, "bob");
  const json after = json::parse(rows[3].after);
  EXPECT_EQ(after["outcome"], "confirmed");
  EXPECT_EQ(after["status"], "closed");
  EXPECT_EQ(after["approved_by"], "bob");
  ExpectRefused([&] { return ApproveOutcome(db(), "carol", c.id); }, ErrorCode::kInvalidInput,
                "no proposed outcome");
  EXPECT_TRUE(VerifyAudit(db())->intact);
}

TEST_P(CaseReview, ARejectedProposalIsClearedWithItsReasonAsANote) {
  const Case c = Create();
  ExpectRefused([&] { return RejectProposal(db(), "bob", c.id, "no"); }, ErrorCode::kInvalidInput,
                "no proposed outcome");
  ASSERT_TRUE(ProposeOutcome(db(), "alice", c.id, CaseOutcome::kConfirmed).ok());
  ExpectRefused([&] { return RejectProposal(db(), "bob", c.id, " "); }, ErrorCode::kInvalidInput, "reason is empty");
  Result<Case> rejected = RejectProposal(db(), "bob", c.id, "the AIS gap explains the meeting");
  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_FALSE(rejected->proposed_outcome);
  EXPECT_EQ(rejected->proposed_by, "");
  EXPECT_EQ(rejected->status, CaseStatus::kOpen);
  ASSERT_EQ(rejected->notes.size(), 1u);
  EXPECT_EQ(rejected->notes[0].author, "bob");
  EXPECT_EQ(rejected->notes[0].text,
            "rejected the proposed outcome confirmed (proposed by alice): the AIS gap explains the meeting");
  EXPECT_EQ(CaseAudit(c.id).back().action, "case.reject");
  // Proposed again, by bob this time; alice may approve it.
  ASSERT_TRUE(ProposeOutcome(db(), "bob", c.id, CaseOutcome::kConfirmed).ok());
  Result<Case> approved = ApproveOutcome(db(), "alice", c.id);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->outcome, CaseOutcome::kConfirmed);
}

TEST_P(CaseReview, AReopenedConfirmedCaseNeedsFourEyesAgain) {
  const Case c = Create();
  ASSERT_TRUE(ProposeOutcome(db(), "alice", c.id, CaseOutcome::kConfirmed).ok());
  ASSERT_TRUE(ApproveOutcome(db(), "bob", c.id).ok());
  Result<Case> reopened = SetCaseStatus(db(), "carol", c.id, CaseStatus::kOpen);
  ASSERT_TRUE(reopened.ok());
  EXPECT_FALSE(reopened->outcome);
  EXPECT_EQ(reopened->approved_by, "");
  EXPECT_EQ(reopened->proposed_by, "");
  ExpectRefused([&] { return CloseCase(db(), "carol", c.id, CaseOutcome::kConfirmed); }, ErrorCode::kInvalidInput,
                "four-eyes");
  ASSERT_TRUE(ProposeOutcome(db(), "carol", c.id, CaseOutcome::kConfirmed).ok());
  ExpectRefused([&] { return ApproveOutcome(db(), "carol", c.id); }, ErrorCode::kInvalidInput, "four-eyes");
}

TEST_P(CaseReview, AssignReassignAndUnassign) {
  const Case c = Create();
  Result<Case> a = AssignCase(db(), "alice", c.id, "bob");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->assignee, "bob");
  ExpectRefused([&] { return AssignCase(db(), "alice", c.id, "bob"); }, ErrorCode::kInvalidInput,
                "already assigned to bob");
  EXPECT_EQ(AssignCase(db(), "alice", c.id, "carol")->assignee, "carol");
  EXPECT_EQ(AssignCase(db(), "alice", c.id, "")->assignee, "");
  ExpectRefused([&] { return AssignCase(db(), "alice", c.id, ""); }, ErrorCode::kInvalidInput, "is not assigned");
  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].action, "case.assign");
  EXPECT_EQ(json::parse(rows[1].after)["assignee"], "bob");
  EXPECT_TRUE(json::parse(rows[3].after)["assignee"].is_null());
}

TEST_P(CaseReview, NotesKeepTheirTextAuthorAndOrder) {
  const Case c = Create();
  const std::string text = "Met \"KUM UN SAN 3\" at 02:10Z,\nno AIS for 14 h; 평양 noted";
  ASSERT_TRUE(AddCaseNote(db(), "alice", c.id, text).ok());
  Result<Case> two = AddCaseNote(db(), "bob", c.id, "second");
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->notes.size(), 2u);
  EXPECT_EQ(two->notes[0].text, text);
  EXPECT_EQ(two->notes[0].author, "alice");
  EXPECT_EQ(two->notes[1].author, "bob");
  EXPECT_LT(two->notes[0].id, two->notes[1].id);
  ExpectRefused([&] { return AddCaseNote(db(), "alice", c.id, ""); }, ErrorCode::kInvalidInput, "note is empty");
  ExpectRefused([&] { return AddCaseNote(db(), "alice", c.id, std::string(kMaxCaseNoteBytes + 1, 'n')); },
                ErrorCode::kInvalidInput, "at most");
  ExpectRefused([&] { return AddCaseNote(db(), "alice", c.id, "bad \xc3("); }, ErrorCode::kInvalidInput, "UTF-8");
  EXPECT_EQ(json::parse(CaseAudit(c.id).back().after)["notes"][1]["text"], "second");
}

TEST_P(CaseReview, TagsAreNormalisedUniqueAndRemovable) {
  const Case c = Create();
  Result<Case> t = TagCase(db(), "alice", c.id, "STS-Transfer");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->tags, (std::vector<std::string>{"sts-transfer"}));
  ASSERT_TRUE(TagCase(db(), "alice", c.id, "dprk:nampo").ok());
  ExpectRefused([&] { return TagCase(db(), "alice", c.id, "sts-transfer"); }, ErrorCode::kInvalidInput,
                "already tagged");
  ExpectRefused([&] { return TagCase(db(), "alice", c.id, "a b"); }, ErrorCode::kInvalidInput, "only letters");
  ExpectRefused([&] { return TagCase(db(), "alice", c.id, "x'); DROP TABLE cases; --"); }, ErrorCode::kInvalidInput,
                "only letters");
  EXPECT_EQ(GetCase(db(), c.id)->tags, (std::vector<std::string>{"dprk:nampo", "sts-transfer"}));
  Result<Case> u = UntagCase(db(), "bob", c.id, "sts-transfer");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->tags, (std::vector<std::string>{"dprk:nampo"}));
  ExpectRefused([&] { return UntagCase(db(), "bob", c.id, "sts-transfer"); }, ErrorCode::kInvalidInput,
                "not tagged");
  EXPECT_EQ(CaseAudit(c.id).back().action, "case.untag");
}

TEST_P(CaseReview, AlertsAreAddedOnceAndMustExist) {
  const std::vector<int64_t> one = {alert_a_};
  Result<Case> c = CreateCase(db(), "alice", "SUBBLIC", one);
  ASSERT_TRUE(c.ok());
  const std::vector<int64_t> both = {alert_a_, alert_b_, alert_b_};
  Result<Case> added = AddAlertsToCase(db(), "alice", c->id, both);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->alert_ids, (std::vector<int64_t>{alert_a_, alert_b_}));
  ExpectRefused([&] { return AddAlertsToCase(db(), "alice", c->id, both); }, ErrorCode::kInvalidInput,
                "every one of these alerts already");
  const std::vector<int64_t> ghost = {77};
  ExpectRefused([&] { return AddAlertsToCase(db(), "alice", c->id, ghost); }, ErrorCode::kNotFound, "no alert 77");
  ASSERT_TRUE(CloseCase(db(), "alice", c->id, CaseOutcome::kInconclusive).ok());
  const std::vector<int64_t> a = {alert_a_};
  ExpectRefused([&] { return AddAlertsToCase(db(), "alice", c->id, a); }, ErrorCode::kInvalidInput, "is closed");
}

TEST_P(CaseReview, ListFiltersByStatusAssigneeTagAndAlert) {
  const std::vector<int64_t> only_a = {alert_a_}, only_b = {alert_b_};
  const int64_t c1 = CreateCase(db(), "alice", "one", only_a)->id;
  const int64_t c2 = CreateCase(db(), "alice", "two", only_b)->id;
  const int64_t c3 = CreateCase(db(), "alice", "three", {})->id;
  ASSERT_TRUE(SetCaseStatus(db(), "alice", c2, CaseStatus::kInvestigating).ok());
  ASSERT_TRUE(AssignCase(db(), "alice", c2, "bob").ok());
  ASSERT_TRUE(TagCase(db(), "alice", c3, "rajin").ok());
  auto ids = [&](const CaseFilter& f) {
    std::vector<int64_t> out;
    Result<std::vector<Case>> r = ListCases(db(), f);
    EXPECT_TRUE(r.ok());
    if (r.ok())
      for (const Case& c : *r) out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{c1, c2, c3}));
  EXPECT_EQ(ids(Filter([](CaseFilter& f) { f.status = CaseStatus::kOpen; })), (std::vector<int64_t>{c1, c3}));
  EXPECT_EQ(ids(Filter([](CaseFilter& f) { f.assignee = "bob"; })), (std::vector<int64_t>{c2}));
  EXPECT_EQ(ids(Filter([](CaseFilter& f) { f.tag = "rajin"; })), (std::vector<int64_t>{c3}));
  EXPECT_EQ(ids(Filter([this](CaseFilter& f) { f.alert_id = alert_a_; })), (std::vector<int64_t>{c1}));
  EXPECT_EQ(ids(Filter([](CaseFilter& f) { f.limit = 2, f.offset = 1; })), (std::vector<int64_t>{c2, c3}));
  // Filter values are bound, never spliced into the SQL.
  EXPECT_TRUE(ids(Filter([](CaseFilter& f) { f.assignee = "bob' OR '1'='1"; })).empty());
  EXPECT_TRUE(ids(Filter([](CaseFilter& f) { f.tag = "x') OR 1=1 --"; })).empty());
  Result<std::vector<Case>> all = ListCases(db(), {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[2].tags, (std::vector<std::string>{"rajin"}));
}

TEST_P(CaseReview, AnUpdateThatFailsMidwayLeavesNeitherTheChangeNorAnAuditRow) {
  const Case c = Create();
  const size_t rows = Audit().size();
  // The chain's head gone: the note and the case row are written, then the
  // audit append fails, and the whole transaction rolls back.
  ASSERT_TRUE(db().Exec("DELETE FROM audit_head").ok());
  Result<Case> r = AddCaseNote(db(), "alice", c.id, "never stored");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kIo);
  Result<Case> after = GetCase(db(), c.id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->notes.empty());
  EXPECT_EQ(after->updated_at, c.updated_at);
  EXPECT_EQ(Audit().size(), rows);
  Result<Case> s = SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(GetCase(db(), c.id)->status, CaseStatus::kOpen);
  const std::vector<int64_t> a = {alert_a_};
  EXPECT_FALSE(CreateCase(db(), "alice", "new", a).ok());
  EXPECT_EQ(ListCases(db(), {})->size(), 1u);
}

TEST_P(CaseReview, VerifyFindsACaseEditedBehindTheAuditTrail) {
  const Case c = Create();
  ASSERT_TRUE(SetCaseStatus(db(), "alice", c.id, CaseStatus::kInvestigating).ok());
  EXPECT_TRUE(VerifyAudit(db())->intact);
  ASSERT_TRUE(db().Exec("UPDATE cases SET status = 'closed', outcome = 'false_positive'").ok());
  const AuditCheck check = *VerifyAudit(db());
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.bad_seq, CaseAudit(c.id).back().seq);
  EXPECT_NE(check.problem.find("case " + std::to_string(c.id) + " differs from its state"), std::string::npos)
      << check.problem;
}

TEST_P(CaseReview, VerifyFindsTheLastRowsDeletedEvenWithTheHeadRewound) {
  const Case c = Create();
  ASSERT_TRUE(AddCaseNote(db(), "alice", c.id, "first look").ok());
  ASSERT_TRUE(AddCaseNote(db(), "alice", c.id, "second look").ok());
  const std::vector<AuditRecord> rows = Audit();
  const int64_t last = rows.back().seq;
  // Delete the case's last two audit rows and rewind the head onto what is left.
  Result<store::Statement> del = db().Prepare("DELETE FROM audit_log WHERE seq >= ?1");
  ASSERT_TRUE(del.ok());
  del->Bind(1, last - 1);
  ASSERT_TRUE(del->Run().ok());
  Result<store::Statement> head = db().Prepare("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1");
  ASSERT_TRUE(head.ok());
  head->Bind(1, last - 2).Bind(2, std::string_view(rows[rows.size() - 3].hash));
  ASSERT_TRUE(head->Run().ok());
  const AuditCheck check = *VerifyAudit(db());
  EXPECT_FALSE(check.intact);
  EXPECT_EQ(check.bad_seq, last);
  EXPECT_NE(check.problem.find("which is not in the chain"), std::string::npos) << check.problem;
}

TEST_P(CaseReview, EveryChangeWritesExactlyOneAuditRowAndTheChainStaysIntact) {
  const size_t before = Audit().size();
  const Case c = Create();
  const int64_t id = c.id;
  ASSERT_TRUE(AssignCase(db(), "alice", id, "alice").ok());
  ASSERT_TRUE(SetCaseStatus(db(), "alice", id, CaseStatus::kInvestigating).ok());
  ASSERT_TRUE(AddCaseNote(db(), "alice", id, "tanker seen twice").ok());
  ASSERT_TRUE(TagCase(db(), "alice", id, "sts").ok());
  ASSERT_TRUE(ProposeOutcome(db(), "alice", id, CaseOutcome::kConfirmed).ok());
  ASSERT_FALSE(ApproveOutcome(db(), "alice", id).ok());
  ASSERT_TRUE(ApproveOutcome(db(), "bob", id).ok());
  const std::vector<AuditRecord> rows = CaseAudit(id);
  EXPECT_EQ(Audit().size() - before, 7u);
  std::vector<std::string> actions;
  for (const AuditRecord& r : rows) actions.push_back(r.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"case.create", "case.assign", "case.status", "case.note", "case.tag",
                                               "case.propose", "case.approve"}));
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].before, rows[i - 1].after) << rows[i].action;
  const AuditCheck check = *VerifyAudit(db());
  EXPECT_TRUE(check.intact) << check.problem;
}

TEST_P(CaseReview, ConcurrentChangesToOneCaseRunOneAfterTheOther) {
  const Case c = Create();
  constexpr int kEach = 40;
  std::vector<std::string> errors(2);
  auto writer = [this, &errors, id = c.id](int w) {
    Result<store::Store> db = store::Open(url());
    if (!db.ok()) {
      errors[w] = db.error().message;
      return;
    }
    for (int i = 0; i < kEach; ++i) {
      Result<Case> r = AddCaseNote(*db, w ? "bob" : "alice", id, "note " + std::to_string(i));
      if (!r.ok()) {
        errors[w] = r.error().message;
        return;
      }
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  a.join();
  b.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(GetCase(db(), c.id)->notes.size(), 2u * kEach);
  // Each change saw the one before it: no change was made on a stale read.
  const std::vector<AuditRecord> rows = CaseAudit(c.id);
  ASSERT_EQ(rows.size(), 1u + 2 * kEach);
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].before, rows[i - 1].after) << "row " << rows[i].seq;
  const AuditCheck check = *VerifyAudit(db());
  EXPECT_TRUE(check.intact) << check.problem;
}

WK_ON_EVERY_ENGINE(CaseReview);

class CaseUpgrade : public testing::StoreTest {};

TEST_P(CaseUpgrade, AStoreWithOnlyTheAlertsTableGainsTheAuditAndCaseTables) {
  Result<store::Store> db = store::Open(url());
  ASSERT_TRUE(db.ok());
  // A store written before the audit chain: alerts migration 1 alone.
  ASSERT_TRUE(store::Migrate(*db, std::span(Migrations()).first(1)).ok());
  EXPECT_FALSE(db->TableExists("audit_log"));
  Result<Case> c = CreateCase(*db, "alice", "first case", {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  Result<std::vector<store::MigrationState>> states = store::MigrationStatus(*db, Migrations());
  ASSERT_TRUE(states.ok());
  for (const store::MigrationState& m : *states) EXPECT_TRUE(m.applied) << m.domain << " " << m.version;
  EXPECT_TRUE(VerifyAudit(*db)->intact);
}

WK_ON_EVERY_ENGINE(CaseUpgrade);

}  // namespace
}  // namespace wk::alerts
