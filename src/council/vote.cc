// Charter Article 27: "2. Decisions of the Security Council on procedural
// matters shall be made by an affirmative vote of nine members. 3. Decisions
// of the Security Council on all other matters shall be made by an affirmative
// vote of nine members including the concurring votes of the permanent
// members". Before the amendment in force on 31 August 1965: seven of eleven.
// Since 1946 the Council treats a permanent member's abstention or absence as
// not preventing adoption (confirmed by the ICJ, Namibia advisory opinion, 1971).
#include <algorithm>
#include <set>

#include "council/council.h"

namespace wk::council {
namespace {

std::string Named(const std::vector<std::string>& codes, const Members& names, Date date) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i) out += i + 1 == codes.size() ? " and " : ", ";
    out += names.NameOf(codes[i], date) + " (" + codes[i] + ")";
  }
  return out;
}

}  // namespace

std::string_view BallotName(Ballot b) {
  switch (b) {
    case Ballot::kYes: return "yes";
    case Ballot::kNo: return "no";
    case Ballot::kAbstain: return "abstain";
    case Ballot::kAbsent: return "absent";
    case Ballot::kNotParticipating: return "not_participating";
  }
  return "?";
}

std::optional<Ballot> ParseBallot(std::string_view t) {
  if (t == "yes" || t == "Yes" || t == "Y") return Ballot::kYes;
  if (t == "no" || t == "No" || t == "N") return Ballot::kNo;
  if (t == "abstain" || t == "Abstain" || t == "A") return Ballot::kAbstain;
  if (t == "absent" || t == "Absent") return Ballot::kAbsent;
  if (t == "not_participating" || t == "non_voting") return Ballot::kNotParticipating;
  return std::nullopt;
}

Outcome Decide(const Tally& t, const Members& names) {
  Outcome o;
  o.date = t.date;
  o.procedural = t.procedural;
  o.yes = t.yes;
  o.no = t.no;
  o.abstain = t.abstain;
  o.absent = t.absent;
  o.seats = SeatsOn(t.date);
  o.threshold = ThresholdOn(t.date);
  o.permanent_no = t.permanent_no;
  o.permanent_abstained = t.permanent_abstained;
  o.permanent_absent = t.permanent_absent;
  const std::string seats = std::to_string(o.seats);
  const std::string need = std::to_string(o.threshold);
  const std::string era = t.date < kEnlargement
                              ? std::string(" (before the amendment of 31 August 1965: ") + need + " of " + seats + ")"
                              : "";
  bool majority = o.yes >= o.threshold;
  std::string r;
  if (t.procedural) {
    o.adopted = majority;
    r = std::string(o.adopted ? "adopted" : "not adopted") + ": procedural matter (Art. 27(2)) needs " +
        need + " affirmative votes" + era + "; it got " + std::to_string(o.yes) + ".";
    if (!o.permanent_no.empty())
      r += std::string(" The negative vote of ") + Named(o.permanent_no, names, t.date) +
           " is not a veto: there is no veto on procedural matters.";
  } else {
    if (majority) o.vetoed_by = o.permanent_no;
    o.adopted = majority && o.vetoed_by.empty();
    if (o.adopted) {
      r = std::string("adopted: ") + std::to_string(o.yes) + " affirmative votes meet the threshold of " + need + era +
          " and no permanent member voted against (Art. 27(3)).";
    } else if (!o.vetoed_by.empty()) {
      r = std::string("not adopted: vetoed by ") + Named(o.vetoed_by, names, t.date) + ". " + std::to_string(o.yes) +
          " affirmative votes met the threshold of " + need + era +
          ", but on a substantive matter a negative vote of a permanent member defeats the draft (Art. 27(3))";
      r += o.vetoed_by.size() > 1 ? std::string("; ") + std::to_string(o.vetoed_by.size()) + " permanent members vetoed it." : ".";
    } else {
      r = std::string("not adopted: ") + std::to_string(o.yes) + " affirmative votes, fewer than the " + need +
          " required" + era + " (Art. 27(3)).";
      if (!o.permanent_no.empty())
        r += std::string(" The negative vote of ") + Named(o.permanent_no, names, t.date) +
             " is not counted as a veto, since the draft lacked the required majority anyway.";
    }
  }
  if (!o.permanent_abstained.empty())
    r += std::string(" ") + Named(o.permanent_abstained, names, t.date) +
         (o.permanent_abstained.size() > 1 ? " abstained; an abstention" : " abstained, which") +
         " is not a veto (established practice since 1946, confirmed by the ICJ in 1971).";
  if (!o.permanent_absent.empty())
    r += std::string(" ") + Named(o.permanent_absent, names, t.date) +
         " did not vote; absence of a permanent member is not a veto (established practice since 1950).";
  o.reason = std::move(r);
  return o;
}

