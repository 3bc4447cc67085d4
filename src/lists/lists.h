// lists: one parser per official sanctions list format (UN, OFAC, EU, UK),
// all producing the same Entity; list versions and their diffs.
//
// Example:
//   Result<std::vector<Entity>> e = ParseListFile("UN_consolidated.xml");
//   if (!e.ok()) std::cerr << e.error().message;  // "FILE:LINE: reason"
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/core.h"

namespace wk::store {
class Store;
struct Migration;
}

namespace wk::lists {

enum class Schema : uint8_t { kPerson, kOrganization, kVessel, kAircraft, kUnknown };

enum class NameKind : uint8_t { kPrimary, kAlias, kFormer, kWeakAlias };

struct Name {
  std::string full;          // as the list writes it, UTF-8
  NameKind kind = NameKind::kPrimary;
  std::string script;        // ISO 15924 ("Latn", "Hang", "Hani", "Cyrl"), "" if unknown
  friend bool operator==(const Name&, const Name&) = default;
};

enum class IdType : uint8_t {
  kImo, kMmsi, kPassport, kNationalId, kSwiftBic, kRegistration, kCallSign, kOther,
  kImoCompany,  // IMO unique company and registered owner number (7 digits, no check digit)
};

struct Identifier {
  IdType type = IdType::kOther;
  std::string value;         // normalised (no spaces; IMO as 7 digits)
  std::string country;       // ISO 3166 alpha-2 of the issuer, "" if unknown
  bool check_digit_valid = true;  // false when a check digit exists and fails
  std::string note;          // the list's own wording
  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// A tie a list states between two of its entities (FtM's Ownership,
// Directorship, Family, Associate, Membership, Employment, UnknownLink), kept
// on both: an owner's says {"ownership","owner",ASSET}, the asset's
// {"ownership","asset",OWNER}. Not a link between parties: two entities.
struct Relation {
  std::string kind;    // the FtM schema in lower case: "ownership", "family", ...
  std::string role;    // this entity's side, FtM's property: "owner", "asset", "person", "relative", ...
  std::string other;   // the other entity's id ("os:NK-...")
  std::string detail;  // what FtM captions the edge with, as given: Ownership's percentage ("51"),
                       // Family's and Associate's relationship ("brother"), the others' role; "" if none
  friend bool operator==(const Relation&, const Relation&) = default;
};

struct Entity {
  std::string id;            // "<source>:<list reference>", e.g. "un:KPi.001"
  std::string source;        // "un", "ofac", "eu", "uk"
  Schema schema = Schema::kUnknown;
  std::vector<Name> names;   // names[0] is the primary name
  std::vector<Identifier> identifiers;
  std::vector<std::string> birth_dates;   // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  std::vector<std::string> birth_places;
  std::vector<std::string> nationalities; // ISO 3166 alpha-2 where known
  std::vector<std::string> addresses;
  std::vector<std::string> programmes;    // e.g. "DPRK", "DPRK3", "1718"
  std::string listed_on;                  // "YYYY-MM-DD", "" if unknown
  std::string remarks;
  // Added by lists/: optional extras the official files carry.
  std::string gender;                     // "male", "female", "" if not stated
  std::vector<std::string> same_as;       // ids of the same subject on other lists ("un:KPi.001")
  std::vector<std::string> countries;     // ISO 3166 alpha-2 of addresses / flags, where known
  std::vector<Relation> relations;        // ties to other entities of the same list (FtM files)
  // Every field. A new field must also join the five serialisers (JSON out
  // and in, the store's compact form, DiffEntity, the merge of duplicates):
  // each asserts the field count, so forgetting one does not compile.
  friend bool operator==(const Entity&, const Entity&) = default;
};

// ---- Names of the enums (stable, used in JSON and the store) ----------------
std::string_view SchemaName(Schema s);        // "person", "organization", "vessel", "aircraft", "unknown"
std::string_view NameKindName(NameKind k);    // "primary", "alias", "former", "weak_alias"
std::string_view IdTypeName(IdType t);        // "imo", "mmsi", "passport", "national_id", "swift_bic",
                                              // "registration", "call_sign", "other", "imo_company"
Schema ParseSchemaName(std::string_view s);   // kUnknown for anything else
NameKind ParseNameKindName(std::string_view s);
IdType ParseIdTypeName(std::string_view s);

// ---- Helpers every parser uses (exposed for screen/ and tests) ---------------

// ISO 15924 code of the dominant script among the letters of `utf8`
// ("Latn", "Hang", "Hani", "Cyrl", "Arab", "Grek", "Hebr", "Thai", "Jpan",
// "Deva", "Geor", "Armn", "Ethi", "Mymr", "Khmr"...), "" when it has no letters.
std::string DetectScript(std::string_view utf8);

// An identifier of `type` with `raw` normalised (spaces and punctuation
// dropped for IMO/MMSI/BIC, upper case) and its check digit or format tested:
// IMO mod-10 weighted 7..2, MMSI nine digits, BIC ISO 9362 shape.
Identifier MakeIdentifier(IdType type, std::string_view raw, std::string country = {},
                          std::string note = {});

// ---- Formats ----------------------------------------------------------------

enum class Format : uint8_t {
  kUnknown,
  kUnXml,            // UN Security Council Consolidated List XML
  kOfacSdnCsv,       // OFAC sdn.csv (with alt.csv, add.csv, sdn_comments.csv beside it)
  kOfacAltCsv,       // OFAC alt.csv (only with an sdn.csv)
  kOfacAddCsv,       // OFAC add.csv (only with an sdn.csv)
  kOfacCommentsCsv,  // OFAC sdn_comments.csv (only with an sdn.csv)
  kOfacSdnXml,       // OFAC sdn.xml
  kOfacAdvancedXml,  // OFAC sdn_advanced.xml
  kUkConListCsv,     // OFSI Consolidated List CSV ("Last Updated,..." then the header)
  kUkSanctionsListCsv,  // FCDO UK Sanctions List CSV ("Report Date: ...")
  kUkSanctionsListXml,  // FCDO UK Sanctions List XML (<Designations>)
  kUkDerivedCsv,     // covyr/uk-sanctions-list subjects.csv (+ names, dobs, identifiers)
  kEuFsfXml,         // EU Financial Sanctions Files XML (<export>)
  kEuFsfCsv,         // EU FSF CSV 1.1 (';'-separated, "fileGenerationDate;...")
  kEuLegacyCsv,      // EU legacy CSV 1.0 ("Date_file;Entity_logical_id;...")
};
std::string_view FormatName(Format f);    // "un-xml", "ofac-sdn-csv", ...
std::string_view SourceOf(Format f);      // "un", "ofac", "uk", "eu"; "" for kUnknown

// Detects the format from the first bytes of a file (a few KB are enough).
Format DetectFormat(std::string_view head);

// One parsed list file (or OFAC file set): the entities of one version.
struct ListFile {
  std::string source;              // "un", "ofac", "uk", "eu"
  Format format = Format::kUnknown;
  std::string generated;           // the list's own generation date, ISO 8601
                                   // ("2026-02-27T00:00:09.554Z" or "2018-04-13"),
                                   // "" when the file carries none (OFAC CSV)
  std::vector<std::string> files;  // the files read, main file first
  std::vector<Entity> entities;    // in file order, ids unique
  size_t records = 0;              // rows or elements read, companions included
  size_t orphan_records = 0;       // companion rows naming an entry that is absent
};

// Limits that keep hostile files from exhausting memory.
inline constexpr size_t kMaxFileBytes = size_t{1} << 30;   // 1 GiB
inline constexpr size_t kMaxFieldBytes = size_t{1} << 20;  // 1 MiB, any one field
inline constexpr size_t kMaxNameBytes = 4096;              // one name

// Parses a list held in memory. `name` is used in error messages, which read
// "NAME:LINE: reason". OFAC companions are passed through ParseOfacCsv.
Result<ListFile> ParseList(std::string_view content, std::string_view name);

// Per-format parsers (ParseList dispatches to these).
Result<ListFile> ParseUnXml(std::string_view xml, std::string_view name);
struct OfacCsvInput {
  std::string_view sdn, alt, add, comments;  // empty when absent
  std::string sdn_name = "sdn.csv", alt_name = "alt.csv", add_name = "add.csv",
              comments_name = "sdn_comments.csv";
};
Result<ListFile> ParseOfacCsv(const OfacCsvInput& input);
Result<ListFile> ParseOfacSdnXml(std::string_view xml, std::string_view name);
Result<ListFile> ParseOfacAdvancedXml(std::string_view xml, std::string_view name);
Result<ListFile> ParseUkConListCsv(std::string_view csv, std::string_view name);
Result<ListFile> ParseUkSanctionsListCsv(std::string_view csv, std::string_view name);
Result<ListFile> ParseUkSanctionsListXml(std::string_view xml, std::string_view name);
struct UkDerivedInput {
  std::string_view subjects, names, dobs, identifiers;
  std::string subjects_name = "subjects.csv";
};
Result<ListFile> ParseUkDerivedCsv(const UkDerivedInput& input);
Result<ListFile> ParseEuFsfXml(std::string_view xml, std::string_view name);
Result<ListFile> ParseEuFsfCsv(std::string_view csv, std::string_view name);
Result<ListFile> ParseEuLegacyCsv(std::string_view csv, std::string_view name);

// Reads and parses one file, format detected from content. An OFAC sdn.csv
// picks up alt.csv, add.csv and sdn_comments.csv from its folder, and a UK
// derived subjects.csv its subject_*.csv siblings.
Result<ListFile> ReadListFile(const std::string& path);

// Reads several files: OFAC companions (alt/add/comments) given on the
// command line join the sdn.csv in the same call instead of their folder's.
Result<std::vector<ListFile>> ReadListFiles(const std::vector<std::string>& paths);

// The entities of one list file, format detected from content.
Result<std::vector<Entity>> ParseListFile(const std::string& path);

// ---- Versions in the store ---------------------------------------------------------
//
// Each import of a list is a version: the list's own generation date, the
// files, and every entity as JSON. A source's current version is its newest
// by the list's own date (ties and undated lists: the later import), never
// merely the last imported: a version without a date sorts before every
// dated one. Imports run in one transaction: a failure leaves the previous
// versions.

struct ListVersion {
  int64_t id = 0;
  std::string source;
  std::string format;
  std::string generated;    // the list's own date, "" when the file has none
  std::string imported_at;  // ISO 8601 UTC
  std::vector<std::string> files;
  int64_t entities = 0;
  std::string content_hash;  // FNV-1a 64 (core's ContentHash) of the entities' JSON, hex
  // Set by ImportLists only: the content equalled the current version's, so
  // no version was added and this is the current one. Not stored.
  bool unchanged = false;
};

// The share of the current version's entries (by id) an import may drop
// before it is refused: an OFAC sdn.csv cut to 100 lines would drop 99%.
inline constexpr double kMaxDroppedShare = 0.25;

// What ImportLists lets through. By default it refuses a list older than the
// current version of its source (or undated when the current one is dated)
// and one that drops more than `max_dropped_share` of the current entries;
// `force` imports it anyway (an older one is kept but does not become current).
struct ImportPolicy {
  bool force = false;
  double max_dropped_share = kMaxDroppedShare;
};

// lists' migrations (lists/lists_sql.cc), for `watchkeeper db migrate`.
const std::vector<store::Migration>& Migrations();

// Applies lists' pending migrations (creates the tables when missing).
Status EnsureListTables(store::Store& db);

// Imports each list as a new version of its source, all or nothing. A list
// whose entities equal the current version's adds nothing: its entry is the
// current version with `unchanged` set. A list the policy refuses fails the
// whole call with kInvalidInput, naming both versions' dates and counts.
Result<std::vector<ListVersion>> ImportLists(store::Store& db, const std::vector<ListFile>& lists,
                                             const ImportPolicy& policy = {});

// Versions, newest first; all sources when `source` is empty.
Result<std::vector<ListVersion>> ListVersions(store::Store& db, std::string_view source = {});

// The current version of each source (or of `source`), by source name.
Result<std::vector<ListVersion>> CurrentVersions(store::Store& db, std::string_view source = {});

// Every entity of the current version of each source (or of `source`), the
// input other domains (screen/, detect/) load.
Result<std::vector<Entity>> LoadCurrentEntities(store::Store& db, std::string_view source = {});
// Opens the store at `url` (a SQLite path or a store URL: store::Open) and
// loads the current entities.
Result<std::vector<Entity>> LoadCurrentEntities(const std::string& url, std::string_view source = {});

// One entity of its source's current version; kNotFound when absent.
Result<Entity> LoadEntity(store::Store& db, std::string_view id);

// The entities of the current versions that carry identifier `type` with
// `value` (normalised as MakeIdentifier does); an IMO also finds IMO company
// numbers. Empty when none does.
Result<std::vector<Entity>> FindEntitiesByIdentifier(store::Store& db, IdType type, std::string_view value);

// What differs between two entities with the same id.
struct FieldChange {
  std::string field;                 // "names", "identifiers", "birth_dates", "schema", ...
  std::vector<std::string> added;    // values only in the newer version
  std::vector<std::string> removed;  // values only in the older version
};
enum class ChangeKind : uint8_t { kAdded, kRemoved, kChanged };
struct EntityChange {
  ChangeKind kind = ChangeKind::kChanged;
  std::string id;
  std::string name;                  // primary name (newer version's when both)
  std::vector<FieldChange> fields;   // for kChanged
};
std::string_view ChangeKindName(ChangeKind k);  // "added", "removed", "changed"

// Field-by-field difference of two versions of one entity (empty if equal).
std::vector<FieldChange> DiffEntity(const Entity& before, const Entity& after);
// Added, removed and changed entities from `before` to `after`, by id.
std::vector<EntityChange> DiffEntities(const std::vector<Entity>& before, const std::vector<Entity>& after);

struct ListDiff {
  ListVersion from, to;
  std::vector<EntityChange> changes;  // added, then removed, then changed; by id within each
};
// The difference between the current version of `source` and the one before
// it by list date (kNotFound when it has fewer than two), or of every source
// with two versions when empty.
Result<std::vector<ListDiff>> DiffLatest(store::Store& db, std::string_view source = {});

struct SourceStats {
  ListVersion version;  // the current one
  int64_t versions = 0;
  std::vector<std::pair<std::string, int64_t>> by_schema;   // "person" -> count
  int64_t names = 0;
  int64_t identifiers = 0;
  std::vector<std::pair<std::string, int64_t>> identifiers_by_type;
};
Result<std::vector<SourceStats>> Stats(store::Store& db);

// Entity from the JSON AppendEntityJson writes.
Result<Entity> EntityFromJson(std::string_view json);

// ---- Parties ------------------------------------------------------------------
//
// A party is one real person, organisation or vessel with all its list
// entries. Entries are linked only when evidence says so; each link keeps
// its kind, reason and strength. A name rule never joins two entries of one
// list, and no rule but a citation or an analyst's judgment joins two
// entries of one source (the UN's entries are distinct parties by definition).

enum class LinkKind : uint8_t {
  kCitation,    // one list cites the other's reference ("UN Ref KPi.013"), names agreeing
  kImo,         // the same valid IMO ship or company number
  kPassport,    // the same passport number issued by the same country
  kNationalId,  // the same national identification number, same country
  kSwiftBic,    // the same SWIFT/BIC
  kNameDob,     // the same normalised name, date of birth and nationality
  kReferent,    // a FollowTheMoney entity's merged referents
  kJudgment,    // an analyst's `lists link`
  kUnDoubleListing,  // the UN lists one person under two committees (same name, birth, nationality)
  kNameCountry,      // organisations: the same normalised name (two words or more) and country
};
std::string_view LinkKindName(LinkKind k);  // "citation", "imo", "passport", "national_id",
                                            // "swift_bic", "name_dob", "referent", "judgment",
                                            // "un_double_listing", "name_country"

struct PartyLink {
  std::string a, b;     // entity ids
  LinkKind kind = LinkKind::kCitation;
  std::string reason;   // "uk:13324 cites UN Ref KPi.013", "IMO 9123456"...
  double strength = 1;  // 1 certain; 0.9 a document number; 0.7 name, date of birth and nationality
  friend bool operator==(const PartyLink&, const PartyLink&) = default;
};

// A citation whose names contradict the cited entry: reported, not followed.
struct SuspectCitation {
  std::string from, to;            // "uk:13324", "un:KPe.023"
  std::string from_name, to_name;  // their primary names
};

struct Party {
  std::string id;                    // "party:" + its first entry's id
  std::string name;                  // the first entry's primary name
  Schema schema = Schema::kUnknown;
  std::vector<std::string> entries;  // un first, then ofac, uk, eu, others; by id within each
  std::vector<PartyLink> links;      // the links that joined them
  std::vector<std::string> notes;    // "the UN lists this subject twice: un:QDi.042 and un:SOi.002"
  friend bool operator==(const Party&, const Party&) = default;
};

// An analyst's decision about two entries: the same subject (`lists link`)
// or not (`lists unlink`). Kept by entry id, so it outlasts new versions;
// stale when either entry is no longer on its current list.
struct Judgment {
  std::string a, b;
  bool same = true;
  std::string reason;
  std::string made_at;  // ISO 8601 UTC
  bool stale = false;   // set by BuildParties
  // kReferent: not an analyst's but an FtM file's (a merged entity's
  // referents, kept by `lists import`); links the same way.
  LinkKind kind = LinkKind::kJudgment;
};

// How names are compared. lists/ cannot include screen/ (screen/ builds on
// lists/), so the screening matcher's normalisation is handed in:
// screen::PartyNameRules().
struct NameRules {
  // An order-free key of a name after normalisation and transliteration;
  // "" when the name has no usable token.
  std::function<std::string(std::string_view)> key;
  // Whether the names of two entries agree (a citation is followed only then).
  std::function<bool(const Entity&, const Entity&)> agree;
};

struct Parties {
  std::vector<Party> parties;
  std::vector<uint32_t> party_of;          // per entity (same order as the input): index into parties
  std::vector<std::vector<uint32_t>> entry_rows;  // per party: its entries' places in the input
  std::vector<SuspectCitation> suspects;   // citations the names contradict
  size_t citations = 0;                    // citations of references that exist
  size_t unresolved_citations = 0;         // citations of references absent from the lists
  size_t refused = 0;                      // links refused: they would join two entries of one source
  std::vector<Judgment> judgments;         // as given, stale marked
};

// Builds the parties of `entities` (all sources together) with `rules`,
// applying analysts' judgments: a `same` one links, a `!same` one keeps two
// entries apart whatever the rules say.
Parties BuildParties(const std::vector<Entity>& entities, const NameRules& rules,
                     std::vector<Judgment> judgments = {});

// Links of `kind` in `p`, for reports.
size_t CountLinks(const Parties& p, LinkKind kind);

// {"party","name","schema","entries":N,"listings":[{"id","source","name","schema","programmes",
//  "listed_on","version"}],"links":[{"a","b","kind","reason","strength"}],"notes":[...]}.
// `by_id` gives the listings' details; `versions` (source -> list version id) may be empty.
void AppendPartyJson(std::string& out, const Party& p,
                     const std::unordered_map<std::string, const Entity*>& by_id,
                     const std::vector<std::pair<std::string, int64_t>>& versions = {});
// {"suspect_citation":{"from","to","from_name","to_name"}}
void AppendSuspectCitationJson(std::string& out, const SuspectCitation& s);

// Analysts' judgments in the store (lists' tables); each new one for a
// pair replaces the last.
Status SaveJudgment(store::Store& db, const Judgment& j);
Result<std::vector<Judgment>> LoadJudgments(store::Store& db);
// The same, but none from a store made before judgments were kept (no
// judgments table), where LoadJudgments asks for a migration: for readers
// that only apply them (alerts, the server), not for commands that change them.
Result<std::vector<Judgment>> LoadJudgmentsIfKept(store::Store& db);

// How the parties changed from one set of versions to another. Parties are
// matched by the entries they share, not by id (a party's id changes when a
// UN entry joins it): "gained" shares no entry with any party before, "lost"
// none with any after, "changed" gained or lost entries.
struct PartyChange {
  std::string kind;  // "gained", "lost", "changed"
  std::string party;  // the newer party's id ("lost": the older's)
  std::string name;
  std::vector<std::string> entries_added, entries_removed;  // for "changed"
};
std::vector<PartyChange> DiffParties(const Parties& before, const Parties& after);

// The entities of one stored version (by ListVersion::id).
Result<std::vector<Entity>> LoadVersion(store::Store& db, int64_t version_id);

// The party changes between the current lists and the same lists with each
// source of `diffs` at its older version ("from"), judgments applied to both.
Result<std::vector<PartyChange>> DiffLatestParties(store::Store& db, const NameRules& rules,
                                                   const std::vector<ListDiff>& diffs);
// {"party_change":"gained","party","name"[,"entries_added":[...],"entries_removed":[...]]}
void AppendPartyChangeJson(std::string& out, const PartyChange& c);

// The parties of the current lists with the stored judgments.
Result<Parties> LoadCurrentParties(store::Store& db, const NameRules& rules,
                                   std::vector<Entity>& entities);

// ---- FollowTheMoney ------------------------------------------------------------
//
// FtM entity files in JSON Lines, as OpenSanctions publishes them
// (entities.ftm.json): one {"id","schema","properties":{NAME:[VALUES]},
// "referents":[...],"datasets":[...]} per line. Person, Organization, Company,
// LegalEntity, Vessel (and Airplane) become entities; Sanction,
// Identification, Passport and Address join the entity they name by id;
// Ownership, Directorship, Family, Associate, Membership, Employment and
// UnknownLink become a Relation on both entities they join. Unknown schemata and
// properties are counted, never fatal. The subset of FtM's model we read and
// write is in docs/ftm.md.

inline constexpr size_t kMaxFtmLineBytes = size_t{16} << 20;  // 16 MiB, one entity

struct FtmOptions {
  // Every entity's source: ids become "SOURCE:FTM_ID". "" gives each thing
  // its own first "datasets" value (else the file's first line's, else
  // "ftm"), and drops a leading "SOURCE-" from its FtM id.
  std::string source;
  bool lenient = false;  // skip bad lines (counted) instead of failing on the first
};

struct FtmRead {
  std::vector<ListFile> lists;     // one per source, in the order first met; format kUnknown, files {name}
  size_t lines = 0;                // non-empty lines read
  size_t bad_lines = 0;            // skipped under lenient: not JSON, no id, no schema, too long
  size_t unknown_schemata = 0;     // entities of schemata we do not read
  size_t unknown_properties = 0;   // property values of properties we do not read
  size_t relations = 0;            // Ownership, Directorship, Family...: kept on both entities
  size_t dangling = 0;             // Sanction/Identification/relation naming an absent entity (not kept)
  size_t referent_cycles = 0;      // entities whose referents lead back to themselves
  size_t merged = 0;               // merged things (referents naming things of the file): not entries
  std::vector<Judgment> referents; // their links, kind kReferent, same, for BuildParties and the store
  std::vector<std::string> first_errors;  // the first few "NAME:LINE: reason" skipped under lenient
};

Result<FtmRead> ParseFtm(std::string_view jsonl, std::string_view name, const FtmOptions& options = {});

// Writes `entities` as FtM JSON Lines ParseFtm reads back to equal entities,
// in the shape FtM's schemata define (tests/lists/ftm_schemata.json): the
// thing, then one Identification (Passport for passports) per identifier of
// a legal entity (a ship's and an aircraft's numbers are its own properties)
// and one Sanction per programme (the first with startDate). FtM ids are
// "SOURCE-REFERENCE" ("un-KPi.013"), the source goes into "datasets",
// same_as into "referents" as FtM ids. What FtM's properties cannot carry
// exactly (a date that is no ISO 8601 prefix, a nationality without its
// code, an identifier's note) is kept whole in a top-level "watchkeeper"
// object, which FtM's tools ignore. With `parties`, each party of two or
// more entries follows as one merged thing, the way OpenSanctions publishes
// deduplicated entities: id "wk-party-N", the party's schema, its entries'
// primary names, their FtM ids in "referents", their sources in "datasets";
// ParseFtm reads it back as kReferent links between the entries.
void WriteFtm(const std::vector<Entity>& entities, std::ostream& out, const Parties* parties = nullptr);

// {"ftm":NAME,"source","sources":[..],"lines","entities","bad_lines","unknown_schemata","unknown_properties",
//  "relations","dangling","referent_cycles","merged"}
void AppendFtmReadJson(std::string& out, const FtmRead& r);

// ---- Fetching from the publishers ---------------------------------------------------

// Where each source is downloaded from. OFAC lists sdn.csv first, then its
// companions (alt.csv, add.csv, sdn_comments.csv).
struct FetchConfig {
  std::vector<std::pair<std::string, std::vector<std::string>>> sources;  // "un" -> URLs
  long timeout_s = 300;
  long connect_timeout_s = 30;
};

// The official publishers' addresses (see docs/lists.md).
FetchConfig DefaultFetchConfig();

// Reads "key = value" lines ('#' starts a comment): `un`, `ofac`, `uk`, `eu`
// (one or more URLs separated by spaces; they replace the defaults),
// `timeout` and `connect_timeout` in seconds. Unknown keys are errors.
Result<FetchConfig> ReadFetchConfig(const std::string& path);

enum class FetchStatus : uint8_t {
  kImported,     // downloaded, parsed, imported as a new version
  kNotModified,  // the server answered 304 Not Modified
  kUnchanged,    // downloaded, but the entities equal the current version's
  kFailed,       // network, HTTP, truncated or unparsable: nothing changed for it
};
std::string_view FetchStatusName(FetchStatus s);  // "imported", "not_modified", "unchanged", "failed"

struct FetchResult {
  std::string source;
  FetchStatus status = FetchStatus::kImported;
  ListVersion version;          // the new version (kImported) or the current one
  std::string error;            // why, for kFailed ("URL: HTTP 404", "FILE:LINE: reason")
  std::vector<std::string> urls;
  int64_t bytes = 0;            // downloaded
};

// Downloads `source` ("un", "ofac", "uk", "eu" or "all") with conditional
// requests (the ETag / Last-Modified of the last successful fetch of each
// URL, kept in the store), checks that each file parses as a list of the
// expected source, and imports each source in its own transaction. A source
// that fails (network, HTTP status, truncated or unparsable file) is
// reported as kFailed and changes nothing; the other sources still update.
Result<std::vector<FetchResult>> FetchLists(store::Store& db, const FetchConfig& config,
                                            std::string_view source);

// ---- Writing ------------------------------------------------------------------

// Writes `entities` as a UN Security Council Consolidated List XML that
// ParseUnXml reads back to the same names, identifiers, dates, places,
// nationalities, addresses, programmes and remarks. Persons become
// INDIVIDUALs, everything else ENTITYs (vessels keep their IMO in COMMENTS1).
// The reference is the part of the id after "source:".
void WriteUnXml(const std::vector<Entity>& entities, std::string_view date_generated,
                std::ostream& out);

// A small fictional list for the demo (persons with Korean, Chinese and
// Russian names and their original scripts, front companies, vessels with
// check-digit-valid IMO numbers and MMSIs 445100001, 445100002, 352000123),
// as source "un". Every remark says it is fictional.
std::vector<Entity> FictionalList();

// ---- JSON -----------------------------------------------------------------------

// Appends one entity as a JSON object (no newline).
void AppendEntityJson(std::string& out, const Entity& e);

// The values about versions, each as one JSON object without a newline, as
// `watchkeeper lists` prints them.
// {"version":ID,"source","format","generated","imported_at","entities","files":[...]}
void AppendListVersionJson(std::string& out, const ListVersion& v);
// {"source","from":VERSION,"to":VERSION,"added":N,"removed":N,"changed":N}
void AppendListDiffJson(std::string& out, const ListDiff& d);
// {"source","change","id","name"} and, for a change, "fields":{FIELD:{"added":[...],"removed":[...]}}
void AppendEntityChangeJson(std::string& out, std::string_view source, const EntityChange& c);
// {"source","version","versions","format","generated","imported_at","entities",
//  "by_schema":{...},"names","identifiers","identifiers_by_type":{...}}
void AppendSourceStatsJson(std::string& out, const SourceStats& s);
// {"source","status","bytes"[,"error"],"version":VERSION}
void AppendFetchResultJson(std::string& out, const FetchResult& r);

}  // namespace wk::lists
