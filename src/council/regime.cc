// The regime file: Watchkeeper's own JSON format ("watchkeeper-regime/1",
// docs/council.md), parsed into typed values and checked (dates, member codes
// on the vote date, references between items). Every error names the file and
// the JSON path of the problem.
#include <algorithm>
#include <cassert>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "council/council.h"

namespace wk::council {
namespace {

using nlohmann::json;

// Walks a JSON document, remembering the first error with its path.
class Reader {
 public:
  Reader(std::string_view file) : file_(file) {}
  bool failed() const { return !error_.empty(); }
  Error error() const { return ErrorAt(file_, 0, error_); }

  void Fail(const std::string& path, const std::string& why) {
    if (error_.empty()) error_ = path + ": " + why;
  }
  const json* Member(const json& obj, const std::string& path, const char* key, bool required) {
    if (!obj.is_object()) {
      Fail(path, "expected an object");
      return nullptr;
    }
    auto it = obj.find(key);
    if (it == obj.end() || (it->is_null() && required)) {
      if (required) Fail(path + "." + key, "missing");
      return nullptr;
    }
    return &*it;
  }
  std::string String(const json& obj, const std::string& path, const char* key, bool required = true) {
    const json* v = Member(obj, path, key, required);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) {
      Fail(path + "." + key, "expected a string");
      return {};
    }
    return v->get<std::string>();
  }
  bool Bool(const json& obj, const std::string& path, const char* key, bool dflt) {
    const json* v = Member(obj, path, key, false);
    if (!v || v->is_null()) return dflt;
    if (!v->is_boolean()) {
      Fail(path + "." + key, "expected true or false");
      return dflt;
    }
    return v->get<bool>();
  }
  int Int(const json& obj, const std::string& path, const char* key) {
    const json* v = Member(obj, path, key, true);
    if (!v) return 0;
    if (!v->is_number_integer()) {
      Fail(path + "." + key, "expected an integer");
      return 0;
    }
    int64_t i = v->get<int64_t>();
    if (i < 0 || i > 1000000) {
      Fail(path + "." + key, "out of range");
      return 0;
    }
    return static_cast<int>(i);
  }
  Date DateOf(const json& obj, const std::string& path, const char* key) {
    std::string s = String(obj, path, key);
    if (failed()) return 0;
    auto d = ParseDate(s);
    if (!d) Fail(path + "." + key, "\"" + s + "\" is not a date YYYY-MM-DD");
    return d.value_or(0);
  }
  std::optional<Date> OptDate(const json& obj, const std::string& path, const char* key) {
    const json* v = Member(obj, path, key, false);
    if (!v || v->is_null()) return std::nullopt;
    return DateOf(obj, path, key);
  }
  std::vector<std::string> Strings(const json& obj, const std::string& path, const char* key, bool required) {
    std::vector<std::string> out;
    const json* v = Member(obj, path, key, required);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) {
      Fail(path + "." + key, "expected an array of strings");
      return out;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        Fail(path + "." + key + "[" + std::to_string(i) + "]", "expected a string");
        return out;
      }
      out.push_back((*v)[i].get<std::string>());
    }
    return out;
  }
  std::vector<std::string> Sources(const json& obj, const std::string& path) {
    auto s = Strings(obj, path, "source", true);
    if (!failed() && s.empty()) Fail(path + ".source", "every item needs at least one source");
    return s;
  }
  const json* Array(const json& obj, const std::string& path, const char* key, bool required) {
    const json* v = Member(obj, path, key, required);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) {
      Fail(path + "." + key, "expected an array");
      return nullptr;
    }
    return v;
  }
  // Calls f(element, its path) for each element of the array `key`, until the first error.
  template <typename F>
  void Each(const json& obj, const std::string& path, const char* key, bool required, F&& f) {
    const json* arr = Array(obj, path, key, required);
    if (!arr) return;
    for (size_t i = 0; i < arr->size() && !failed(); ++i)
      f((*arr)[i], path + "." + key + "[" + std::to_string(i) + "]");
  }
  // A date on which the Council met (on or after 1946-01-17).
  Date MeetingDate(const json& obj, const std::string& path) {
    Date d = DateOf(obj, path, "date");
    if (!failed() && d < kFirstMeeting) Fail(path + ".date", "before the Council's first meeting (1946-01-17)");
    return d;
  }

 private:
  std::string file_;
  std::string error_;
};

