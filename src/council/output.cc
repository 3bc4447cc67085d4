// The printed forms of the Council's values: one JSON object per value (as
// `watchkeeper council` prints them, one per line), and the history's CSV.
// Cold paths: written with core's JsonWriter.
#include "council/council.h"

namespace wk::council {
namespace {

void Strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  w.Key(key).BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

void DateField(JsonWriter& w, std::string_view key, Date d) { w.Field(key, FormatDate(d)); }

// null when there is no date (no end).
void DateField(JsonWriter& w, std::string_view key, const std::optional<Date>& d) {
  if (d) {
    DateField(w, key, *d);
  } else {
    w.Key(key).Null();
  }
}

// The fields of an outcome, inside an object the caller opened.
void OutcomeFields(JsonWriter& w, const Outcome& o) {
  w.Field("adopted", o.adopted).Field("yes", o.yes).Field("no", o.no);
  w.Field("abstain", o.abstain).Field("absent", o.absent);
  Strings(w, "vetoed_by", o.vetoed_by);
  w.Field("threshold", o.threshold).Field("reason", o.reason);
  DateField(w, "date", o.date);
  w.Field("procedural", o.procedural).Field("seats", o.seats);
  Strings(w, "permanent_no", o.permanent_no);
  Strings(w, "permanent_abstained", o.permanent_abstained);
  Strings(w, "permanent_absent", o.permanent_absent);
  Strings(w, "unlisted", o.unlisted);
}

// A CSV field in double quotes, inner quotes doubled.
void AppendQuotedCsv(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// What a reader can rely on for a paragraph, in words: where it was read, or
// that it was not (docs/council.md, "Paragraphs").
std::string Verification(bool verified, const std::string& paragraph, const std::string& text,
                         const std::string& document, const std::string& read_on, const std::string& note) {
  std::string out;
  if (verified && !read_on.empty()) {
    out = "paragraph " + paragraph + " of " + document + " verified as read on " + read_on +
          (text.empty() ? "; its words are not typed in" : "");
  } else if (verified) {
    out = "paragraph " + paragraph +
          " marked verified by the research compilation the regime file transcribes, from the sources listed; "
          "not re-read in the resolution by this project";
  } else if (paragraph.empty()) {
    out = "not verified: the paragraph is not known; the title is a summary, not the resolution's words";
  } else {
    out = "not verified: paragraph " + paragraph + " was not read in the resolution";
    if (!text.empty()) out += "; the text shown is from text_source, not checked against the resolution";
  }
  if (!note.empty()) out += ". " + note;
  return out;
}

}  // namespace

void AppendMembershipJson(std::string& out, const Membership& m) {
  JsonWriter w(out);
  w.BeginObject().Field("code", m.code).Field("name", m.name);
  w.Field("seat", m.seat == Seat::kPermanent ? "permanent" : "elected");
  DateField(w, "from", m.from);
  DateField(w, "until", m.until);
  w.Field("source", m.source).EndObject();
}

void AppendOutcomeJson(std::string& out, const Outcome& o) {
  JsonWriter w(out);
  w.BeginObject();
  OutcomeFields(w, o);
  w.EndObject();
}

void AppendOutcomeJson(std::string& out, const Outcome& o, std::string_view draft_symbol) {
  JsonWriter w(out);
  w.BeginObject();
  OutcomeFields(w, o);
  w.Field("draft", draft_symbol).EndObject();
}

void AppendWhatIfJson(std::string& out, const WhatIfResult& wi) {
  JsonWriter w(out);
  w.BeginObject();
  OutcomeFields(w, wi.outcome);
  w.Field("draft", wi.draft);
  Strings(w, "changes", wi.changes);
  w.Field("recorded_adopted", wi.recorded.adopted).EndObject();
}

void AppendMeasureJson(std::string& out, const Measure& m) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "measure").Field("id", m.id).Field("category", m.category);
  w.Field("title", m.title).Field("resolution", m.resolution).Field("paragraph", m.paragraph);
  w.Field("paragraph_verified", m.paragraph_verified);
  if (!m.text.empty()) {
    w.Field("text", m.text).Field("text_source", m.text_source);
    if (m.text_is_excerpt) w.Field("text_is_excerpt", true);
  }
  w.Field("verification", Verification(m.paragraph_verified, m.paragraph, m.text, m.verified_in, m.verified_by,
                                        m.paragraph_note));
  DateField(w, "from", m.from);
  DateField(w, "expires", m.until);
  if (!m.superseded_by.empty()) w.Field("superseded_by", m.superseded_by);
  w.Key("changes").BeginArray();
  for (const Change& c : m.changes) {
    w.BeginObject().Field("action", c.action).Field("measure", c.by_measure);
    w.Field("resolution", c.resolution).Field("paragraph", c.paragraph);
    DateField(w, "date", c.date);
    w.EndObject();
  }
  w.EndArray();
  if (!m.caps.empty()) {
    w.Key("caps").BeginArray();
    for (const Cap& c : m.caps) {
      w.BeginObject().Key("quantity");
      if (c.quantity) {
        w.Decimal(*c.quantity, 3);
      } else {
        w.Null();
      }
      w.Field("unit", c.unit).Field("period", c.period).Field("what", c.what).EndObject();
    }
    w.EndArray();
  }
  Strings(w, "source", m.source);
  if (!m.secondary_source.empty()) Strings(w, "secondary_sources", m.secondary_source);
  w.EndObject();
}

