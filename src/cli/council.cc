// watchkeeper council vote|in-force|history|what-if|implicate: thin wrappers
// over src/council.
#include <cctype>
#include <ctime>
#include <algorithm>
#include <iostream>
#include <memory>
#include <tuple>

#include "cli/commands.h"
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

// YYYY-MM-DD, or an ISO 8601 timestamp (an alert's time) taken as its UTC day.
Date ParseDateOrFail(const std::string& text) {
  if (auto d = council::ParseDate(text)) return *d;
  if (text.size() > 10 && text[10] == 'T' && council::ParseDate(text.substr(0, 10))) {
    if (auto ms = ParseTimeMs(text)) {
      int64_t days = *ms / 86400000;
      if (*ms < 0 && *ms % 86400000 != 0) --days;
      return static_cast<Date>(days);
    }
  }
  Fail(kExitBadInput, "--date \"" + text + "\" is not a date YYYY-MM-DD");
}

Date Today() {
  return static_cast<Date>(std::time(nullptr) / 86400);
}

// "RU,CN" or repeated flags -> codes, upper-cased and checked for shape.
std::vector<std::string> Codes(const std::vector<std::string>& args, const char* flag) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    size_t start = 0;
    while (start <= a.size()) {
      size_t comma = a.find(',', start);
      std::string c = a.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? a.size() + 1 : comma + 1;
      while (!c.empty() && c.back() == ' ') c.pop_back();
      while (!c.empty() && c.front() == ' ') c.erase(c.begin());
      if (c.empty()) continue;
      for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (c.size() != 2 || !std::isalpha(static_cast<unsigned char>(c[0])) ||
          !std::isalpha(static_cast<unsigned char>(c[1])))
        Fail(kExitBadInput, std::string(flag) + ": \"" + c + "\" is not an ISO 3166 alpha-2 code");
      out.push_back(c);
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
  if (!o.regime.empty()) {
    std::string want = o.regime;
    for (char& c : want) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (want != g->code)
      Fail(kExitBadInput, "unknown regime \"" + o.regime + "\" (loaded: " + g->code +
                              "; use --regime-file for another regime's file)");
  }
  return *g;
}

void RunVote(const CouncilOptions& o) {
  const council::Members& members = council::Members::Default();
  if (!o.draft.empty()) {
    if (!o.yes.empty() || !o.no.empty() || !o.abstain.empty() || !o.absent.empty())
      Fail(kExitUsage, "--draft takes the recorded vote: do not combine it with --yes/--no/--abstain/--absent");
    const council::Regime& g = LoadRegime(o);
    auto d = council::FindRecordedDraft(g, o.draft);
    if (!d) Fail(kExitBadInput, "no recorded vote on draft \"" + o.draft + "\" in regime " + g.code);
    council::VoteInput in = council::ToVoteInput(*d);
    if (o.procedural) in.procedural = true;
    Result<council::Outcome> r = council::DecideVote(in, members);
    if (!r.ok()) Fail(kExitBadInput, o.draft + ": " + r.error().message);
    std::string out;
    council::AppendOutcomeJson(out, *r, d->symbol);
    std::cout << out << "\n";
    return;
  }
  council::VoteInput in;
  in.date = o.date.empty() ? Today() : ParseDateOrFail(o.date);
  in.procedural = o.procedural;
  for (const auto& [list, flag, b] :
       {std::tuple{&o.yes, "--yes", Ballot::kYes}, std::tuple{&o.no, "--no", Ballot::kNo},
        std::tuple{&o.abstain, "--abstain", Ballot::kAbstain}, std::tuple{&o.absent, "--absent", Ballot::kAbsent}})
    for (const std::string& c : Codes(*list, flag)) in.votes.push_back({c, b});
  if (in.votes.empty()) Fail(kExitUsage, "give ballots with --yes/--no/--abstain/--absent, or --draft SYMBOL");
  Result<council::Outcome> r = council::DecideVote(in, members);
  if (!r.ok()) Fail(kExitBadInput, r.error().message);
  std::string out;
  council::AppendOutcomeJson(out, *r);
  std::cout << out << "\n";
}

void RunMembers(const CouncilOptions& o) {
  const council::Members& members = council::Members::Default();
  Date date = o.date.empty() ? Today() : ParseDateOrFail(o.date);
  if (date < council::kFirstMeeting) Fail(kExitBadInput, "--date " + council::FormatDate(date) + " is before the Security Council's first meeting (1946-01-17)");
  std::string out;
  for (const council::Membership* m : members.On(date)) {
    council::AppendMembershipJson(out, *m);
    out += '\n';
  }
  std::cout << out;
}

void RunInForce(const CouncilOptions& o) {
  const council::Regime& g = LoadRegime(o);
  Date date = ParseDateOrFail(o.date);
  std::string out;
  council::AppendInForceJsonLines(out, council::InForceOn(g, date));
  std::cout << out;
}

void RunHistory(const CouncilOptions& o) {
  const council::Regime& g = LoadRegime(o);
  if (o.format != "json" && o.format != "csv") Fail(kExitUsage, "--format must be json or csv");
  std::vector<council::HistoryEvent> events = council::History(g, council::Members::Default());
  std::string out;
  if (o.format == "csv") out += council::kHistoryCsvHeader;
  for (const council::HistoryEvent& e : events) {
    if (o.format == "csv") {
      council::AppendHistoryEventCsv(out, e);
    } else {
      council::AppendHistoryEventJson(out, e);
      out += '\n';
    }
  }
  std::cout << out;
}

