// libFuzzer target for the regime-file parser (and the membership CSV parser):
// any input must give a Regime or an Error, never a crash or a hang. A parsed
// regime is then queried and printed the way the CLI does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "council/council.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wk::council;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const Members& members = Members::Default();
  (void)Members::Parse(text, "fuzz.csv");
  wk::Result<Regime> g = ParseRegime(text, "fuzz.json", members);
  if (!g.ok()) return 0;
  for (const FailedDraft& f : g->failed_drafts)
    if (auto d = FindRecordedDraft(*g, f.symbol)) (void)DecideVote(ToVoteInput(*d), members);
  for (const Resolution& r : g->resolutions)
    if (auto d = FindRecordedDraft(*g, r.symbol)) (void)DecideVote(ToVoteInput(*d), members);
  std::string out;
  for (const HistoryEvent& e : History(*g, members)) {
    AppendHistoryEventJson(out, e);
    AppendHistoryEventCsv(out, e);
  }
  Date day = kFirstMeeting + static_cast<Date>(size * 37 % 30000);
  AppendInForceJsonLines(out, InForceOn(*g, day));
  Party parties[2];
  parties[0].flag = g->flag;
  parties[1].vessel_type = "tanker";
  if (!g->designations.empty()) parties[1].designations.push_back(g->designations.front().un_ref);
  for (const Implication& i : ImplicatedMeasures(*g, "encounter", parties, day)) AppendImplicationJson(out, i);
  return 0;
}