RecordedVote ReadVote(Reader& r, const json& obj, const std::string& path, Date date, const Members& members) {
  RecordedVote v;
  const json* vote = r.Member(obj, path, "vote", true);
  if (!vote) return v;
  std::string p = path + ".vote";
  v.yes = r.Strings(*vote, p, "yes", true);
  v.no = r.Strings(*vote, p, "no", true);
  v.abstain = r.Strings(*vote, p, "abstain", true);
  v.absent = r.Strings(*vote, p, "absent", false);
  v.source = r.Sources(*vote, p);
  if (r.failed()) return v;
  std::set<std::string> seen;
  for (auto* list : {&v.yes, &v.no, &v.abstain, &v.absent}) {
    for (const std::string& c : *list) {
      if (!members.Find(c, date)) {
        r.Fail(p, c + " is not a member of the Security Council on " + FormatDate(date));
        return v;
      }
      if (!seen.insert(c).second) {
        r.Fail(p, "member " + c + " votes more than once");
        return v;
      }
    }
  }
  if (static_cast<int>(seen.size()) > SeatsOn(date)) r.Fail(p, "more votes than seats");
  return v;
}

}  // namespace

const MandatePeriod* Mandate::PeriodOn(Date d) const {
  const MandatePeriod* best = nullptr;
  for (const MandatePeriod& p : periods)
    if (p.On(d) && (!best || p.from >= best->from)) best = &p;
  return best;
}

const Measure* Regime::FindMeasure(std::string_view id) const {
  for (const Measure& m : measures)
    if (m.id == id) return &m;
  return nullptr;
}
const Resolution* Regime::FindResolution(std::string_view s) const {
  for (const Resolution& r : resolutions)
    if (r.symbol == s || r.draft == s) return &r;
  return nullptr;
}
const FailedDraft* Regime::FindFailedDraft(std::string_view s) const {
  for (const FailedDraft& f : failed_drafts)
    if (f.symbol == s) return &f;
  return nullptr;
}
const Designation* Regime::FindDesignation(std::string_view ref) const {
  for (const Designation& d : designations)
    if (d.un_ref == ref) return &d;
  return nullptr;
}

