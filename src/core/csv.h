// core/csv: RFC 4180 records with line numbers and caps, for every CSV reader
// in the project (list files, port tables, the Council's members, test and
// benchmark inputs). The AIS CSV decoder keeps its own zero-allocation split
// (src/ais/csv.cc): AIS CSV has no quoted newlines and is read per row at
// millions of rows a second.
//
// Example:
//   CsvReader r(text, ',', "ports.csv");
//   std::vector<std::string> row;
//   for (Result<bool> more = r.Next(row); ; more = r.Next(row)) {
//     if (!more.ok()) return more.error();  // "ports.csv:12: unterminated quoted field ..."
//     if (!*more) break;
//     ... row[0], r.line() ...
//   }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wk {

// An error "NAME:LINE: reason" (":LINE" left out when `line` is 0).
Error ErrorAt(std::string_view name, size_t line, std::string_view reason);

// 1-based line of byte `offset` in `text`.
size_t LineOfOffset(std::string_view text, size_t offset);

// Appends one RFC 4180 field: as is, or quoted with quotes doubled when it
// holds a comma, a quote or a line break. For every CSV writer.
void AppendCsvField(std::string& out, std::string_view field);

inline constexpr size_t kMaxCsvFieldBytes = size_t{1} << 20;  // 1 MiB, any one field

// Quoted fields may hold separators, doubled quotes and newlines; a stray
// quote inside an unquoted field is kept as text. A leading UTF-8 BOM is
// skipped and a trailing 0x1A (DOS end of file, as in OFAC's files) ends the
// input. Blank lines between records are skipped.
class CsvReader {
 public:
  CsvReader(std::string_view text, char separator, std::string_view name,
            size_t max_field_bytes = kMaxCsvFieldBytes)
      : text_(text), sep_(separator), name_(name), max_field_bytes_(max_field_bytes) {
    if (!text_.empty() && text_.back() == '\x1a') text_.remove_suffix(1);
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }
  // Reads the next record into `fields` (reusing its strings): true with a
  // record, false at the end; an error naming the line for an unterminated
  // quote or a field over the cap.
  Result<bool> Next(std::vector<std::string>& fields);
  size_t line() const { return record_line_; }  // line where the last record began
  std::string_view name() const { return name_; }

 private:
  std::string_view text_;
  char sep_;
  std::string_view name_;
  size_t max_field_bytes_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
};

// Splits one line that holds a whole record (no newline inside quotes) into
// `fields`; false when a quote is left open.
bool SplitCsvLine(std::string_view line, char separator, std::vector<std::string>& fields);

// Column positions by header name (case-insensitive, trimmed).
class CsvHeader {
 public:
  CsvHeader() = default;
  explicit CsvHeader(const std::vector<std::string>& names);
  // Index of the first column named `name`, or -1.
  int Find(std::string_view name) const;
  // Field `name` of `row`, trimmed; "" when the column is absent.
  std::string_view Get(const std::vector<std::string>& row, std::string_view name) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // lower-cased
};

}  // namespace wk
