// council: the legal side of sanctions. Who sits on the Security Council on a
// date, how a vote comes out under Charter Article 27, and a sanctions regime
// (resolutions, measures, mandates, designations, failed drafts) that can be
// asked what was in force on any day.
//
// Example:
//   const Members& m = Members::Default();
//   VoteInput in{.date = *ParseDate("2024-03-28")};
//   in.votes = {{"RU", Ballot::kNo}, {"CN", Ballot::kAbstain}, ...};
//   Result<Outcome> o = DecideVote(in, m);   // not adopted, vetoed_by {"RU"}
//   InForce f = InForceOn(DefaultRegime(), *ParseDate("2024-04-15"));
//   std::string out;
//   AppendInForceJsonLines(out, f);   // what `watchkeeper council in-force` prints
//
// Every printed value has its writer here, beside its type (src/council/output.cc):
// JSON objects on one line, CSV where the command line prints CSV, so that the
// CLI, an HTTP API and the Python module print the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace wk::council {

// ---- Dates -----------------------------------------------------------------

// A civil date as days since 1970-01-01 (New York date of a meeting).
using Date = int32_t;

// Parses "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
// A date, or an ISO 8601 time ("2024-04-30T23:59:59Z", an alert's time)
// taken as its UTC day; nullopt otherwise.
std::optional<Date> ParseDateOrTime(std::string_view text);
std::string FormatDate(Date date);

// The Council's first meeting; no vote exists before it.
inline constexpr Date kFirstMeeting = static_cast<Date>(DaysFromCivil(1946, 1, 17));
// The amendments to Articles 23 and 27 came into force: 15 members, 9 votes.
inline constexpr Date kEnlargement = static_cast<Date>(DaysFromCivil(1965, 8, 31));

// ---- Members ---------------------------------------------------------------

enum class Seat : uint8_t { kPermanent, kElected };

// One seat held from `from` to `until` (both inclusive).
struct Membership {
  std::string code;  // ISO 3166-1 alpha-2; SU, YU, CS, DD for dissolved states
  std::string name;
  Seat seat = Seat::kElected;
  Date from = 0;
  std::optional<Date> until;  // nullopt: still a member
  std::string source;
  std::string note;
  bool On(Date d) const { return from <= d && (!until || d <= *until); }
};

// The Council's composition over time.
class Members {
 public:
  // Parses the CSV of data/council/members.csv (`#` lines are comments;
  // header code,name,seat,from,until,source,note). Errors name file and line.
  static Result<Members> Parse(std::string_view csv, std::string_view filename);
  // The table built into the binary (data/council/members.csv).
  static const Members& Default();

  // Members on `date`, permanent first, then by code.
  std::vector<const Membership*> On(Date date) const;
  // The seat `code` holds on `date`, or nullptr.
  const Membership* Find(std::string_view code, Date date) const;
  // ISO code of a member's name as UN records write it ("Russian Federation",
  // "Viet Nam", "USSR", "Côte d'Ivoire"), case-insensitive; nullopt if unknown.
  std::optional<std::string> CodeOfName(std::string_view name) const;
  // Display name of `code` on `date` (or the latest name if not a member then).
  std::string NameOf(std::string_view code, Date date) const;
  const std::vector<Membership>& rows() const { return rows_; }
  // The last day on which the table seats a full Council (SeatsOn members):
  // elections are known a year or two ahead, so a later date has too few
  // members and no vote or membership on it can be told (2026-12-31 for the
  // built-in table).
  Date known_until() const { return known_until_; }
  // An error for a date after known_until(), saying so; Ok otherwise.
  Status RequireKnown(Date date) const;

 private:
  std::vector<Membership> rows_;
  Date known_until_ = 0;
  static Date FullCouncilUntil(const Members& m);
};

// {"code":"SU","name":"USSR","seat":"permanent","from":"1946-01-17","until":"1991-12-24","source":".."}
void AppendMembershipJson(std::string& out, const Membership& m);

// Seats under the Charter text in force on `date`: 11 before 31 August 1965,
// then 15 (the four new seats were filled from 1 January 1966; Members::On
// gives the members actually seated).
int SeatsOn(Date date);
// Affirmative votes required on `date`: 7 before 31 August 1965, then 9.
int ThresholdOn(Date date);

// ---- Votes (Charter Article 27) --------------------------------------------

enum class Ballot : uint8_t { kYes, kNo, kAbstain, kAbsent, kNotParticipating };
std::string_view BallotName(Ballot b);  // "yes", "no", "abstain", "absent", "not_participating"
std::optional<Ballot> ParseBallot(std::string_view text);

