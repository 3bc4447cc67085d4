// Private to src/lists/: what every list parser shares besides core/: the
// file checks, dates, numbers in free text, building an Entity field by
// field, merging and finishing (XML pieces: lists/xml.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lists/lists.h"

namespace wk::lists::internal {

// The number of fields of the aggregate T, found by brace-initialising it
// from ever more values that convert to anything. Each of Entity's five
// serialisers (JSON out and in, the store's compact form, the diff, the
// merge) asserts the count beside its code, so a field added to Entity and
// forgotten in one of them fails to compile there.
struct AnyField {
  template <typename T>
  operator T() const;
};
template <typename T, typename... Fields>
constexpr size_t FieldCount() {
  if constexpr (requires { T{Fields{}..., AnyField{}}; })
    return FieldCount<T, Fields..., AnyField>();
  else
    return sizeof...(Fields);
}

// The content hash of a list version: FNV-1a 64 (core's ContentHash) over
// the JSON of its entities in order, as hex. With `jsons`, appends each
// entity's JSON there too (the store keeps it).
std::string EntitiesContentHash(const std::vector<Entity>& entities,
                                std::vector<std::string>* jsons = nullptr);

// The whole of `path` (core's ReadFile) with the lists' messages: "PATH: is
// a directory", "PATH: cannot open", "PATH: file larger than 1 GiB, refused".
Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes = kMaxFileBytes);

// Checks a file-level precondition: size and UTF-8 validity. On invalid
// UTF-8 the error names the line of the first bad byte.
Status CheckText(std::string_view text, std::string_view name);
// Dates as lists write them, to "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when
// not a date. Handles "1960-01-31", "31/01/1960" (00 for unknown parts),
// "31 Jan 1960", "Jan 1960", "1960", "circa 1960", "31.01.1960".
std::string NormalizeDate(std::string_view text);

// Runs of exactly `digits` digits that follow `keyword` (case-insensitive,
// as a whole word) within a few non-digit characters ("IMO number: 1234567",
// "(IMO) Number: 1234567", "MMSI 445123000").
std::vector<std::string> NumbersAfter(std::string_view text, std::string_view keyword, size_t digits);

// The UN's Iran reference before 2016 at the start of `text` ("E.29.II.8":
// entity or individual, resolution, annex in Roman numerals, item), "" when
// none. The UK cites them ("UN Ref E.29.II.8"); the UN keeps them in an
// entry's comments ("[Old Reference # E.29.II.8]").
std::string OldUnReference(std::string_view text);

// Appends to `v` unless empty or already present.
void AddUnique(std::vector<std::string>& v, std::string_view s);
// Adds a name (trimmed, whitespace collapsed) unless empty or already there
// with the same kind; detects its script. Error when longer than kMaxNameBytes.
Status AddName(Entity& e, std::string_view full, NameKind kind, std::string_view name,
               size_t line);
void AddIdentifier(Entity& e, Identifier id);
// Adds a relation unless the entity holds the same one.
void AddRelation(Entity& e, Relation r);
// Adds an ISO code for a nationality written as a country name; the name as
// written when no code is known.
void AddNationality(Entity& e, std::string_view country);

// An empty list of `format` (its source from SourceOf) read from `name`.
ListFile NewListFile(Format format, std::string_view name);

// Makes ids unique (a repeated reference merges into the first entity) and
// fills scripts. Used by every parser at the end.
void Finish(ListFile& list);

// Parses OFAC-style remarks ("DOB 01 Jan 1960; POB ...; Passport X (Iran);
// a.k.a. 'Y'; IMO 1234567; ...") into `e`, leaving the text in e.remarks.
Status ApplyOfacRemarks(Entity& e, std::string_view remarks, std::string_view name, size_t line);

// Merges `from` into `into` (names, identifiers, lists), without duplicates.
void MergeEntity(Entity& into, const Entity& from);

}  // namespace wk::lists::internal
