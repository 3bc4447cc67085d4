// The stable names of Schema, NameKind and IdType (JSON and the store).
#include "lists/parsing.h"

namespace wk::lists {

std::string_view SchemaName(Schema s) {
  switch (s) {
    case Schema::kPerson: return "person";
    case Schema::kOrganization: return "organization";
    case Schema::kVessel: return "vessel";
    case Schema::kAircraft: return "aircraft";
    case Schema::kUnknown: break;
  }
  return "unknown";
}

std::string_view NameKindName(NameKind k) {
  switch (k) {
    case NameKind::kPrimary: return "primary";
    case NameKind::kAlias: return "alias";
    case NameKind::kFormer: return "former";
    case NameKind::kWeakAlias: return "weak_alias";
  }
  return "alias";
}

std::string_view IdTypeName(IdType t) {
  switch (t) {
    case IdType::kImo: return "imo";
    case IdType::kMmsi: return "mmsi";
    case IdType::kPassport: return "passport";
    case IdType::kNationalId: return "national_id";
    case IdType::kSwiftBic: return "swift_bic";
    case IdType::kRegistration: return "registration";
    case IdType::kCallSign: return "call_sign";
    case IdType::kOther: return "other";
    case IdType::kImoCompany: return "imo_company";
  }
  return "other";
}

Schema ParseSchemaName(std::string_view s) {
  for (Schema v : {Schema::kPerson, Schema::kOrganization, Schema::kVessel, Schema::kAircraft})
    if (SchemaName(v) == s) return v;
  return Schema::kUnknown;
}

NameKind ParseNameKindName(std::string_view s) {
  for (NameKind v : {NameKind::kPrimary, NameKind::kAlias, NameKind::kFormer, NameKind::kWeakAlias})
    if (NameKindName(v) == s) return v;
  return NameKind::kAlias;
}

IdType ParseIdTypeName(std::string_view s) {
  for (int k = 0; k <= static_cast<int>(IdType::kImoCompany); ++k)
    if (IdTypeName(static_cast<IdType>(k)) == s) return static_cast<IdType>(k);
  return IdType::kOther;
}

}  // namespace wk::lists
