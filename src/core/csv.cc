#include "core/csv.h"

#include <algorithm>

#include "core/text.h"

namespace wk {

Error ErrorAt(std::string_view name, size_t line, std::string_view reason) {
  std::string m(name);
  if (line > 0) {
    m += ':';
    m += std::to_string(line);
  }
  m += ": ";
  m += reason;
  return MakeError(ErrorCode::kInvalidInput, std::move(m));
}

size_t LineOfOffset(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  size_t n = 0;
  auto next_field = [&]() -> std::string& {
    if (n == fields.size()) fields.emplace_back();
    std::string& f = fields[n++];
    f.clear();
    return f;
  };
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) {
    fields.clear();
    return false;
  }
  record_line_ = line_;
  std::string* field = &next_field();
  bool quoted = false;
  bool was_quoted = false;
  const char stops[4] = {sep_, '\n', '\r', '"'};
  const std::string_view unquoted_stops(stops, 4);
  auto too_long = [&] {
    fields.resize(n);
    return ErrorAt(name_, record_line_,
                   max_field_bytes_ == kMaxCsvFieldBytes
                       ? std::string("field longer than 1 MiB, refused")
                       : "field longer than " + std::to_string(max_field_bytes_) + " bytes, refused");
  };
  while (true) {
    if (pos_ >= text_.size()) {
      fields.resize(n);
      if (quoted) return ErrorAt(name_, record_line_, "unterminated quoted field (file truncated?)");
      return true;
    }
    if (quoted) {
      const size_t q = text_.find('"', pos_);
      const size_t end = q == std::string_view::npos ? text_.size() : q;
      const std::string_view chunk = text_.substr(pos_, end - pos_);
      line_ += static_cast<size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      field->append(chunk);
      if (field->size() > max_field_bytes_) return too_long();
      pos_ = end;
      if (q == std::string_view::npos) continue;  // reports the unterminated quote
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        *field += '"';
        pos_ += 2;
      } else {
        quoted = false;
        ++pos_;
      }
      continue;
    }
    const size_t stop = text_.find_first_of(unquoted_stops, pos_);
    const size_t end = stop == std::string_view::npos ? text_.size() : stop;
    field->append(text_.substr(pos_, end - pos_));
    if (field->size() > max_field_bytes_) return too_long();
    pos_ = end;
    if (pos_ >= text_.size()) continue;
    const char c = text_[pos_];
    if (c == sep_) {
      field = &next_field();
      was_quoted = false;
      ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      fields.resize(n);
      return true;
    } else if (!was_quoted && Trim(*field).empty()) {  // an opening quote
      field->clear();
      quoted = true;
      was_quoted = true;
      ++pos_;
    } else {  // a stray quote inside an unquoted field: keep it
      *field += c;
      ++pos_;
    }
  }
}

bool SplitCsvLine(std::string_view line, char separator, std::vector<std::string>& fields) {
  CsvReader r(line, separator, "", line.size() + 1);
  Result<bool> more = r.Next(fields);
  if (!more.ok()) return false;             // a quote left open
  if (!*more) fields.assign(1, std::string());  // an empty line is one empty field
  return true;
}

CsvHeader::CsvHeader(const std::vector<std::string>& names) {
  for (const auto& n : names) names_.push_back(Lower(Trim(n)));
}

int CsvHeader::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (IEquals(names_[i], name)) return static_cast<int>(i);
  return -1;
}

std::string_view CsvHeader::Get(const std::vector<std::string>& row, std::string_view name) const {
  const int i = Find(name);
  if (i < 0 || static_cast<size_t>(i) >= row.size()) return {};
  return Trim(row[static_cast<size_t>(i)]);
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace wk
