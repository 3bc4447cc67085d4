// Query parsing and the JSON and text a compliance officer reads.
#include <cstdio>

#include "core/core.h"
#include "screen/index_impl.h"

namespace wk::screen {

std::string_view MatchKindName(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact: return "exact";
    case MatchKind::kRomanisation: return "romanisation variant";
    case MatchKind::kTypo: return "typing error";
    case MatchKind::kSpacing: return "spacing";
    case MatchKind::kInitial: return "initial";
  }
  return "?";
}

Result<lists::Schema> ParseSchema(std::string_view text) {
  std::string t;
  for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (t == "person" || t == "individual") return lists::Schema::kPerson;
  if (t == "organization" || t == "organisation" || t == "entity" || t == "company")
    return lists::Schema::kOrganization;
  if (t == "vessel" || t == "ship") return lists::Schema::kVessel;
  if (t == "aircraft") return lists::Schema::kAircraft;
  return MakeError(ErrorCode::kInvalidInput,
                   "unknown schema '" + std::string(text) +
                       "' (expected person, organization, vessel or aircraft)");
}

Result<QueryId> ParseQueryId(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= text.size())
    return MakeError(ErrorCode::kInvalidInput,
                     "identifier '" + std::string(text) + "' is not TYPE:VALUE (e.g. imo:9123456)");
  std::string type;
  for (char c : text.substr(0, colon))
    type.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  QueryId id;
  if (type == "imo") id.type = lists::IdType::kImo;
  else if (type == "mmsi") id.type = lists::IdType::kMmsi;
  else if (type == "passport") id.type = lists::IdType::kPassport;
  else if (type == "national_id" || type == "nationalid" || type == "national-id")
    id.type = lists::IdType::kNationalId;
  else if (type == "swift_bic" || type == "bic" || type == "swift")
    id.type = lists::IdType::kSwiftBic;
  else if (type == "registration" || type == "reg") id.type = lists::IdType::kRegistration;
  else if (type == "call_sign" || type == "callsign") id.type = lists::IdType::kCallSign;
  else if (type == "other" || type == "id") id.type = lists::IdType::kOther;
  else
    return MakeError(ErrorCode::kInvalidInput,
                     "unknown identifier type '" + type +
                         "' (expected imo, mmsi, passport, national_id, swift_bic, "
                         "registration, call_sign or other)");
  for (char c : text.substr(colon + 1)) {
    if (c >= 'a' && c <= 'z') id.value.push_back(static_cast<char>(c - 32));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) id.value.push_back(c);
  }
  if (id.value.size() == 10 && id.value.compare(0, 3, "IMO") == 0) id.value.erase(0, 3);
  if (id.value.empty())
    return MakeError(ErrorCode::kInvalidInput, "identifier '" + std::string(text) + "' has no value");
  if (id.type == lists::IdType::kImo) {
    bool digits = id.value.size() == 7;
    for (char c : id.value) digits &= c >= '0' && c <= '9';
    if (!digits)
      return MakeError(ErrorCode::kInvalidInput,
                       "IMO number '" + id.value + "' is not 7 digits");
  }
  return id;
}