Result<Regime> ParseRegime(std::string_view text, std::string_view filename, const Members& members) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    return ErrorAt(filename, LineOfOffset(text, e.byte ? e.byte - 1 : 0),
                   "not valid JSON (" + (colon == std::string::npos ? what : what.substr(colon + 2)) + ")");
  } catch (const json::exception& e) {  // e.g. out_of_range 406: a number too large for a double
    std::string what = e.what();
    size_t bracket = what.find("] ");
    return ErrorAt(filename, 0, "not valid JSON (" + (bracket == std::string::npos ? what : what.substr(bracket + 2)) + ")");
  }
  Reader r(filename);
  Regime g;
  if (!doc.is_object()) return ErrorAt(filename, 0, "expected a JSON object");
  g.format = r.String(doc, "$", "format");
  if (!r.failed() && g.format != "watchkeeper-regime/1")
    r.Fail("$.format", "\"" + g.format + "\" is not watchkeeper-regime/1");
  if (const json* reg = r.Member(doc, "$", "regime", true)) {
    g.code = r.String(*reg, "$.regime", "code");
    g.name = r.String(*reg, "$.regime", "name");
    g.flag = r.String(*reg, "$.regime", "flag", false);
    g.designation_prefix = r.String(*reg, "$.regime", "designation_prefix", false);
    g.committee = r.String(*reg, "$.regime", "committee", false);
    g.note = r.String(*reg, "$.regime", "note", false);
    g.source = r.Sources(*reg, "$.regime");
    if (!r.failed() && (g.code.empty() || g.code.size() > 16)) r.Fail("$.regime.code", "must be 1 to 16 characters");
  }
  if (r.failed()) return r.error();

  r.Each(doc, "$", "resolutions", true, [&](const json& o, const std::string& p) {
    Resolution x;
    x.symbol = r.String(o, p, "symbol");
    x.number = r.Int(o, p, "number");
    x.date = r.MeetingDate(o, p);
    x.meeting = r.String(o, p, "meeting", false);
    x.draft = r.String(o, p, "draft", false);
    x.kind = r.String(o, p, "kind", false);
    x.chapter_vii = r.Bool(o, p, "chapter_vii", false);
    x.procedural = r.Bool(o, p, "procedural", false);
    x.summary = r.String(o, p, "summary", false);
    x.source = r.Sources(o, p);
    if (!r.failed()) x.vote = ReadVote(r, o, p, x.date, members);
    g.resolutions.push_back(std::move(x));
  });
  r.Each(doc, "$", "failed_drafts", false, [&](const json& o, const std::string& p) {
    FailedDraft x;
    x.symbol = r.String(o, p, "symbol");
    x.date = r.MeetingDate(o, p);
    x.meeting = r.String(o, p, "meeting", false);
    x.submitted_by = r.String(o, p, "submitted_by", false);
    x.kind = r.String(o, p, "kind", false);
    x.procedural = r.Bool(o, p, "procedural", false);
    x.summary = r.String(o, p, "summary", false);
    x.consequence = r.String(o, p, "consequence", false);
    x.source = r.Sources(o, p);
    if (!r.failed()) x.vote = ReadVote(r, o, p, x.date, members);
    g.failed_drafts.push_back(std::move(x));
  });
  r.Each(doc, "$", "measures", true, [&](const json& o, const std::string& p) {
    Measure m;
    m.id = r.String(o, p, "id");
    m.category = r.String(o, p, "category");
    m.action = r.String(o, p, "action", false);
    m.title = r.String(o, p, "title");
    m.resolution = r.String(o, p, "resolution");
    m.paragraph = r.String(o, p, "paragraph", false);
    m.paragraph_verified = r.Bool(o, p, "paragraph_verified", false);
    m.text = r.String(o, p, "text", false);
    m.text_source = r.String(o, p, "text_source", false);
    if (!m.text.empty() && m.text_source.empty()) r.Fail(p + ".text_source", "a paragraph's text needs its source");
    m.from = r.DateOf(o, p, "from");
    m.until = r.OptDate(o, p, "until");
    if (!r.failed() && m.until && *m.until < m.from) r.Fail(p + ".until", "before from");
    m.superseded_by = r.String(o, p, "superseded_by", false);
    m.note = r.String(o, p, "note", false);
    m.source = r.Sources(o, p);
    r.Each(o, p, "changes", false, [&](const json& c, const std::string& q) {
      Change ch;
      ch.action = r.String(c, q, "action");
      ch.by_measure = r.String(c, q, "by_measure", false);
      ch.resolution = r.String(c, q, "resolution");
      ch.paragraph = r.String(c, q, "paragraph", false);
      ch.date = r.DateOf(c, q, "date");
      ch.source = r.Sources(c, q);
      m.changes.push_back(std::move(ch));
    });
    r.Each(o, p, "caps", false, [&](const json& c, const std::string& q) {
      Cap cap;
      if (const json* qv = r.Member(c, q, "quantity", false); qv && !qv->is_null()) {
        if (!qv->is_number() || qv->get<double>() < 0) {
          r.Fail(q + ".quantity", "expected a non-negative number or null");
        } else {
          cap.quantity = qv->get<double>();
        }
      }
      cap.unit = r.String(c, q, "unit");
      cap.period = r.String(c, q, "period");
      cap.what = r.String(c, q, "what", false);
      m.caps.push_back(std::move(cap));
    });
    r.Each(o, p, "notified", false, [&](const json& c, const std::string& q) {
      CapNotification n;
      n.year = static_cast<int>(r.Int(c, q, "year"));
      if (const json* bv = r.Member(c, q, "barrels", false); bv && !bv->is_null()) {
        if (!bv->is_number() || bv->get<double>() < 0) {
          r.Fail(q + ".barrels", "expected a non-negative number or null (unknown)");
        } else {
          n.barrels = bv->get<double>();
        }
      }
      n.note = r.String(c, q, "note", false);
      n.source = r.Sources(c, q);
      if (!r.failed() && !n.barrels && n.note.empty())
        r.Fail(q + ".note", "an unknown total needs a note saying what is known");
      m.notified.push_back(std::move(n));
    });
    r.Each(o, p, "implicated_by", false, [&](const json& c, const std::string& q) {
      Trigger t;
      t.event = r.String(c, q, "event");
      t.when = r.Strings(c, q, "when", true);
      for (const std::string& w : t.when)
        if (!r.failed() && w != "regime_flag" && w != "tanker" && w != "designated" && w != "regime_port")
          r.Fail(q + ".when",
                 "unknown condition \"" + w + "\" (regime_flag, regime_port, tanker, designated)");
      m.implicated_by.push_back(std::move(t));
    });
    g.measures.push_back(std::move(m));
  });
  r.Each(doc, "$", "mandates", false, [&](const json& o, const std::string& p) {
    Mandate m;
    m.id = r.String(o, p, "id");
    m.name = r.String(o, p, "name");
    m.created_by = r.String(o, p, "created_by");
    m.paragraph = r.String(o, p, "paragraph", false);
    m.note = r.String(o, p, "note", false);
    m.source = r.Sources(o, p);
    r.Each(o, p, "periods", true, [&](const json& c, const std::string& q) {
      MandatePeriod mp;
      mp.resolution = r.String(c, q, "resolution");
      mp.action = r.String(c, q, "action");
      mp.paragraph = r.String(c, q, "paragraph", false);
      mp.note = r.String(c, q, "note", false);
      mp.from = r.DateOf(c, q, "from");
      mp.until = r.OptDate(c, q, "until");
      if (!r.failed() && mp.until && *mp.until < mp.from) r.Fail(q + ".until", "before from");
      mp.verified = r.Bool(c, q, "verified", true);
      mp.source = r.Sources(c, q);
      m.periods.push_back(std::move(mp));
    });
    if (!r.failed() && m.periods.empty()) r.Fail(p + ".periods", "a mandate needs at least one period");
    if (const json* e = r.Member(o, p, "ended", false); e && !e->is_null()) {
      MandateEnd end;
      end.date = r.DateOf(*e, p + ".ended", "date");
      end.failed_draft = r.String(*e, p + ".ended", "failed_draft", false);
      end.note = r.String(*e, p + ".ended", "note", false);
      end.source = r.Sources(*e, p + ".ended");
      m.ended = std::move(end);
    }
    std::sort(m.periods.begin(), m.periods.end(),
              [](const MandatePeriod& a, const MandatePeriod& b) { return a.from < b.from; });
    g.mandates.push_back(std::move(m));
  });
  r.Each(doc, "$", "designations", false, [&](const json& o, const std::string& p) {
    Designation d;
    d.un_ref = r.String(o, p, "un_ref");
    d.name = r.String(o, p, "name", false);
    d.type = r.String(o, p, "type", false);
    d.listed_on = r.DateOf(o, p, "listed_on");
    d.delisted_on = r.OptDate(o, p, "delisted_on");
    d.measures = r.Strings(o, p, "measures", false);
    d.source = r.Sources(o, p);
    g.designations.push_back(std::move(d));
  });
  if (r.failed()) return r.error();

  // References between items.
  std::set<std::string> ids;
  for (size_t i = 0; i < g.measures.size(); ++i) {
    const Measure& m = g.measures[i];
    std::string p = "$.measures[" + std::to_string(i) + "]";
    if (!ids.insert(m.id).second) r.Fail(p + ".id", "duplicate measure id \"" + m.id + "\"");
  }
  for (size_t i = 0; i < g.measures.size() && !r.failed(); ++i) {
    const Measure& m = g.measures[i];
    std::string p = "$.measures[" + std::to_string(i) + "]";
    if (!m.superseded_by.empty() && !ids.count(m.superseded_by))
      r.Fail(p + ".superseded_by", "no measure \"" + m.superseded_by + "\"");
    for (size_t j = 0; j < m.changes.size(); ++j)
      if (!m.changes[j].by_measure.empty() && !ids.count(m.changes[j].by_measure))
        r.Fail(p + ".changes[" + std::to_string(j) + "].by_measure", "no measure \"" + m.changes[j].by_measure + "\"");
  }
  // A resolution's recorded vote must adopt it; a failed draft's must not.
  for (size_t i = 0; i < g.resolutions.size() && !r.failed(); ++i) {
    const Resolution& x = g.resolutions[i];
    VoteInput in = ToVoteInput({x.symbol, x.date, x.procedural, true, &x.vote});
    Result<Outcome> o = DecideVote(in, members);
    if (o.ok() && !o->adopted)
      r.Fail("$.resolutions[" + std::to_string(i) + "].vote",
             "the recorded vote does not adopt " + x.symbol + " under Article 27 (" + o->reason + ")");
  }
  for (size_t i = 0; i < g.failed_drafts.size() && !r.failed(); ++i) {
    const FailedDraft& x = g.failed_drafts[i];
    Result<Outcome> o = DecideVote(ToVoteInput({x.symbol, x.date, x.procedural, false, &x.vote}), members);
    if (o.ok() && o->adopted)
      r.Fail("$.failed_drafts[" + std::to_string(i) + "].vote",
             "the recorded vote would adopt " + x.symbol + " under Article 27 (" + o->reason + ")");
  }
  for (size_t i = 0; i < g.designations.size() && !r.failed(); ++i)
    for (const std::string& id : g.designations[i].measures)
      if (!ids.count(id))
        r.Fail("$.designations[" + std::to_string(i) + "].measures", "no measure \"" + id + "\"");
  if (r.failed()) return r.error();
  return g;
}

