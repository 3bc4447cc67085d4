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

// "NAME:LINE: reason" (LINE omitted when 0).
Error ErrorAt(std::string_view name, size_t line, std::string_view reason);

// 1-based line of byte `offset` in `text`.
size_t LineOfOffset(std::string_view text, size_t offset);

// Leading/trailing ASCII whitespace (and NBSP) removed.
std::string_view Trim(std::string_view s);
std::string Lower(std::string_view s);
bool IEquals(std::string_view a, std::string_view b);
bool IStartsWith(std::string_view s, std::string_view prefix);
// Collapses runs of whitespace to one space and trims.
std::string CollapseSpace(std::string_view s);
// OFAC's "-0- " marks an empty field.
std::string_view OfacField(std::string_view s);

// Checks a file-level precondition: size and UTF-8 validity. On invalid
// UTF-8 the error names the line of the first bad byte.
Status CheckText(std::string_view text, std::string_view name);
// Windows-1252 to UTF-8 (for legacy CSVs published in it).
std::string Cp1252ToUtf8(std::string_view text);

// Minimal RFC 4180 reader: quoted fields may hold separators, doubled quotes
// and newlines. A trailing 0x1A (DOS EOF, OFAC) ends the input.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator, std::string_view name)
      : text_(text), sep_(separator), name_(name) {
    if (!text_.empty() && text_.back() == '\x1a') text_.remove_suffix(1);
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // BOM
  }
  // Reads the next record into `fields`: true with a record, false at the
  // end; an error for an unterminated quote or an over-long field.
  Result<bool> Next(std::vector<std::string>& fields);
  size_t line() const { return record_line_; }  // line where the last record began
  std::string_view name() const { return name_; }

 private:
  std::string_view text_;
  char sep_;
  std::string_view name_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
};

// Column positions by header name (case-insensitive, trimmed).
class Header {
 public:
  explicit Header(const std::vector<std::string>& names);
  // Index of the first column named `name`, or -1.
  int Find(std::string_view name) const;
  // Field `name` of `row`, trimmed; "" when the column is absent.
  std::string_view Get(const std::vector<std::string>& row, std::string_view name) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // lower-cased
};

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