Result<std::string> ParseQueryDate(std::string_view text) {
  auto digits = [&](size_t from, size_t len) {
    if (from + len > text.size()) return false;
    for (size_t i = from; i < from + len; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  bool ok = (text.size() == 4 && digits(0, 4)) ||
            (text.size() == 7 && digits(0, 4) && text[4] == '-' && digits(5, 2)) ||
            (text.size() == 10 && digits(0, 4) && text[4] == '-' && digits(5, 2) &&
             text[7] == '-' && digits(8, 2));
  if (ok && text.size() >= 7) {
    int month = (text[5] - '0') * 10 + (text[6] - '0');
    ok = month >= 1 && month <= 12;
    if (ok && text.size() == 10) {
      ok = ParseTimeMs(text).has_value();  // a day that exists: no 30 February
    }
  }
  if (!ok)
    return MakeError(ErrorCode::kInvalidInput,
                     "date of birth '" + std::string(text) + "' is not Y, Y-M or Y-M-D");
  return std::string(text);
}

namespace {

void AppendTranslit(std::string& out, uint8_t flags) {
  const char* sep = "";
  if (flags & kTranslitHangul) {
    out += "Hangul romanised (McCune-Reischauer)";
    sep = ", ";
  }
  if (flags & kTranslitCyrillic) {
    out += sep;
    out += "Cyrillic transliterated (BGN/PCGN)";
    sep = ", ";
  }
  if (flags & kTranslitHan) {
    out += sep;
    out += "Chinese characters transliterated (pinyin)";
    sep = ", ";
  }
  if (flags & kTranslitOther) {
    out += sep;
    out += "other script or diacritics transliterated to ASCII";
  }
}


// Where a match is listed: ,"listing":{...} (see FormatMatchesJson).
void AppendListingJson(std::string& out, const lists::Entity& e, const lists::ListVersion* v) {
  out += ",\"listing\":{\"source\":";
  AppendJsonString(out, e.source);
  out += ",\"list_version\":";
  if (v && v->id > 0) AppendInt(out, v->id);
  else out += "null";
  out += ",\"list_date\":";
  AppendJsonString(out, v ? v->generated : std::string());
  out += ",\"programmes\":[";
  for (size_t i = 0; i < e.programmes.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, e.programmes[i]);
  }
  out += "],\"listed_on\":";
  AppendJsonString(out, e.listed_on);
  out += '}';
}


}  // namespace

std::string ExplainText(const lists::Entity& entity, const Match& match) {
  const Explanation& ex = match.explanation;
  std::vector<std::string> parts;
  for (const TokenMatch& t : ex.tokens) {
    std::string p = "'" + t.query + "' " + (t.kind == MatchKind::kExact ? "=" : "~") + " '" +
                    t.listed + "' (" + std::string(MatchKindName(t.kind));
    if (t.kind != MatchKind::kExact) {
      p += ' ';
      AppendDecimal(p, t.similarity, 2);
    }
    parts.push_back(p + ")");
  }
  if (!ex.unmatched_query.empty()) {
    std::string p = "query words not in this name:";
    for (const std::string& s : ex.unmatched_query) p += " '" + s + "'";
    parts.push_back(p);
  }
  if (!ex.unmatched_listed.empty()) {
    std::string p = "listed words not in the query:";
    for (const std::string& s : ex.unmatched_listed) p += " '" + s + "'";
    parts.push_back(p);
  }
  if (ex.translit != kTranslitNone) {
    std::string p;
    AppendTranslit(p, ex.translit);
    parts.push_back(p);
  }
  for (const Feature& f : ex.features) parts.push_back(f.detail + " (" + FormatEffect(f.effect) + ")");
  std::string out = "name score ";
  AppendDecimal(out, ex.name_score, 2);
  out += ": ";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += "; ";
    out += parts[i];
  }
  (void)entity;
  return out;
}

void AppendQueryJson(std::string& out, const Query& q) {
  out += "{\"name\":";
  AppendJsonString(out, q.name);
  if (q.schema) {
    out += ",\"schema\":";
    AppendJsonString(out, lists::SchemaName(*q.schema));
  }
  if (!q.dob.empty()) {
    out += ",\"dob\":";
    AppendJsonString(out, q.dob);
  }
  if (!q.country.empty()) {
    out += ",\"country\":";
    AppendJsonString(out, q.country);
  }
  if (!q.ids.empty()) {
    out += ",\"ids\":[";
    for (size_t i = 0; i < q.ids.size(); ++i) {
      if (i) out += ',';
      std::string s(lists::IdTypeName(q.ids[i].type));
      s += ':';
      s += q.ids[i].value;
      AppendJsonString(out, s);
    }
    out += ']';
  }
  out += '}';
}


