// Routes: the Security Council side. A vote decided under Article 27, a
// recorded vote recomputed with ballots changed, what was in force on a
// date, and the regime's history, all from the built-in DPRK regime.
#include <ctime>

#include "api/service.h"
#include "core/core.h"
#include "council/council.h"

namespace wk::api {
namespace {

std::string MemberCode(const std::string& code, const std::string& field) {
  if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
      !std::isalpha(static_cast<unsigned char>(code[1])))
    Throw(400, "member codes are ISO 3166 alpha-2", field);
  return Upper(code);
}

// {"US":"yes","RU":"no",...}
std::vector<council::MemberVote> Ballots(const nlohmann::json& body, const char* field, bool required) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) Throw(400, "required: an object of member code to ballot", field);
    return {};
  }
  if (!it->is_object() || it->size() > 20) Throw(400, "must be an object of at most 20 member code to ballot", field);
  std::vector<council::MemberVote> votes;
  for (auto v = it->begin(); v != it->end(); ++v) {
    const std::string name = std::string(field) + "." + v.key();
    if (!v->is_string()) Throw(400, "must be yes, no, abstain, absent or not_participating", name);
    std::optional<council::Ballot> b = council::ParseBallot(v->get<std::string>());
    if (!b) Throw(400, "must be yes, no, abstain, absent or not_participating", name);
    votes.push_back({MemberCode(v.key(), name), *b});
  }
  return votes;
}

council::Date DateField(const std::string& text, const char* field) {
  std::optional<council::Date> d = council::ParseDateOrTime(text);
  if (!d) Throw(400, "not a date YYYY-MM-DD", field);
  return *d;
}

void Vote(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"date", "procedural", "votes"});
  council::VoteInput in;
  in.date = DateField(GetString(body, "date", true, 32), "date");
  in.procedural = GetBool(body, "procedural").value_or(false);
  in.votes = Ballots(body, "votes", true);
  Result<council::Outcome> o = council::DecideVote(in, council::Members::Default());
  if (!o.ok()) Throw(400, o.error().message, "votes");
  std::string out;
  council::AppendOutcomeJson(out, *o);
  call.Reply(200, std::move(out));
}

void WhatIf(Call& call) {
  const nlohmann::json& body = call.Json();
  AllowOnly(body, {"draft", "changes", "procedural"});
  const std::string symbol = GetString(body, "draft", true, 64);
  std::optional<council::RecordedDraft> draft = council::FindRecordedDraft(council::DefaultRegime(), symbol);
  if (!draft) Throw(404, "no recorded vote on draft '" + symbol + "'", "draft");
  const std::vector<council::MemberVote> changes = Ballots(body, "changes", true);
  Result<council::WhatIfResult> r =
      council::WhatIf(*draft, changes, GetBool(body, "procedural").value_or(false), council::Members::Default());
  if (!r.ok()) Throw(400, r.error().message, "changes");
  std::string out;
  council::AppendWhatIfJson(out, *r);
  call.Reply(200, std::move(out));
}

void InForce(Call& call) {
  const std::string text = QueryText(call, "date");
  const council::Date date =
      text.empty() ? static_cast<council::Date>(std::time(nullptr) / 86400) : DateField(text, "date");
  const council::InForce f = council::InForceOn(council::DefaultRegime(), date);
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("date", council::FormatDate(date)).Field("regime", council::DefaultRegime().code);
  w.Key("mandates").BeginArray();
  for (const council::MandateInForce& m : f.mandates) {
    std::string one;
    council::AppendMandateInForceJson(one, m);
    w.Raw(one);
  }
  w.EndArray().Key("measures").BeginArray();
  for (const council::Measure* m : f.measures) {
    std::string one;
    council::AppendMeasureJson(one, *m);
    w.Raw(one);
  }
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

void HistoryRoute(Call& call) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("regime", council::DefaultRegime().code).Key("events").BeginArray();
  for (const council::HistoryEvent& e : council::History(council::DefaultRegime(), council::Members::Default())) {
    std::string one;
    council::AppendHistoryEventJson(one, e);
    w.Raw(one);
  }
  w.EndArray().EndObject();
  call.Reply(200, std::move(out));
}

}  // namespace

void AddCouncilRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/v1/council/vote", Role::kViewer, true, BodyKind::kJson, Vote});
  routes.push_back({"POST", "/api/v1/council/what-if", Role::kViewer, true, BodyKind::kJson, WhatIf});
  routes.push_back({"GET", "/api/v1/council/in-force", Role::kViewer, true, BodyKind::kNone, InForce});
  routes.push_back({"GET", "/api/v1/council/history", Role::kViewer, true, BodyKind::kNone, HistoryRoute});
}

}  // namespace wk::api