Result<Regime> LoadRegimeFile(const std::string& path, const Members& members) {
  Result<std::string> text = ReadFile(path, kMaxRegimeFileBytes);
  if (!text.ok()) return text.error();
  return ParseRegime(*text, path, members);
}

const Regime& DefaultRegime() {
  static const Regime* regime = [] {
    Result<Regime> g = ParseRegime(EmbeddedRegimeText(), "data/regimes/kp.json", Members::Default());
    assert(g.ok());  // checked by tests/council
    Regime* regime = new Regime(std::move(g).value());
    [[maybe_unused]] Status applied = ApplyParagraphs(*regime, EmbeddedParagraphsText(), "data/regimes/kp-paragraphs.json");
    assert(applied.ok());  // checked by tests/council
    return regime;
  }();
  return *regime;
}

std::optional<RecordedDraft> FindRecordedDraft(const Regime& regime, std::string_view symbol) {
  if (const FailedDraft* f = regime.FindFailedDraft(symbol))
    return RecordedDraft{f->symbol, f->date, f->procedural, false, &f->vote};
  if (const Resolution* r = regime.FindResolution(symbol))
    return RecordedDraft{r->draft.empty() ? r->symbol : r->draft, r->date, r->procedural, true, &r->vote};
  return std::nullopt;
}