Result<Outcome> DecideVote(const VoteInput& in, const Members& members) {
  if (in.date < kFirstMeeting)
    return MakeError(ErrorCode::kInvalidInput,
                     "date " + FormatDate(in.date) +
                         " is before the Security Council's first meeting (1946-01-17): there was no vote");
  if (Status known = members.RequireKnown(in.date); !known.ok()) return known.error();
  const int seats = static_cast<int>(members.On(in.date).size());
  std::set<std::string> seen;
  for (const MemberVote& v : in.votes) {
    if (!seen.insert(v.code).second)
      return MakeError(ErrorCode::kInvalidInput, "member " + v.code + " votes more than once");
  }
  if (static_cast<int>(in.votes.size()) > seats)
    return MakeError(ErrorCode::kInvalidInput,
                     std::to_string(in.votes.size()) + " votes given, but the Council has " +
                         std::to_string(seats) + " members on " + FormatDate(in.date));
  Tally t;
  t.date = in.date;
  t.procedural = in.procedural;
  for (const MemberVote& v : in.votes) {
    const Membership* m = members.Find(v.code, in.date);
    if (!m) {
      std::string why = v.code + " is not a member of the Security Council on " + FormatDate(in.date);
      return MakeError(ErrorCode::kInvalidInput, why);
    }
    bool permanent = m->seat == Seat::kPermanent;
    switch (v.ballot) {
      case Ballot::kYes: ++t.yes; break;
      case Ballot::kNo:
        ++t.no;
        if (permanent) t.permanent_no.push_back(v.code);
        break;
      case Ballot::kAbstain:
        ++t.abstain;
        if (permanent) t.permanent_abstained.push_back(v.code);
        break;
      case Ballot::kAbsent:
      case Ballot::kNotParticipating:
        ++t.absent;
        if (permanent) t.permanent_absent.push_back(v.code);
        break;
    }
  }
  std::vector<std::string> unlisted;
  for (const Membership* m : members.On(in.date)) {
    if (seen.count(m->code)) continue;
    unlisted.push_back(m->code);
    ++t.absent;
    if (m->seat == Seat::kPermanent) t.permanent_absent.push_back(m->code);
  }
  for (auto* v : {&t.permanent_no, &t.permanent_abstained, &t.permanent_absent}) std::sort(v->begin(), v->end());
  Outcome o = Decide(t, members);
  o.seats = seats;
  o.unlisted = unlisted;
  if (!unlisted.empty())
    o.reason += std::string(" ") + std::to_string(unlisted.size()) + " member(s) given no ballot are counted absent: " +
                Join(unlisted, ", ") + ".";
  return o;
}

Result<Outcome> DecideWithPreliminaryQuestion(const VoteInput& preliminary, VoteInput matter,
                                              const Members& members) {
  VoteInput pre = preliminary;
  pre.procedural = false;  // the preliminary question is substantive
  Result<Outcome> p = DecideVote(pre, members);
  if (!p.ok()) return p.error();
  matter.procedural = p->adopted;
  Result<Outcome> o = DecideVote(matter, members);
  if (!o.ok()) return o.error();
  std::string pre_text =
      p->adopted ? "The Council first decided that the matter is procedural (preliminary question adopted), so "
                   "Art. 27(2) applies. "
                 : "The preliminary question whether the matter is procedural is itself substantive and was "
                   "not adopted" +
                       (p->vetoed_by.empty() ? std::string()
                                             : std::string(" (vetoed by ") + Named(p->vetoed_by, members, pre.date) + ")") +
                       ", so the matter is decided as substantive under Art. 27(3). ";
  std::vector<std::string> both;
  for (const std::string& c : p->vetoed_by)
    if (std::find(o->vetoed_by.begin(), o->vetoed_by.end(), c) != o->vetoed_by.end()) both.push_back(c);
  o->reason = pre_text + o->reason;
  if (!both.empty())
    o->reason += std::string(" This is a double veto: ") + Named(both, members, pre.date) +
                 " vetoed both the preliminary question and the matter.";
  return o;
}

}  // namespace wk::council
