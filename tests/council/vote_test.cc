// Charter Article 27 on hand-made votes: each rule and each exception.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "council/council.h"

namespace wk::council {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(const char* s) { return *ParseDate(s); }

// The 2024 Council with every member voting `ballot` except the overrides.
VoteInput Council2024(Ballot ballot, std::vector<MemberVote> overrides) {
  VoteInput in;
  in.date = D("2024-03-28");
  for (const Membership* m : Members::Default().On(in.date)) {
    Ballot b = ballot;
    for (const MemberVote& o : overrides)
      if (o.code == m->code) b = o.ballot;
    in.votes.push_back({m->code, b});
  }
  return in;
}

TEST(Members, HasFifteenMembersIn2024WithFivePermanent) {
  auto on = Members::Default().On(D("2024-03-28"));
  ASSERT_EQ(on.size(), 15u);
  std::vector<std::string> permanent;
  for (const Membership* m : on)
    if (m->seat == Seat::kPermanent) permanent.push_back(m->code);
  EXPECT_THAT(permanent, ElementsAre("CN", "FR", "GB", "RU", "US"));
}

TEST(Members, HasElevenMembersUntil1965AndFifteenFrom1966) {
  // The amendment came into force on 31 August 1965; the four new seats were
  // filled from 1 January 1966.
  const Members& m = Members::Default();
  for (int y = 1946; y <= 2026; ++y) {
    for (const char* md : {"-01-17", "-06-30", "-12-31"}) {
      Date d = *ParseDate(std::to_string(y) + md);
      EXPECT_EQ(m.On(d).size(), y < 1966 ? 11u : 15u) << FormatDate(d);
    }
  }
}

TEST(Members, SovietSeatPassesToRussiaOn24December1991) {
  const Members& m = Members::Default();
  EXPECT_NE(m.Find("SU", D("1991-12-23")), nullptr);
  EXPECT_EQ(m.Find("RU", D("1991-12-23")), nullptr);
  EXPECT_EQ(m.Find("SU", D("1991-12-24")), nullptr);
  EXPECT_NE(m.Find("RU", D("1991-12-24")), nullptr);
}

TEST(Members, MapsUnNamesToCodes) {
  const Members& m = Members::Default();
  EXPECT_EQ(m.CodeOfName("Russian Federation"), "RU");
  EXPECT_EQ(m.CodeOfName("USSR"), "SU");
  EXPECT_EQ(m.CodeOfName("Viet Nam"), "VN");
  EXPECT_EQ(m.CodeOfName("Côte d'Ivoire"), "CI");
  EXPECT_EQ(m.CodeOfName("republic of korea"), "KR");
  EXPECT_FALSE(m.CodeOfName("Atlantis").has_value());
}

TEST(ParseDate, RejectsImpossibleDays) {
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2024-13-01").has_value());
  EXPECT_FALSE(ParseDate("2024-4-1").has_value());
  EXPECT_EQ(FormatDate(D("1965-08-31")), "1965-08-31");
}

TEST(Article27, SubstantiveAdoptedWithNineYesAndNoPermanentNo) {
  // 9 yes (incl. all permanent), 6 elected no: adopted.
  VoteInput in = Council2024(Ballot::kNo, {{"CN", Ballot::kYes}, {"FR", Ballot::kYes}, {"GB", Ballot::kYes},
                                           {"RU", Ballot::kYes}, {"US", Ballot::kYes}, {"JP", Ballot::kYes},
                                           {"MT", Ballot::kYes}, {"CH", Ballot::kYes}, {"SI", Ballot::kYes}});
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_TRUE(o->adopted);
  EXPECT_EQ(o->yes, 9);
  EXPECT_EQ(o->no, 6);
  EXPECT_EQ(o->threshold, 9);
  EXPECT_TRUE(o->vetoed_by.empty());
  EXPECT_THAT(o->reason, HasSubstr("no permanent member voted against"));
}

TEST(Article27, SubstantiveFailsWithEightYes) {
  VoteInput in = Council2024(Ballot::kAbstain, {{"CN", Ballot::kYes}, {"FR", Ballot::kYes}, {"GB", Ballot::kYes},
                                                {"RU", Ballot::kYes}, {"US", Ballot::kYes}, {"JP", Ballot::kYes},
                                                {"MT", Ballot::kYes}, {"CH", Ballot::kYes}});
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_EQ(o->yes, 8);
  EXPECT_THAT(o->reason, HasSubstr("fewer than the 9 required"));
}

TEST(Article27, PermanentNoWithMajorityIsAVeto) {
  Result<Outcome> o = DecideVote(Council2024(Ballot::kYes, {{"US", Ballot::kNo}}), Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_THAT(o->vetoed_by, ElementsAre("US"));
  EXPECT_THAT(o->reason, HasSubstr("vetoed by United States (US)"));
}

TEST(Article27, DoubleVetoByTwoPermanentMembers) {
  // S/2022/431 pattern: 13-2-0, China and Russia against.
  Result<Outcome> o =
      DecideVote(Council2024(Ballot::kYes, {{"CN", Ballot::kNo}, {"RU", Ballot::kNo}}), Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_THAT(o->vetoed_by, ElementsAre("CN", "RU"));
  EXPECT_THAT(o->reason, HasSubstr("2 permanent members vetoed it"));
}

TEST(Article27, PermanentNoWithoutMajorityIsNotCountedAsVeto) {
  VoteInput in = Council2024(Ballot::kAbstain, {{"US", Ballot::kNo}, {"FR", Ballot::kYes}, {"GB", Ballot::kYes}});
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_TRUE(o->vetoed_by.empty());
  EXPECT_THAT(o->permanent_no, ElementsAre("US"));
  EXPECT_THAT(o->reason, HasSubstr("not counted as a veto"));
}

TEST(Article27, PermanentAbstentionIsNotAVeto) {
  Result<Outcome> o = DecideVote(Council2024(Ballot::kYes, {{"CN", Ballot::kAbstain}}), Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->adopted);
  EXPECT_THAT(o->permanent_abstained, ElementsAre("CN"));
  EXPECT_THAT(o->reason, HasSubstr("China (CN) abstained, which is not a veto"));
}

TEST(Article27, PermanentAbsenceIsNotAVeto) {
  // Resolution 84 (7 July 1950) pattern: the USSR absent, 7 yes of 11.
  VoteInput in;
  in.date = D("1950-07-07");
  in.votes = {{"CN", Ballot::kYes}, {"FR", Ballot::kYes}, {"GB", Ballot::kYes}, {"US", Ballot::kYes},
              {"CU", Ballot::kYes}, {"EC", Ballot::kYes}, {"NO", Ballot::kYes}, {"EG", Ballot::kAbstain},
              {"IN", Ballot::kAbstain}, {"YU", Ballot::kAbstain}, {"SU", Ballot::kAbsent}};
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_TRUE(o->adopted);
  EXPECT_EQ(o->threshold, 7);
  EXPECT_EQ(o->seats, 11);
  EXPECT_THAT(o->permanent_absent, ElementsAre("SU"));
  EXPECT_THAT(o->reason, HasSubstr("absence of a permanent member is not a veto"));
}

TEST(Article27, SevenOfElevenBeforeTheEnlargement) {
  Tally t;
  t.date = D("1965-08-30");
  t.yes = 7;
  t.abstain = 4;
  Outcome o = Decide(t, Members::Default());
  EXPECT_TRUE(o.adopted);
  EXPECT_EQ(o.threshold, 7);
  EXPECT_THAT(o.reason, HasSubstr("7 of 11"));
  t.date = D("1965-08-31");  // the amendments are in force: 7 is no longer enough
  Outcome after = Decide(t, Members::Default());
  EXPECT_FALSE(after.adopted);
  EXPECT_EQ(after.threshold, 9);
}

TEST(Article27, ProceduralNeedsNineAndHasNoVeto) {
  // S/2022/160 pattern (resolution 2623): 11-1-3 with Russia against, procedural.
  VoteInput in = Council2024(Ballot::kYes, {{"RU", Ballot::kNo}, {"CN", Ballot::kAbstain},
                                            {"DZ", Ballot::kAbstain}, {"MZ", Ballot::kAbstain}});
  in.procedural = true;
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->adopted);
  EXPECT_TRUE(o->vetoed_by.empty());
  EXPECT_THAT(o->reason, HasSubstr("no veto on procedural matters"));
  in.procedural = false;
  EXPECT_FALSE(DecideVote(in, Members::Default())->adopted);
}

TEST(Article27, ProceduralFailsBelowNine) {
  VoteInput in = Council2024(Ballot::kNo, {{"FR", Ballot::kYes}, {"GB", Ballot::kYes}, {"US", Ballot::kYes},
                                           {"JP", Ballot::kYes}, {"MT", Ballot::kYes}, {"CH", Ballot::kYes},
                                           {"SI", Ballot::kYes}, {"KR", Ballot::kYes}});
  in.procedural = true;
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->adopted);
  EXPECT_THAT(o->reason, HasSubstr("procedural matter (Art. 27(2)) needs 9"));
}

TEST(Article27, DoubleVetoOnThePreliminaryQuestion) {
  // 1946 Spanish question pattern: the USSR vetoes the preliminary question
  // (is the matter procedural?) and then the matter itself.
  VoteInput pre;
  pre.date = D("1946-06-26");
  for (const Membership* m : Members::Default().On(pre.date))
    pre.votes.push_back({m->code, m->code == "SU" ? Ballot::kNo : Ballot::kYes});
  VoteInput matter = pre;
  Result<Outcome> o = DecideWithPreliminaryQuestion(pre, matter, Members::Default());
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_FALSE(o->adopted);
  EXPECT_FALSE(o->procedural);
  EXPECT_THAT(o->vetoed_by, ElementsAre("SU"));
  EXPECT_THAT(o->reason, HasSubstr("double veto"));
  // Had the preliminary question passed, the matter would be procedural: no veto.
  for (MemberVote& v : pre.votes) v.ballot = Ballot::kYes;
  Result<Outcome> p = DecideWithPreliminaryQuestion(pre, matter, Members::Default());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->adopted);
  EXPECT_TRUE(p->procedural);
}

