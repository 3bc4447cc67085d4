// screen: is this name, company or ship on a list? Normalises names from any
// script to lower-case ASCII tokens (ICU transliteration, our own Hangul to
// McCune-Reischauer romanisation), indexes every name of every loaded entity
// by token keys, and scores a query against the few dozen candidates the
// index proposes, explaining each score in words a compliance officer reads.
//
// Example:
//   Index index = Index::Build(entities);
//   Scratch scratch;
//   Query q; q.name = "Choi Ryong-hae";
//   Result<std::vector<Match>> m = index.Screen(q, scratch);
//   std::string line = FormatMatchesJson(index, q, *m);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "lists/lists.h"

namespace wk::screen {

// ---------------------------------------------------------------- normalise

// What a token is, which decides how it may match and what it weighs.
enum class TokenClass : uint8_t {
  kWord,           // an ordinary name part
  kNumber,         // digits: matches only the same digits ("YU JONG 2")
  kLegalForm,      // Co., Corp., Ltd, LLC, OOO, JSC...: weighed low
  kStopWord,       // of, the, and: weighed low
  kVesselPrefix,   // M/V, MV, MT at the start of a name: ignored
};

struct Token {
  std::string text;  // lower-case ASCII, canonical (legal forms spelled out)
  std::string key;   // romanisation-independent phonetic key ("" for numbers)
  TokenClass cls = TokenClass::kWord;
};

// Which script conversions normalisation applied, for explanations.
enum TranslitFlags : uint8_t {
  kTranslitNone = 0,
  kTranslitHangul = 1,    // our McCune-Reischauer romanisation
  kTranslitCyrillic = 2,  // ICU Russian-Latin/BGN
  kTranslitHan = 4,       // ICU Han-Latin (pinyin)
  kTranslitOther = 8,     // ICU Any-Latin; Latin-ASCII (diacritics too)
};

struct NormalisedName {
  std::vector<Token> tokens;
  uint8_t translit = kTranslitNone;
};

// Longest name accepted, in bytes; longer queries are refused with an error.
inline constexpr size_t kMaxNameBytes = 1024;
// At most this many tokens of a name take part in matching.
inline constexpr size_t kMaxTokens = 24;

// Converts `utf8` to tokens. Fails on invalid UTF-8, on names over
// kMaxNameBytes, and on names with no letter or digit. Control characters
// separate tokens. Builds this thread's ICU transliterators on first use.
Result<NormalisedName> NormaliseName(std::string_view utf8);

// As NormaliseName, but never fails: invalid bytes become separators and an
// over-long name is cut at kMaxNameBytes (used for list names, which were
// validated when imported). May return no tokens.
NormalisedName NormaliseListName(std::string_view utf8);

// The text after transliteration and before tokenising: lower-case ASCII.
// Exposed for tests and the fuzz target.
Result<std::string> TransliterateToAscii(std::string_view utf8, uint8_t* flags = nullptr);

// McCune-Reischauer romanisation (without breves or apostrophes, as the UN
// and OFAC lists write it) of Hangul text; other characters pass through.
// A run of 2-4 syllables is read as a Korean name: family name first, one
// token per syllable ("김정은" -> "kim jong un", "최룡해" -> "choe ryong hae").
std::string RomaniseHangul(std::u32string_view text);

// The romanisation-independent key of one ASCII token: McCune-Reischauer,
// Revised Romanization and the usual South Korean and Chinese spellings of
// a syllable get the same key (choe/choi, ri/lee/yi, pak/park, paek/baek,
// jong/chong/jeong, kwang/gwang, chol/cheol).
std::string PhoneticKey(std::string_view token);

// Damerau-Levenshtein (optimal string alignment) distance between `a` and
// `b`, or max_distance + 1 when it is larger. No heap; inputs longer than
// 63 bytes are compared on their first 63.
int BoundedDamerauLevenshtein(std::string_view a, std::string_view b, int max_distance);

// ---------------------------------------------------------------- screening

struct QueryId {
  lists::IdType type = lists::IdType::kOther;
  std::string value;  // normalised like the lists: upper-case, no spaces
};

// Parses "TYPE:VALUE", TYPE one of imo, mmsi, passport, national_id,
// swift_bic (or bic), registration, call_sign, other. An IMO value must be 7
// digits; it matches ship numbers and IMO company numbers alike.
Result<QueryId> ParseQueryId(std::string_view text);

// Parses "Y", "Y-M" or "Y-M-D".
Result<std::string> ParseQueryDate(std::string_view text);

Result<lists::Schema> ParseSchema(std::string_view text);

struct Query {
  std::string name;
  std::optional<lists::Schema> schema;
  std::string dob;        // "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  std::string country;    // ISO 3166 alpha-2, "" if not given
  std::vector<QueryId> ids;
  double threshold = -1;  // < 0: the index's default
  size_t limit = 10;
};

inline constexpr double kDefaultThreshold = 0.80;

// How one query token met one list-name token.
enum class MatchKind : uint8_t {
  kExact,          // same spelling after normalisation
  kRomanisation,   // same phonetic key: another romanisation or spelling
  kTypo,           // one or two typing errors
  kSpacing,        // written as one word on one side, two on the other
  kInitial,        // an initial standing for the name
};
std::string_view MatchKindName(MatchKind kind);

struct TokenMatch {
  std::string query;   // query token(s), space-separated when joined
  std::string listed;  // list-name token(s)
  MatchKind kind = MatchKind::kExact;
  float similarity = 1;
};

struct Feature {
  std::string name;    // "dob", "country", "id", "schema", "unmatched"
  double effect = 0;   // added to the score (may be negative)
  std::string detail;  // a sentence
};

struct Explanation {
  std::vector<TokenMatch> tokens;
  std::vector<std::string> unmatched_query;   // query tokens that met nothing
  std::vector<std::string> unmatched_listed;  // list tokens nobody met
  std::vector<Feature> features;
  double name_score = 0;
  uint8_t translit = kTranslitNone;
};

struct Match {
  uint32_t entity = 0;       // index into Index::entities()
  uint32_t name = 0;         // index into that entity's names
  double score = 0;          // in [0, 1]
  Explanation explanation;
};

// Per-thread working memory for Index::Screen; reuse one per thread.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(Scratch&&) noexcept;
  Scratch& operator=(Scratch&&) noexcept;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct IndexStats {
  size_t entities = 0;
  size_t names = 0;
  size_t vocabulary = 0;   // distinct tokens
  size_t postings = 0;     // entries in all key tables
  size_t memory_bytes = 0; // approximate heap held by the index
};

// The candidate index over every name of every entity. Immutable once built;
// shared by all threads (each with its own Scratch).
class Index {
 public:
  // `versions`: the list versions the entities come from (one per source),
  // so each match names its listing; from files, id 0 and the file's date.
  static Index Build(std::vector<lists::Entity> entities, std::vector<lists::ListVersion> versions = {});
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // The matches of `query` at or above its threshold, best first, at most
  // query.limit (one per entity). Fails only on a bad query.
  Result<std::vector<Match>> Screen(const Query& query, Scratch& scratch) const;