void RunWhatIf(const CouncilOptions& o) {
  const council::Regime& g = LoadRegime(o);
  auto d = council::FindRecordedDraft(g, o.draft);
  if (!d) Fail(kExitBadInput, "no recorded vote on draft \"" + o.draft + "\" in regime " + g.code);
  std::vector<council::MemberVote> changes;
  for (const std::string& arg : o.sets) {
    size_t start = 0;
    while (start <= arg.size()) {
      size_t comma = arg.find(',', start);
      std::string s = arg.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? arg.size() + 1 : comma + 1;
      if (s.empty()) continue;
      size_t eq = s.find('=');
      if (eq == std::string::npos) Fail(kExitBadInput, "--set \"" + s + "\": expected CODE=yes|no|abstain|absent");
      std::string code = OneCode(s.substr(0, eq), "--set");
      auto b = council::ParseBallot(s.substr(eq + 1));
      if (!b) Fail(kExitBadInput, "--set \"" + s + "\": \"" + s.substr(eq + 1) + "\" is not yes, no, abstain or absent");
      changes.push_back({code, *b});
    }
  }
  if (changes.empty()) Fail(kExitUsage, "give at least one --set CODE=yes|no|abstain|absent");
  Result<council::WhatIfResult> w = council::WhatIf(*d, changes, o.procedural, council::Members::Default());
  if (!w.ok()) Fail(kExitBadInput, "--set: " + w.error().message);
  std::string line;
  council::AppendWhatIfJson(line, *w);
  std::cout << line << "\n";
}

// --party "flag=KP;type=tanker;un=KPe.066"
council::Party ParseParty(const std::string& text) {
  council::Party p;
  size_t start = 0;
  while (start <= text.size()) {
    size_t semi = text.find(';', start);
    std::string kv = text.substr(start, semi == std::string::npos ? std::string::npos : semi - start);
    start = semi == std::string::npos ? text.size() + 1 : semi + 1;
    if (kv.empty()) continue;
    size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq == std::string::npos ? kv.size() : eq);
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
  const council::Regime& g = LoadRegime(o);
  Date date = ParseDateOrFail(o.date);
  std::vector<council::Party> parties;
  for (const std::string& s : o.parties) parties.push_back(ParseParty(s));
  std::string out;
  for (const council::Implication& i : council::ImplicatedMeasures(g, o.event, parties, date)) {
    council::AppendImplicationJson(out, i);
    out += '\n';
  }
  std::cout << out;
}

}  // namespace

void AddCouncilCommands(CLI::App& app) {
  auto opts = std::make_shared<CouncilOptions>();
  CLI::App* council = app.add_subcommand("council", "Security Council votes, measures and mandates in force");
  council->require_subcommand(1);

  CLI::App* vote = council->add_subcommand("vote", "Outcome of a vote under Charter Article 27 (JSON)");
  vote->add_option("--yes", opts->yes, "Members voting yes (ISO alpha-2, comma-separated)");
  vote->add_option("--no", opts->no, "Members voting no");
  vote->add_option("--abstain", opts->abstain, "Members abstaining");
  vote->add_option("--absent", opts->absent, "Members absent or not participating");
  vote->add_option("--date", opts->date, "Date of the vote, YYYY-MM-DD (default: today)");
  vote->add_flag("--procedural", opts->procedural, "A procedural matter (Art. 27(2)): no veto");
  vote->add_option("--draft", opts->draft, "A recorded draft, e.g. S/2024/255");
  vote->add_option("--regime-file", opts->regime_file, "A regime file instead of the built-in DPRK one");
  vote->callback([opts] { RunVote(*opts); });

  CLI::App* mem = council->add_subcommand("members", "The Council's members on a date (JSON Lines)");
  mem->add_option("--date", opts->date, "YYYY-MM-DD (default: today)");
  mem->callback([opts] { RunMembers(*opts); });

  CLI::App* inforce = council->add_subcommand("in-force", "Measures and mandates in force on a date (JSON Lines)");
  inforce->add_option("--date", opts->date, "YYYY-MM-DD")->required();
  inforce->add_option("--regime", opts->regime, "Regime code (built in: KP)");
  inforce->add_option("--regime-file", opts->regime_file, "A regime file (docs/council.md)");
  inforce->callback([opts] { RunInForce(*opts); });

  CLI::App* history = council->add_subcommand("history", "Timeline of a regime (JSON Lines or CSV)");
  history->add_option("--regime", opts->regime, "Regime code (built in: KP)");
  history->add_option("--regime-file", opts->regime_file, "A regime file (docs/council.md)");
  history->add_option("--format", opts->format, "json or csv");
  history->callback([opts] { RunHistory(*opts); });

  CLI::App* whatif = council->add_subcommand("what-if", "Recompute a recorded vote with changed ballots");
  whatif->add_option("--draft", opts->draft, "A recorded draft, e.g. S/2024/255")->required();
  whatif->add_option("--set", opts->sets, "CODE=yes|no|abstain|absent (repeatable)")->required();
  whatif->add_flag("--procedural", opts->procedural, "Decide as a procedural matter");
  whatif->add_option("--regime-file", opts->regime_file, "A regime file (docs/council.md)");
  whatif->callback([opts] { RunWhatIf(*opts); });

  CLI::App* implicate = council->add_subcommand("implicate", "Measures an event may implicate (JSON Lines)");
  implicate->add_option("--event", opts->event, "encounter, port_call, gap or identity")->required();
  implicate->add_option("--date", opts->date, "YYYY-MM-DD")->required();
  implicate->add_option("--party", opts->parties, "\"flag=KP;type=tanker;un=KPe.066\" (repeatable)")->required();
  implicate->add_option("--regime", opts->regime, "Regime code (built in: KP)");
  implicate->add_option("--regime-file", opts->regime_file, "A regime file (docs/council.md)");
  implicate->callback([opts] { RunImplicate(*opts); });
}

}  // namespace wk::cli