struct MemberVote {
  std::string code;
  Ballot ballot = Ballot::kYes;
};

struct VoteInput {
  Date date = kEnlargement;
  bool procedural = false;  // Art. 27(2); otherwise Art. 27(3)
  std::vector<MemberVote> votes;
};

// The outcome of a vote, with the reasons a reader needs.
struct Outcome {
  Date date = 0;
  bool procedural = false;
  bool adopted = false;
  int yes = 0, no = 0, abstain = 0, absent = 0;  // absent includes not participating
  int seats = 15;
  int threshold = 9;
  std::vector<std::string> vetoed_by;            // permanent members whose "no" defeated it
  std::vector<std::string> permanent_no;         // all permanent "no" votes
  std::vector<std::string> permanent_abstained;  // not vetoes (established practice)
  std::vector<std::string> permanent_absent;     // not vetoes (established practice)
  std::vector<std::string> unlisted;             // members not given a ballot: counted absent
  std::string reason;
};

// Counts without member-level detail (older records): permanent members'
// ballots are named; the elected members are only counted.
struct Tally {
  Date date = kEnlargement;
  bool procedural = false;
  int yes = 0, no = 0, abstain = 0, absent = 0;
  std::vector<std::string> permanent_no, permanent_abstained, permanent_absent;
};

// Applies Article 27 to counts; never fails (use DecideVote to validate).
// `names` supplies display names for the reason (may be Members::Default()).
Outcome Decide(const Tally& tally, const Members& names);

// Validates the ballots (each code a member on the date, none twice, no more
// ballots than seats, date on or after 1946-01-17) and decides. Members with
// no ballot are counted absent and listed in `unlisted`.
Result<Outcome> DecideVote(const VoteInput& input, const Members& members);

// The "double veto": whether a matter is procedural is itself a substantive
// question (San Francisco Statement, 7 June 1945). If the preliminary vote
// fails, the matter is decided as substantive, so a permanent member can veto
// both. `preliminary` is decided as substantive; `matter.procedural` is set from it.
Result<Outcome> DecideWithPreliminaryQuestion(const VoteInput& preliminary, VoteInput matter,
                                              const Members& members);

// {"adopted":..,"yes":..,"no":..,"abstain":..,"absent":..,"vetoed_by":[..],
//  "threshold":..,"reason":".."} plus date, procedural, seats and the lists.
void AppendOutcomeJson(std::string& out, const Outcome& o);
// The same object with "draft":SYMBOL last: the outcome of a recorded draft.
void AppendOutcomeJson(std::string& out, const Outcome& o, std::string_view draft_symbol);

// ---- Regime ----------------------------------------------------------------

struct RecordedVote {
  std::vector<std::string> yes, no, abstain, absent;
  std::vector<std::string> source;
};

struct Resolution {
  std::string symbol;  // "S/RES/2375 (2017)"
  int number = 0;
  Date date = 0;
  std::string meeting, draft, kind;
  bool chapter_vii = false;
  bool procedural = false;  // decided under Art. 27(2)
  RecordedVote vote;
  std::string summary;
  std::vector<std::string> source;
};

struct FailedDraft {
  std::string symbol;  // "S/2024/255"
  Date date = 0;
  std::string meeting, submitted_by, kind;
  bool procedural = false;
  RecordedVote vote;
  std::string summary, consequence;
  std::vector<std::string> source;
};

struct Cap {
  std::optional<double> quantity;  // nullopt: defined relative to past supply
  std::string unit, period, what;
};

// What supplying States notified the Committee under a cap for one cap year,
// as far as it is public (typed in by hand with its sources).
struct CapNotification {
  int year = 0;                     // the cap year (1 January to 31 December)
  std::optional<double> barrels;    // the year's notified total; nullopt: not known
  std::string note;                 // what is known when the total is not, and caveats
  std::vector<std::string> source;
};

// A condition under which a monitored event may implicate a measure.
struct Trigger {
  std::string event;               // "encounter", "port_call", "gap", "identity", "any"
  std::vector<std::string> when;   // all of: "regime_flag", "regime_port", "tanker", "designated"
};

struct Change {
  std::string action;  // expanded, modified, superseded
  std::string by_measure, resolution, paragraph;
  Date date = 0;
  std::vector<std::string> source;
};