  // The entities (of query.schema, when given) that carry one of the query's
  // identifiers (an IMO also meets IMO company numbers), each with score 1,
  // in list order, at most query.limit: screening by number alone.
  std::vector<Match> ScreenIdentifiers(const Query& query) const;

  const std::vector<lists::Entity>& entities() const;
  // The version `source`'s entities came from; nullptr when not given.
  const lists::ListVersion* VersionOf(std::string_view source) const;
  IndexStats stats() const;
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Human-readable summary of one match: "CHOE RYONG HAE: 'choi'~'choe'
// (romanisation variant), ... ; date of birth matches (+0.05)".
std::string ExplainText(const lists::Entity& entity, const Match& match);

// {"query":...,"matches":[{"id","name","schema","score","matched_name",
// "listing":{"source","list_version","list_date","programmes","listed_on"},
// "explanation":{...}},...]} on one line, without a newline. list_version is
// null and list_date "" when the index was not given the versions.
std::string FormatMatchesJson(const Index& index, const Query& query,
                              const std::vector<Match>& matches);
// The same for a reader: the query, then one line per match (score, id,
// matched name) and an indented explanation; "no match" when none.
std::string FormatMatchesText(const Index& index, const Query& query,
                              const std::vector<Match>& matches);

// {"query":...,"error":"..."} for a query that could not be screened.
std::string FormatErrorJson(const Query& query, std::string_view message);

// The pieces of FormatMatchesJson, for writers that add to them: the query
// object, and one match's fields without the braces ("id",...,"explanation").
void AppendQueryJson(std::string& out, const Query& query);
// Where an entity is listed, for a reader: "ofac list version 3 of 2024-05-03,
// DPRK3, listed 2017-08-22".
std::string ListingText(const lists::Entity& entity, const lists::ListVersion* version);
// `version`: the list version the entity came from (null for list files).
void AppendMatchJsonFields(std::string& out, const lists::Entity& entity, const Match& match,
                           const lists::ListVersion* version);

// ---------------------------------------------------------------- parties

// The matcher's normalisation for lists::BuildParties: a name's word tokens
// after transliteration, sorted ("CHOE, Chun Sik" and "Choe Chun-sik" -> "choe chun sik").
std::string PartyNameKey(std::string_view name);
// Whether two entries' names agree: some pair of their names (weak aliases
// aside) shares most of the shorter name's words (same spelling, the same
// romanisation key, one typing error, or one word written as two), and never
// just one word of several ("Ri Chun Song" and "RI PYONG CHUL" disagree).
bool PartyNamesAgree(const lists::Entity& a, const lists::Entity& b);
lists::NameRules PartyNameRules();

// One party among the matches: its best-matching entry's match (which entry,
// which name, the explanation) and the entries of it that matched, best first.
struct PartyMatch {
  uint32_t party = 0;               // index into Parties::parties
  Match best;
  std::vector<uint32_t> matched;    // entity indices, best first
};

// Folds per-entry matches (best first) into one per party, at most `limit`.
// `parties` must be built from index.entities() in their order.
std::vector<PartyMatch> GroupByParty(const lists::Parties& parties, const std::vector<Match>& matches,
                                     size_t limit);

// Screens `query` and folds the matches by party: asks the index for more
// entries than query.limit so that `limit` parties remain after folding.
Result<std::vector<PartyMatch>> ScreenParties(const Index& index, const lists::Parties& parties,
                                              const Query& query, Scratch& scratch);

// {"query":...,"matches":[{"party","id","name","schema","score","matched_name","explanation",
//  "listings":[{"id","source","name","list_version","programmes","listed_on","matched"}]},...]}: as
// FormatMatchesJson, one element per party, "id" the entry whose name matched.
std::string FormatPartyMatchesJson(const Index& index, const lists::Parties& parties, const Query& query,
                                   const std::vector<PartyMatch>& matches);
std::string FormatPartyMatchesText(const Index& index, const lists::Parties& parties, const Query& query,
                                   const std::vector<PartyMatch>& matches);
// One query's result as FormatPartyMatchesJson when `parties` is given (built
// from index.entities()), else as FormatMatchesJson; the matcher's refusal
// as an error. The batch and the service answer through it.
Result<std::string> ScreenJson(const Index& index, const lists::Parties* parties, const Query& query,
                               Scratch& scratch);

// ---------------------------------------------------------------- batch

// Reads CSV from `in` (header with `name` and optional `schema`, `dob`,
// `country`, `id`), screens each row on `threads` worker threads (0:
// WorkerThreads(), every core up to 8) and writes one JSON line per row to `out`, in input order, as rows
// complete. A bad row yields an {"error":...} line and the batch goes on.
// Fails on a missing header or `name` column. Returns the rows screened.
struct BatchOptions {
  double threshold = -1;
  size_t limit = 10;
  unsigned threads = 0;
  // When set, one result per party (FormatPartyMatchesJson); per entry otherwise.
  const lists::Parties* parties = nullptr;
};
Result<size_t> ScreenBatch(const Index& index, std::istream& in, std::ostream& out,
                           const BatchOptions& options);

}  // namespace wk::screen