void AppendMandateInForceJson(std::string& out, const MandateInForce& m) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "mandate").Field("id", m.mandate->id).Field("name", m.mandate->name);
  w.Field("created_by", m.mandate->created_by).Field("paragraph", m.mandate->paragraph);
  w.Field("paragraph_verified", m.mandate->paragraph_verified);
  if (!m.mandate->text.empty()) w.Field("text", m.mandate->text);
  w.Field("verification", Verification(m.mandate->paragraph_verified, m.mandate->paragraph, m.mandate->text,
                                        m.mandate->verified_in, m.mandate->verified_by, m.mandate->paragraph_note));
  w.Field("resolution", m.period->resolution).Field("action", m.period->action);
  DateField(w, "from", m.period->from);
  DateField(w, "expires", m.period->until);
  w.Field("verified", m.period->verified);
  Strings(w, "source", m.period->source);
  if (!m.period->secondary_source.empty()) Strings(w, "secondary_sources", m.period->secondary_source);
  w.EndObject();
}

void AppendInForceJsonLines(std::string& out, const InForce& f) {
  for (const MandateInForce& m : f.mandates) {
    AppendMandateInForceJson(out, m);
    out += '\n';
  }
  for (const Measure* m : f.measures) {
    AppendMeasureJson(out, *m);
    out += '\n';
  }
}

void AppendHistoryEventJson(std::string& out, const HistoryEvent& e) {
  JsonWriter w(out);
  w.BeginObject();
  DateField(w, "date", e.date);
  w.Field("kind", e.kind).Field("symbol", e.symbol);
  if (!e.tally.empty()) w.Field("tally", e.tally).Field("adopted", e.adopted);
  Strings(w, "vetoed_by", e.vetoed_by);
  w.Field("text", e.text);
  Strings(w, "source", e.source);
  w.EndObject();
}

void AppendHistoryEventCsv(std::string& out, const HistoryEvent& e) {
  out += FormatDate(e.date);
  out += ',';
  out += e.kind;
  out += ',';
  AppendQuotedCsv(out, e.symbol);
  out += ',';
  out += e.tally;
  out += e.adopted ? ",true," : ",false,";
  out += Join(e.vetoed_by, ";");
  out += ',';
  AppendQuotedCsv(out, e.text);
  out += ',';
  AppendQuotedCsv(out, Join(e.source, " | "));
  out += '\n';
}

void AppendImplicationJson(std::string& out, const Implication& i) {
  JsonWriter w(out);
  w.BeginObject().Field("measure", i.measure->id).Field("category", i.measure->category);
  w.Field("resolution", i.measure->resolution).Field("paragraph", i.measure->paragraph);
  w.Field("why", i.why).EndObject();
}

}  // namespace wk::council