VoteInput ToVoteInput(const RecordedDraft& d) {
  VoteInput in;
  in.date = d.date;
  in.procedural = d.procedural;
  for (const auto& [list, b] : {std::pair{&d.vote->yes, Ballot::kYes}, std::pair{&d.vote->no, Ballot::kNo},
                                std::pair{&d.vote->abstain, Ballot::kAbstain},
                                std::pair{&d.vote->absent, Ballot::kAbsent}})
    for (const std::string& c : *list) in.votes.push_back({c, b});
  return in;
}

Result<WhatIfResult> WhatIf(const RecordedDraft& draft, std::span<const MemberVote> changes, bool procedural,
                            const Members& members) {
  VoteInput in = ToVoteInput(draft);
  Result<Outcome> recorded = DecideVote(in, members);
  if (!recorded.ok()) return recorded.error();
  in.procedural = in.procedural || procedural;
  WhatIfResult w;
  w.draft = draft.symbol;
  w.recorded = *recorded;
  for (const MemberVote& c : changes) {
    auto it = std::find_if(in.votes.begin(), in.votes.end(), [&](const MemberVote& v) { return v.code == c.code; });
    std::string before = "(none)";
    if (it == in.votes.end()) {
      if (!members.Find(c.code, in.date))
        return MakeError(ErrorCode::kInvalidInput,
                         c.code + " is not a member of the Security Council on " + FormatDate(in.date));
      in.votes.push_back(c);
    } else {
      before = std::string(BallotName(it->ballot));
      it->ballot = c.ballot;
    }
    w.changes.push_back(c.code + ": " + before + " -> " + std::string(BallotName(c.ballot)));
  }
  Result<Outcome> o = DecideVote(in, members);
  if (!o.ok()) return o.error();
  w.outcome = *o;
  return w;
}