struct Measure {
  std::string id, category, action, title, resolution, paragraph;
  bool paragraph_verified = false;
  // The operative paragraph's words as the resolution gives them ("" when not
  // typed in yet), and where they were read.
  std::string text, text_source;
  bool text_is_excerpt = false;  // cut with an ellipsis where words are left out
  // Set by ApplyParagraphs: the resolution's UN document and the page the
  // paragraph was read on; what the check did not cover.
  std::string verified_in, verified_by, paragraph_note;
  Date from = 0;
  std::optional<Date> until;  // last day in force; nullopt: no end
  std::string superseded_by;
  std::vector<Change> changes;
  std::vector<Cap> caps;
  std::vector<CapNotification> notified;  // by year; years not listed are unknown
  std::vector<Trigger> implicated_by;
  std::string note;
  // UN documents (the resolution's first); after ApplyParagraphs, the other
  // sources the regime file gave (news, mirrors, the UN Sanctions App) are in
  // secondary_source, beside them (docs/council.md, "Sources").
  std::vector<std::string> source, secondary_source;
  bool On(Date d) const { return from <= d && (!until || d <= *until); }
};

// {"type":"measure","id":..,"category":..,"title":..,"resolution":..,"paragraph":..,
//  "paragraph_verified":..,"from":..,"expires":..|null[,"superseded_by":..],"changes":[..]
//  [,"caps":[..]],"source":[..][,"secondary_sources":[..]]}
void AppendMeasureJson(std::string& out, const Measure& m);

struct MandatePeriod {
  std::string resolution, action, paragraph, note;
  Date from = 0;
  std::optional<Date> until;  // last day of the mandate
  bool verified = true;
  std::vector<std::string> source, secondary_source;  // as for Measure
  bool On(Date d) const { return from <= d && (!until || d <= *until); }
};

struct MandateEnd {
  Date date = 0;  // last day
  std::string failed_draft, note;
  std::vector<std::string> source;
};

struct Mandate {
  std::string id, name, created_by, paragraph, note;
  // The creating paragraph, as for Measure (set by ApplyParagraphs).
  bool paragraph_verified = false;
  std::string text, verified_in, verified_by, paragraph_note;
  std::vector<MandatePeriod> periods;  // by adoption date
  std::optional<MandateEnd> ended;
  std::vector<std::string> source, secondary_source;  // as for Measure
  // The period in force on `d` adopted last, or nullptr.
  const MandatePeriod* PeriodOn(Date d) const;
};

struct Designation {
  std::string un_ref;  // "KPe.001"
  std::string name, type;
  Date listed_on = 0;
  std::optional<Date> delisted_on;
  std::vector<std::string> measures;  // measure ids
  std::vector<std::string> source;
};

struct Regime {
  std::string format;  // "watchkeeper-regime/1"
  std::string code, name, flag, designation_prefix, committee, note;
  std::vector<std::string> source;
  std::vector<Resolution> resolutions;
  std::vector<FailedDraft> failed_drafts;
  std::vector<Measure> measures;
  std::vector<Mandate> mandates;
  std::vector<Designation> designations;

  const Measure* FindMeasure(std::string_view id) const;
  const Resolution* FindResolution(std::string_view symbol) const;  // also by draft symbol
  const FailedDraft* FindFailedDraft(std::string_view symbol) const;
  const Designation* FindDesignation(std::string_view un_ref) const;
};

// Parses and validates a regime file (format in docs/council.md). Errors name
// the file and the JSON path (and line for syntax errors) of the problem.
Result<Regime> ParseRegime(std::string_view json, std::string_view filename, const Members& members);
// Reads the file (at most kMaxRegimeFileBytes; a directory is refused) and parses it.
inline constexpr size_t kMaxRegimeFileBytes = size_t{64} << 20;
Result<Regime> LoadRegimeFile(const std::string& path, const Members& members);
// The DPRK (1718) regime built into the binary: data/regimes/kp.json with the
// paragraphs of data/regimes/kp-paragraphs.json applied.
const Regime& DefaultRegime();
std::string_view EmbeddedRegimeText();
std::string_view EmbeddedParagraphsText();

// The UN document of a resolution ("S/RES/2375 (2017)" ->
// "https://undocs.org/S/RES/2375(2017)"); "" for another kind of symbol.
std::string ResolutionDocumentUrl(std::string_view symbol);

// Whether a source is a UN document: a URL on undocs.org or un.org (any of
// its hosts: press., main., news., digitallibrary.), possibly followed by a
// label, or a UN document symbol ("SC/8853", "S/RES/1718 (2006)",
// "S/2024/255"). Everything else (news sites, mirrors, the UN Sanctions
// App, national governments) is a secondary source.
bool IsUnDocument(std::string_view source);

