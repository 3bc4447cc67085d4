// `--format text`: the JSON Lines a command prints, laid out for people as a
// table (one row per line) or, when rows are too wide, as one block of
// "key  value" lines per record. The JSON stays the one writer of each value
// (beside its type in its domain); this only lays it out.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/options.h"
#include "core/core.h"

namespace wk::cli {
namespace {

using nlohmann::json;

constexpr size_t kMaxTableWidth = 160;
constexpr size_t kMaxCell = 60;

bool AllObjects(const json& v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); });
}

std::string Scalar(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "-";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

// Nested values on one line: "a, b" for arrays of scalars, "k=v k=v" for
// objects, "; " between objects of an array.
std::string Inline(const json& v) {
  if (v.is_array()) {
    std::vector<std::string> parts;
    for (const json& e : v) parts.push_back(Inline(e));
    return Join(parts, AllObjects(v) ? "; " : ", ");
  }
  if (v.is_object()) {
    std::vector<std::string> parts;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it->is_null() || (it->is_string() && it->get<std::string>().empty()) ||
          ((it->is_array() || it->is_object()) && it->empty()))
        continue;
      parts.push_back(it.key() + "=" + Inline(*it));
    }
    return Join(parts, " ");
  }
  return Scalar(v);
}

std::string Cut(std::string s, size_t width) {
  if (s.size() <= width) return s;
  s.resize(width - 3);
  return s + "...";
}

std::string Pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// One record as "key  value" lines; an array of objects one item a line.
void AppendBlock(const json& j, std::string& out) {
  size_t key_width = 0;
  for (auto it = j.begin(); it != j.end(); ++it) key_width = std::max(key_width, it.key().size());
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_array() && AllObjects(*it)) {
      bool first = true;
      for (const json& e : *it) {
        out += Pad(first ? it.key() : "", key_width) + "  " + Inline(e) + "\n";
        first = false;
      }
      continue;
    }
    out += Pad(it.key(), key_width) + "  " + Inline(*it) + "\n";
  }
}

}  // namespace

std::string JsonLinesAsText(std::string_view jsonl) {
  std::vector<json> rows;
  size_t start = 0;
  while (start < jsonl.size()) {
    size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    const std::string_view line = jsonl.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::string(jsonl);  // not ours to lay out
    rows.push_back(std::move(j));
  }
  if (rows.empty()) return "(nothing)\n";
  // Columns in the order first seen.
  std::vector<std::string> columns;
  for (const json& r : rows)
    for (auto it = r.begin(); it != r.end(); ++it)
      if (std::find(columns.begin(), columns.end(), it.key()) == columns.end()) columns.push_back(it.key());
  std::vector<size_t> width(columns.size());
  std::vector<std::vector<std::string>> cells(rows.size(), std::vector<std::string>(columns.size()));
  for (size_t c = 0; c < columns.size(); ++c) width[c] = columns[c].size();
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < columns.size(); ++c) {
      auto it = rows[r].find(columns[c]);
      cells[r][c] = it == rows[r].end() ? "" : Cut(Inline(*it), kMaxCell);
      width[c] = std::max(width[c], cells[r][c].size());
    }
  size_t total = 0;
  for (size_t w : width) total += w + 2;
  std::string out;
  if (rows.size() == 1 || total > kMaxTableWidth) {
    for (size_t r = 0; r < rows.size(); ++r) {
      if (r) out += "\n";
      AppendBlock(rows[r], out);
    }
    return out;
  }
  for (size_t c = 0; c < columns.size(); ++c)
    out += (c + 1 == columns.size() ? columns[c] : Pad(columns[c], width[c] + 2));
  out += "\n";
  for (const std::vector<std::string>& row : cells) {
    std::string line;
    for (size_t c = 0; c < columns.size(); ++c)
      line += (c + 1 == columns.size() ? row[c] : Pad(row[c], width[c] + 2));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace wk::cli