TEST(DecideVote, RejectsCodeNotAMemberOnThatDate) {
  VoteInput in = Council2024(Ballot::kYes, {});
  in.votes.back().code = "DE";  // Germany left the Council at the end of 2020
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_FALSE(o.ok());
  EXPECT_THAT(o.error().message, HasSubstr("DE is not a member of the Security Council on 2024-03-28"));
}

TEST(DecideVote, RejectsMemberVotingTwice) {
  VoteInput in = Council2024(Ballot::kYes, {});
  in.votes.push_back({"RU", Ballot::kNo});
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_FALSE(o.ok());
  EXPECT_THAT(o.error().message, HasSubstr("RU votes more than once"));
}

TEST(DecideVote, RejectsMoreVotesThanSeats) {
  VoteInput in;
  in.date = D("2024-03-28");
  const char* codes[] = {"AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP"};
  for (const char* c : codes) in.votes.push_back({c, Ballot::kYes});
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_FALSE(o.ok());
  EXPECT_THAT(o.error().message, HasSubstr("16 votes given, but the Council has 15 members"));
}

TEST(DecideVote, RejectsDateBeforeTheFirstMeeting) {
  VoteInput in;
  in.date = D("1945-12-31");
  in.votes = {{"US", Ballot::kYes}};
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_FALSE(o.ok());
  EXPECT_THAT(o.error().message, HasSubstr("before the Security Council's first meeting"));
}