// Applies a paragraphs file ("watchkeeper-paragraphs/1", docs/council.md):
// operative paragraphs checked by hand against UN texts. Each entry sets its
// measure's or mandate's paragraph, text and where it was read, and marks it
// verified; an entry whose id or resolution does not match the regime is an
// error. Then every measure and mandate cites its resolution's UN document
// first in its sources, and every source that is not a UN document moves to
// secondary_source (the page a paragraph was read on first), so another
// source only ever stands beside the UN documents.
Status ApplyParagraphs(Regime& regime, std::string_view json, std::string_view filename);
std::string_view EmbeddedMembersText();

// The recorded vote of a resolution or failed draft (by either symbol).
struct RecordedDraft {
  std::string symbol;
  Date date = 0;
  bool procedural = false;
  bool recorded_adopted = false;
  const RecordedVote* vote = nullptr;
};
std::optional<RecordedDraft> FindRecordedDraft(const Regime& regime, std::string_view symbol);
VoteInput ToVoteInput(const RecordedDraft& draft);

// A recorded vote recomputed with some ballots changed ("what if Russia had
// abstained?"). A member not in the record must sit on the Council that day.
struct WhatIfResult {
  std::string draft;  // the recorded draft's symbol
  Outcome outcome;
  Outcome recorded;
  std::vector<std::string> changes;  // "RU: no -> abstain"
};
Result<WhatIfResult> WhatIf(const RecordedDraft& draft, std::span<const MemberVote> changes, bool procedural,
                            const Members& members);
// The outcome's object (AppendOutcomeJson) with "draft", "changes" and
// "recorded_adopted" last.
void AppendWhatIfJson(std::string& out, const WhatIfResult& w);

// ---- Point in time ---------------------------------------------------------

struct MandateInForce {
  const Mandate* mandate;
  const MandatePeriod* period;
};
struct InForce {
  Date date = 0;
  std::vector<const Measure*> measures;
  std::vector<MandateInForce> mandates;
};
InForce InForceOn(const Regime& regime, Date date);
// {"type":"mandate","id":..,"name":..,"created_by":..,"paragraph":..,"resolution":..,
//  "action":..,"from":..,"expires":..|null,"verified":..,"source":[..]}
void AppendMandateInForceJson(std::string& out, const MandateInForce& m);
// One line per mandate, then one per measure, each ending in a newline.
void AppendInForceJsonLines(std::string& out, const InForce& f);

struct HistoryEvent {
  Date date = 0;
  std::string kind;  // resolution, failed_draft, mandate_established, mandate_renewal, mandate_end, measure_end
  std::string symbol, text, tally;  // tally "13-1-1"
  bool adopted = false;
  std::vector<std::string> vetoed_by;
  std::vector<std::string> source;
};
// The timeline by date: resolutions with their votes, failed drafts with their
// vetoes, every mandate establishment, renewal and end, measures superseded.
std::vector<HistoryEvent> History(const Regime& regime, const Members& members);
// {"date":..,"kind":..,"symbol":..[,"tally":..,"adopted":..],"vetoed_by":[..],"text":..,"source":[..]}
void AppendHistoryEventJson(std::string& out, const HistoryEvent& e);
// CSV, one row per event under kHistoryCsvHeader: symbol, text and source
// always quoted, vetoed_by joined with ';', sources with " | ". Ends in a newline.
inline constexpr std::string_view kHistoryCsvHeader = "date,kind,symbol,tally,adopted,vetoed_by,text,source\n";
void AppendHistoryEventCsv(std::string& out, const HistoryEvent& e);

// ---- Alerts ----------------------------------------------------------------

struct Party {
  std::string flag;                      // ISO alpha-2 of the flag State ("KP")
  std::vector<std::string> designations;  // UN references ("KPe.066")
  std::string vessel_type;               // "tanker", "cargo", ... (free text)
};

struct Implication {
  const Measure* measure;
  std::string why;
};
// {"measure":..,"category":..,"resolution":..,"paragraph":..,"why":..}
void AppendImplicationJson(std::string& out, const Implication& i);

// The measures in force on `date` that an event of `event_type` ("encounter",
// "port_call", "gap", "identity") between `parties` may implicate, each with
// the reason. Example: an encounter of a tanker with a KP-flagged ship on
// 2018-03-01 implicates 2375-sts (S/RES/2375 (2017) para 11).
// `port_country`: the country of the port a port call was in (condition
// "regime_port": a port of the regime's country), "" for events at sea.
std::vector<Implication> ImplicatedMeasures(const Regime& regime, std::string_view event_type,
                                            std::span<const Party> parties, Date date,
                                            std::string_view port_country = {});

}  // namespace wk::council
