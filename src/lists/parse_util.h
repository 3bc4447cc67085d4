// Private to src/lists/: the pieces every list parser shares (CSV records,
// errors with line numbers, dates, field caps, XML loading).
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lists/lists.h"

namespace wk::lists::internal {

// The text, CSV and error pieces of core/, under the names the parsers use.
using wk::CollapseSpace;
using wk::ErrorAt;
using wk::IEquals;
using wk::IStartsWith;
using wk::LineOfOffset;
using wk::Lower;
using wk::Trim;
using CsvReader = wk::CsvReader;
using Header = wk::CsvHeader;

// OFAC's "-0- " marks an empty field.
std::string_view OfacField(std::string_view s);

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

// Appends to `v` unless empty or already present.
void AddUnique(std::vector<std::string>& v, std::string_view s);
// Adds a name (trimmed, whitespace collapsed) unless empty or already there
// with the same kind; detects its script. Error when longer than kMaxNameBytes.
Status AddName(Entity& e, std::string_view full, NameKind kind, std::string_view name,
               size_t line);
void AddIdentifier(Entity& e, Identifier id);
// Adds an ISO code for a nationality written as a country name; the name as
// written when no code is known.
void AddNationality(Entity& e, std::string_view country);

// Loads XML without entity expansion or DTD processing; on error names the
// line. Rejects a DOCTYPE with an internal subset (entity declarations).
Status LoadXml(pugi::xml_document& doc, std::string_view xml, std::string_view name);
// Line of a node, from its offset in the source.
size_t NodeLine(std::string_view xml, const pugi::xml_node& node);
// Child by local name (namespace prefix ignored), case-sensitive.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local);
// Text of a child by local name, trimmed.
std::string_view ChildText(const pugi::xml_node& node, std::string_view local);
std::string_view LocalName(const pugi::xml_node& node);
std::string_view AttrText(const pugi::xml_node& node, const char* attr);
// Fails when any text or attribute below `node` exceeds kMaxFieldBytes.
Status CheckFieldSizes(const pugi::xml_node& node, std::string_view xml, std::string_view name);

// Makes ids unique (a repeated reference merges into the first entity) and
// fills scripts. Used by every parser at the end.
void Finish(ListFile& list);

// Parses OFAC-style remarks ("DOB 01 Jan 1960; POB ...; Passport X (Iran);
// a.k.a. 'Y'; IMO 1234567; ...") into `e`, leaving the text in e.remarks.
Status ApplyOfacRemarks(Entity& e, std::string_view remarks, std::string_view name, size_t line);

// Merges `from` into `into` (names, identifiers, lists), without duplicates.
void MergeEntity(Entity& into, const Entity& from);

}  // namespace wk::lists::internal