TEST(DecideVote, CountsMembersWithoutBallotAsAbsent) {
  VoteInput in;
  in.date = D("2024-03-28");
  in.votes = {{"US", Ballot::kYes}};
  Result<Outcome> o = DecideVote(in, Members::Default());
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->absent, 14);
  EXPECT_EQ(o->unlisted.size(), 14u);
  EXPECT_THAT(o->reason, HasSubstr("counted absent"));
}

TEST(OutcomeJson, HasTheIssueKeys) {
  Result<Outcome> o = DecideVote(Council2024(Ballot::kYes, {{"RU", Ballot::kNo}, {"CN", Ballot::kAbstain}}),
                                 Members::Default());
  ASSERT_TRUE(o.ok());
  std::string json;
  AppendOutcomeJson(json, *o);
  EXPECT_THAT(json, HasSubstr(R"({"adopted":false,"yes":13,"no":1,"abstain":1,"absent":0,"vetoed_by":["RU"],"threshold":9,"reason":")"));
}

// Issue 13 item 8: the table seats a full Council to the end of 2026; a
// later date is an error that says so, never a Council of ten.
TEST(Members, Issue13Item8KnownToTheEndOf2026) {
  const Members& m = Members::Default();
  EXPECT_EQ(FormatDate(m.known_until()), "2026-12-31");
  EXPECT_EQ(m.On(D("2026-12-31")).size(), 15u);
  EXPECT_TRUE(m.RequireKnown(D("2026-12-31")).ok());
  Status later = m.RequireKnown(D("2027-01-01"));
  ASSERT_FALSE(later.ok());
  EXPECT_THAT(later.error().message, HasSubstr("members after 2026-12-31 are not known"));
  VoteInput in;
  in.date = D("2027-03-01");
  in.votes = {{"FR", Ballot::kYes}, {"US", Ballot::kYes}};
  Result<Outcome> r = DecideVote(in, m);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("nothing on 2027-03-01 can be told"));
}

}  // namespace
}  // namespace wk::council