void AppendMatchJsonFields(std::string& out, const lists::Entity& e, const Match& m,
                           const lists::ListVersion* version) {
  out += "\"id\":";
  AppendJsonString(out, e.id);
  out += ",\"name\":";
  AppendJsonString(out, e.names.empty() ? std::string() : e.names[0].full);
  out += ",\"schema\":";
  AppendJsonString(out, lists::SchemaName(e.schema));
  out += ",\"score\":";
  AppendDecimal(out, m.score, 3);
  out += ",\"matched_name\":";
  AppendJsonString(out, m.name < e.names.size() ? e.names[m.name].full : std::string());
  AppendListingJson(out, e, version);
  const Explanation& ex = m.explanation;
  out += ",\"explanation\":{\"summary\":";
  AppendJsonString(out, ExplainText(e, m));
  out += ",\"name_score\":";
  AppendDecimal(out, ex.name_score, 3);
  out += ",\"tokens\":[";
  for (size_t i = 0; i < ex.tokens.size(); ++i) {
    const TokenMatch& t = ex.tokens[i];
    if (i) out += ',';
    out += "{\"query\":";
    AppendJsonString(out, t.query);
    out += ",\"listed\":";
    AppendJsonString(out, t.listed);
    out += ",\"how\":";
    AppendJsonString(out, MatchKindName(t.kind));
    out += ",\"similarity\":";
    AppendDecimal(out, t.similarity, 3);
    out += '}';
  }
  out += "],\"unmatched_query\":[";
  for (size_t i = 0; i < ex.unmatched_query.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, ex.unmatched_query[i]);
  }
  out += "],\"unmatched_listed\":[";
  for (size_t i = 0; i < ex.unmatched_listed.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, ex.unmatched_listed[i]);
  }
  out += "],\"features\":[";
  for (size_t i = 0; i < ex.features.size(); ++i) {
    const Feature& f = ex.features[i];
    if (i) out += ',';
    out += "{\"feature\":";
    AppendJsonString(out, f.name);
    out += ",\"effect\":";
    AppendDecimal(out, f.effect, 3);
    out += ",\"detail\":";
    AppendJsonString(out, f.detail);
    out += '}';
  }
  out += "]}";
}

// The same for a reader: "ofac list version 3 of 2024-05-03, DPRK3, listed 2017-08-22".
std::string ListingText(const lists::Entity& e, const lists::ListVersion* v) {
  std::string out = e.source + " list";
  if (v && v->id > 0) out += " version " + std::to_string(v->id);
  if (v && !v->generated.empty()) out += " of " + v->generated.substr(0, 10);
  for (const std::string& p : e.programmes) out += ", " + p;
  if (!e.listed_on.empty()) out += ", listed " + e.listed_on;
  return out;
}

std::string FormatMatchesJson(const Index& index, const Query& query,
                              const std::vector<Match>& matches) {
  std::string out;
  out.reserve(128 + matches.size() * 512);
  out += "{\"query\":";
  AppendQueryJson(out, query);
  out += ",\"matches\":[";
  for (size_t k = 0; k < matches.size(); ++k) {
    if (k) out += ',';
    out += '{';
    const lists::Entity& e = index.entities()[matches[k].entity];
    AppendMatchJsonFields(out, e, matches[k], index.VersionOf(e.source));
    out += '}';
  }
  out += "]}";
  return out;
}

std::string FormatMatchesText(const Index& index, const Query& query,
                              const std::vector<Match>& matches) {
  std::string out = "screen \"" + query.name + "\"";
  if (matches.empty()) return out + ": no match\n";
  out += ":\n";
  for (const Match& m : matches) {
    const lists::Entity& e = index.entities()[m.entity];
    out += "  ";
    AppendDecimal(out, m.score, 3);
    out += "  " + e.id + "  " + (m.name < e.names.size() ? e.names[m.name].full : std::string());
    out += " (" + std::string(lists::SchemaName(e.schema)) + ")\n      " + ListingText(e, index.VersionOf(e.source)) +
           "\n      " + ExplainText(e, m) + "\n";
  }
  return out;
}

std::string FormatErrorJson(const Query& query, std::string_view message) {
  std::string out = "{\"query\":";
  AppendQueryJson(out, query);
  out += ",\"error\":";
  AppendJsonString(out, message);
  out += '}';
  return out;
}

}  // namespace wk::screen
