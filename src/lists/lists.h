// lists: one parser per official sanctions list format (UN, OFAC, EU, UK),
// all producing the same Entity; list versions and their diffs.
//
// Example:
//   Result<std::vector<Entity>> e = ParseListFile("UN_consolidated.xml");
//   if (!e.ok()) std::cerr << e.error().message;  // "FILE:LINE: reason"
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"

namespace wk::lists {

enum class Schema : uint8_t { kPerson, kOrganization, kVessel, kAircraft, kUnknown };

enum class NameKind : uint8_t { kPrimary, kAlias, kFormer, kWeakAlias };

struct Name {
  std::string full;          // as the list writes it, UTF-8
  NameKind kind = NameKind::kPrimary;
  std::string script;        // ISO 15924 ("Latn", "Hang", "Hani", "Cyrl"), "" if unknown
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

// ISO 3166 alpha-2 for an English country name or code as lists write them
// ("Democratic People's Republic of Korea", "Korea, North", "DPRK", "KP"), or "".
std::string CountryCode(std::string_view name);

// True when every byte sequence of `text` is valid UTF-8.
bool IsValidUtf8(std::string_view text);

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

// ---- Writing ------------------------------------------------------------------

// Writes `entities` as a UN Security Council Consolidated List XML that
// ParseUnXml reads back to the same names, identifiers, dates, places,
// nationalities, addresses, programmes and remarks. Persons become
// INDIVIDUALs, everything else ENTITYs (vessels keep their IMO in COMMENTS1).
// The reference is the part of the id after "source:".
void WriteUnXml(const std::vector<Entity>& entities, std::string_view date_generated,
                std::ostream& out);

// ---- JSON -----------------------------------------------------------------------

// Appends one entity as a JSON object (no newline).
void AppendEntityJson(std::string& out, const Entity& e);

}  // namespace wk::lists