InForce InForceOn(const Regime& regime, Date date) {
  InForce f;
  f.date = date;
  for (const Measure& m : regime.measures)
    if (m.On(date)) f.measures.push_back(&m);
  for (const Mandate& m : regime.mandates)
    if (const MandatePeriod* p = m.PeriodOn(date)) f.mandates.push_back({&m, p});
  return f;
}

std::vector<HistoryEvent> History(const Regime& g, const Members& members) {
  std::vector<HistoryEvent> out;
  auto tally = [](const RecordedVote& v) {
    return std::to_string(v.yes.size()) + "-" + std::to_string(v.no.size()) + "-" + std::to_string(v.abstain.size());
  };
  for (const Resolution& r : g.resolutions) {
    HistoryEvent e{r.date, "resolution", r.symbol, r.summary, tally(r.vote), true, {}, r.source};
    if (auto d = FindRecordedDraft(g, r.symbol)) {
      Result<Outcome> o = DecideVote(ToVoteInput(*d), members);
      if (o.ok()) e.adopted = o->adopted;
    }
    out.push_back(std::move(e));
  }
  for (const FailedDraft& f : g.failed_drafts) {
    HistoryEvent e{f.date, "failed_draft", f.symbol, f.summary, tally(f.vote), false, {}, f.source};
    Result<Outcome> o = DecideVote(ToVoteInput(*FindRecordedDraft(g, f.symbol)), members);
    if (o.ok()) {
      e.adopted = o->adopted;
      e.vetoed_by = o->vetoed_by;
      e.text += " Outcome: " + o->reason;
    }
    out.push_back(std::move(e));
  }
  for (const Mandate& m : g.mandates) {
    for (const MandatePeriod& p : m.periods) {
      bool first = &p == &m.periods.front();
      std::string text = m.name + (first ? " established by " : " renewed by ") + p.resolution +
                         (p.paragraph.empty() ? "" : " para " + p.paragraph) +
                         (p.until ? ", until " + FormatDate(*p.until) : ", no end date") +
                         (p.verified ? "" : " (end date unverified)");
      out.push_back({p.from, first ? "mandate_established" : "mandate_renewal", p.resolution, text, "", true, {}, p.source});
    }
    if (m.ended) {
      std::string text = m.name + ": mandate ended at the end of " + FormatDate(m.ended->date) +
                         (m.ended->failed_draft.empty() ? "" : " after the failure of draft " + m.ended->failed_draft) +
                         (m.ended->note.empty() ? "" : ". " + m.ended->note);
      HistoryEvent e{m.ended->date, "mandate_end", m.ended->failed_draft, text, "", false, {}, m.ended->source};
      if (const FailedDraft* f = g.FindFailedDraft(m.ended->failed_draft)) {
        Result<Outcome> o = DecideVote(ToVoteInput(*FindRecordedDraft(g, f->symbol)), members);
        if (o.ok()) e.vetoed_by = o->vetoed_by;
      }
      out.push_back(std::move(e));
    }
  }
  for (const Measure& m : g.measures) {
    if (!m.until) continue;
    std::string text = m.id + " (" + m.resolution + (m.paragraph.empty() ? "" : " para " + m.paragraph) +
                       ") last in force" + (m.superseded_by.empty() ? "" : "; superseded by " + m.superseded_by);
    out.push_back({*m.until, "measure_end", m.resolution, text, "", false, {}, m.source});
  }
  std::stable_sort(out.begin(), out.end(), [](const HistoryEvent& a, const HistoryEvent& b) { return a.date < b.date; });
  return out;
}

