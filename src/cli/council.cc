// watchkeeper council vote|members|in-force|history|what-if|implicate: option
// parsing and exit codes over src/council, which also writes what is printed.
#include <cctype>
#include <ctime>
#include <memory>
#include <tuple>

#include "cli/commands.h"
#include "cli/options.h"
#include "council/council.h"

namespace wk::cli {
namespace {

using council::Ballot;
using council::Date;

struct CouncilOptions {
  std::vector<std::string> yes, no, abstain, absent;
  std::string date, draft, regime, regime_file, format = "json", event;
  std::vector<std::string> sets, parties;
  bool procedural = false;
};

Date ParseDateOrFail(const std::string& text) {
  if (auto d = council::ParseDateOrTime(text)) return *d;
  Fail(kExitUsage, "--date \"" + text + "\" is not a date YYYY-MM-DD");
}

// --date, or today (UTC) when it is not given.
Date DateOrToday(const std::string& text) {
  if (!text.empty()) return ParseDateOrFail(text);
  return static_cast<Date>(std::time(nullptr) / 86400);
}

// "RU,CN" or repeated flags -> codes, upper-cased and checked for shape.
std::vector<std::string> Codes(const std::vector<std::string>& args, const char* flag) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    for (const std::string& part : SplitList(a, ',')) {
      std::string c = Upper(Trim(part));
      if (c.empty()) continue;
      if (c.size() != 2 || !std::isalpha(static_cast<unsigned char>(c[0])) ||
          !std::isalpha(static_cast<unsigned char>(c[1])))
        Fail(kExitBadInput, std::string(flag) + ": \"" + c + "\" is not an ISO 3166 alpha-2 code");
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string OneCode(const std::string& text, const char* flag) {
  std::vector<std::string> c = Codes({text}, flag);
  if (c.size() != 1) Fail(kExitBadInput, std::string(flag) + ": expected one ISO 3166 alpha-2 code, got \"" + text + "\"");
  return c[0];
}

const council::Regime& LoadRegime(const CouncilOptions& o) {
  static council::Regime loaded;
  const council::Regime* g = &council::DefaultRegime();
  if (!o.regime_file.empty()) {
    Result<council::Regime> r = council::LoadRegimeFile(o.regime_file, council::Members::Default());
    if (!r.ok()) Fail(kExitBadInput, r.error().message);
    loaded = std::move(r).value();
    g = &loaded;
  }
  if (!o.regime.empty() && Upper(o.regime) != g->code)
    Fail(kExitBadInput, "unknown regime \"" + o.regime + "\" (loaded: " + g->code +
                            "; use --regime-file for another regime's file)");
  return *g;
}

// JSON Lines, or with --format text the same laid out for people.
void Print(const CouncilOptions& o, const std::string& jsonl) {
  RequireChoice("--format", o.format, {"json", "text"});
  WriteOut(o.format == "text" ? JsonLinesAsText(jsonl) : jsonl);
}

council::RecordedDraft FindDraftOrFail(const council::Regime& g, const std::string& symbol) {
  auto d = council::FindRecordedDraft(g, symbol);
  if (!d) Fail(kExitBadInput, "no recorded vote on draft \"" + symbol + "\" in regime " + g.code);
  return *d;
}

void RunVote(const CouncilOptions& o) {
  const council::Members& members = council::Members::Default();
  std::string out;
  if (!o.draft.empty()) {
    if (!o.yes.empty() || !o.no.empty() || !o.abstain.empty() || !o.absent.empty())
      Fail(kExitUsage, "--draft takes the recorded vote: do not combine it with --yes/--no/--abstain/--absent");
    council::RecordedDraft d = FindDraftOrFail(LoadRegime(o), o.draft);
    council::VoteInput in = council::ToVoteInput(d);
    if (o.procedural) in.procedural = true;
    Result<council::Outcome> r = council::DecideVote(in, members);
    if (!r.ok()) Fail(kExitBadInput, o.draft + ": " + r.error().message);
    council::AppendOutcomeJson(out, *r, d.symbol);
    Print(o, out + "\n");
    return;
  }
  council::VoteInput in;
  in.date = DateOrToday(o.date);
  in.procedural = o.procedural;
  for (const auto& [list, flag, b] :
       {std::tuple{&o.yes, "--yes", Ballot::kYes}, std::tuple{&o.no, "--no", Ballot::kNo},
        std::tuple{&o.abstain, "--abstain", Ballot::kAbstain}, std::tuple{&o.absent, "--absent", Ballot::kAbsent}})
    for (const std::string& c : Codes(*list, flag)) in.votes.push_back({c, b});
  if (in.votes.empty()) Fail(kExitUsage, "give ballots with --yes/--no/--abstain/--absent, or --draft SYMBOL");
  Result<council::Outcome> r = council::DecideVote(in, members);
  if (!r.ok()) Fail(kExitBadInput, r.error().message);
  council::AppendOutcomeJson(out, *r);
  Print(o, out + "\n");
}

void RunMembers(const CouncilOptions& o) {
  Date date = DateOrToday(o.date);
  if (date < council::kFirstMeeting)
    Fail(kExitBadInput, "--date " + council::FormatDate(date) +
                            " is before the Security Council's first meeting (1946-01-17)");
  if (Status known = council::Members::Default().RequireKnown(date); !known.ok())
    Fail(kExitBadInput, known.error().message);
  std::string out;
  for (const council::Membership* m : council::Members::Default().On(date)) {
    council::AppendMembershipJson(out, *m);
    out += '\n';
  }
  Print(o, out);
}

void RunInForce(const CouncilOptions& o) {
  const council::Regime& g = LoadRegime(o);
  std::string out;
  council::AppendInForceJsonLines(out, council::InForceOn(g, ParseDateOrFail(o.date)));
  Print(o, out);
}

void RunHistory(const CouncilOptions& o) {
  const council::Regime& g = LoadRegime(o);
  RequireChoice("--format", o.format, {"json", "csv"});
  const bool csv = o.format == "csv";
  std::string out;
  if (csv) out += council::kHistoryCsvHeader;
  for (const council::HistoryEvent& e : council::History(g, council::Members::Default())) {
    if (csv) {
      council::AppendHistoryEventCsv(out, e);
    } else {
      council::AppendHistoryEventJson(out, e);
      out += '\n';
    }
  }
  WriteOut(out);
}

void RunWhatIf(const CouncilOptions& o) {
  council::RecordedDraft d = FindDraftOrFail(LoadRegime(o), o.draft);
  std::vector<council::MemberVote> changes;
  for (const std::string& arg : o.sets) {
    for (const std::string& s : SplitList(arg, ',')) {
      size_t eq = s.find('=');
      if (eq == std::string::npos) Fail(kExitBadInput, "--set \"" + s + "\": expected CODE=yes|no|abstain|absent");
      std::string code = OneCode(s.substr(0, eq), "--set");
      auto b = council::ParseBallot(s.substr(eq + 1));
      if (!b) Fail(kExitBadInput, "--set \"" + s + "\": \"" + s.substr(eq + 1) + "\" is not yes, no, abstain or absent");
      for (const council::MemberVote& earlier : changes)
        if (earlier.code == code) Fail(kExitUsage, "--set: " + code + " is set more than once");
      changes.push_back({code, *b});
    }
  }
  if (changes.empty()) Fail(kExitUsage, "give at least one --set CODE=yes|no|abstain|absent");
  Result<council::WhatIfResult> w = council::WhatIf(d, changes, o.procedural, council::Members::Default());
  if (!w.ok()) Fail(kExitBadInput, "--set: " + w.error().message);
  std::string out;
  council::AppendWhatIfJson(out, *w);
  WriteLine(out);
}

// --party "flag=KP;type=tanker;un=KPe.066"
council::Party ParseParty(const std::string& text) {
  council::Party p;
  for (const std::string& kv : SplitList(text, ';')) {
    size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq);
    std::string v = eq == std::string::npos ? "" : kv.substr(eq + 1);
    if (k == "flag") {
      p.flag = OneCode(v, "--party flag");
    } else if (k == "type") {
      p.vessel_type = v;
    } else if (k == "un") {
      p.designations.push_back(v);
    } else {
      Fail(kExitBadInput, "--party \"" + text + "\": unknown key \"" + k + "\" (flag, type, un)");
    }
  }
  return p;
}

void RunImplicate(const CouncilOptions& o) {
  // detect's event types.
  RequireChoice("--event", o.event,
                {"encounter", "port_call", "gap", "loitering", "identity", "port_sequence"});
  const council::Regime& g = LoadRegime(o);
  Date date = ParseDateOrFail(o.date);
  std::vector<council::Party> parties;
  for (const std::string& s : o.parties) parties.push_back(ParseParty(s));
  std::string out;
  for (const council::Implication& i : council::ImplicatedMeasures(g, o.event, parties, date)) {
    council::AppendImplicationJson(out, i);
    out += '\n';
  }
  Print(o, out);
}

// --regime and --regime-file, or --regime-file alone where the regime is found by its draft.
void AddRegimeOptions(CLI::App* cmd, CouncilOptions& o, bool with_code, const char* file_help) {
  if (with_code) cmd->add_option("--regime", o.regime, "Regime code (built in: KP)");
  cmd->add_option("--regime-file", o.regime_file, file_help);
}

constexpr const char* kRegimeFileHelp = "A regime file (docs/council.md)";

}  // namespace

void AddCouncilCommands(CLI::App& app) {
  auto opts = std::make_shared<CouncilOptions>();
  CLI::App* council = AddArea(app, "council", "Security Council votes, measures and mandates in force");

  CLI::App* vote = council->add_subcommand("vote", "Outcome of a vote under Charter Article 27 (JSON)");
  vote->add_option("--yes", opts->yes, "Members voting yes (ISO alpha-2, comma-separated)");
  vote->add_option("--no", opts->no, "Members voting no");
  vote->add_option("--abstain", opts->abstain, "Members abstaining");
  vote->add_option("--absent", opts->absent, "Members absent or not participating");
  vote->add_option("--date", opts->date, "Date of the vote, YYYY-MM-DD (default: today)");
  vote->add_flag("--procedural", opts->procedural, "A procedural matter (Art. 27(2)): no veto");
  vote->add_option("--draft", opts->draft, "A recorded draft, e.g. S/2024/255");
  AddRegimeOptions(vote, *opts, false, "A regime file instead of the built-in DPRK one");
  vote->add_option("--format", opts->format, "json (default) or text");
  vote->callback([opts] { RunVote(*opts); });

  CLI::App* mem = council->add_subcommand("members", "The Council's members on a date (JSON Lines)");
  mem->add_option("--date", opts->date, "YYYY-MM-DD (default: today)");
  mem->add_option("--format", opts->format, "json (default) or text");
  mem->callback([opts] { RunMembers(*opts); });

  CLI::App* inforce = council->add_subcommand("in-force", "Measures and mandates in force on a date (JSON Lines)");
  inforce->add_option("--date", opts->date, "YYYY-MM-DD")->required();
  AddRegimeOptions(inforce, *opts, true, kRegimeFileHelp);
  inforce->add_option("--format", opts->format, "json (default) or text");
  inforce->callback([opts] { RunInForce(*opts); });

  CLI::App* history = council->add_subcommand("history", "Timeline of a regime (JSON Lines or CSV)");
  AddRegimeOptions(history, *opts, true, kRegimeFileHelp);
  history->add_option("--format", opts->format, "json or csv");
  history->callback([opts] { RunHistory(*opts); });

  CLI::App* whatif = council->add_subcommand("what-if", "Recompute a recorded vote with changed ballots");
  whatif->add_option("--draft", opts->draft, "A recorded draft, e.g. S/2024/255")->required();
  whatif->add_option("--set", opts->sets, "CODE=yes|no|abstain|absent (repeatable)")->required();
  whatif->add_flag("--procedural", opts->procedural, "Decide as a procedural matter");
  AddRegimeOptions(whatif, *opts, false, kRegimeFileHelp);
  whatif->callback([opts] { RunWhatIf(*opts); });

  CLI::App* implicate = council->add_subcommand("implicate", "Measures an event may implicate (JSON Lines)");
  implicate->add_option("--event", opts->event, "encounter, port_call, gap, loitering, identity or port_sequence")->required();
  implicate->add_option("--date", opts->date, "YYYY-MM-DD")->required();
  implicate->add_option("--party", opts->parties, "\"flag=KP;type=tanker;un=KPe.066\" (repeatable)")->required();
  AddRegimeOptions(implicate, *opts, true, kRegimeFileHelp);
  implicate->add_option("--format", opts->format, "json (default) or text");
  implicate->callback([opts] { RunImplicate(*opts); });
}

}  // namespace wk::cli
