// lists: one parser per official sanctions list format (UN, OFAC, EU, UK),
// all producing the same Entity; list versions and their diffs.
#pragma once

#include <cstdint>
#include <string>
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
  kImo, kMmsi, kPassport, kNationalId, kSwiftBic, kRegistration, kCallSign, kOther
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
};

}  // namespace wk::lists