std::vector<Implication> ImplicatedMeasures(const Regime& g, std::string_view event_type,
                                            std::span<const Party> parties, Date date,
                                            std::string_view port_country) {
  std::vector<Implication> out;
  bool regime_flag = false, tanker = false;
  std::vector<std::string> designated;  // why, per designated party
  for (const Party& p : parties) {
    if (!g.flag.empty() && p.flag == g.flag) regime_flag = true;
    if (Lower(p.vessel_type).find("tanker") != std::string::npos) tanker = true;
    for (const std::string& ref : p.designations) {
      if (const Designation* d = g.FindDesignation(ref)) {
        if (d->listed_on <= date && (!d->delisted_on || date < *d->delisted_on))
          designated.push_back(ref + " (" + d->name + ", listed " + FormatDate(d->listed_on) + ")");
      } else if (!g.designation_prefix.empty() && ref.rfind(g.designation_prefix, 0) == 0) {
        designated.push_back(ref + " (not in the regime file: listing date unknown)");
      }
    }
  }
  for (const Measure& m : g.measures) {
    if (!m.On(date)) continue;
    for (const Trigger& t : m.implicated_by) {
      if (t.event != "any" && t.event != event_type) continue;
      bool ok = true;
      std::string why;
      for (const std::string& w : t.when) {
        if (w == "regime_flag") {
          ok = ok && regime_flag;
          why += (why.empty() ? "" : "; ") + std::string("a party flies the ") + g.flag + " flag";
        } else if (w == "regime_port") {
          ok = ok && !g.flag.empty() && port_country == g.flag;
          why += (why.empty() ? "" : "; ") + std::string("in a port of ") + g.flag;
        } else if (w == "tanker") {
          ok = ok && tanker;
          why += (why.empty() ? "" : "; ") + std::string("a party is a tanker");
        } else if (w == "designated") {
          ok = ok && !designated.empty();
          why += std::string(why.empty() ? "" : "; ") + "designated party: " + Join(designated, ", ");
        }
      }
      if (!ok) continue;
      why = std::string(event_type) + " on " + FormatDate(date) + ": " + why + "; " + m.id + " (" + m.resolution +
            (m.paragraph.empty() ? "" : " para " + m.paragraph) +
            (!m.paragraph.empty() && !m.paragraph_verified ? ", paragraph number unverified" : "") + ") in force since " +
            FormatDate(m.from);
      out.push_back({&m, std::move(why)});
      break;
    }
  }
  return out;
}

}  // namespace wk::council
