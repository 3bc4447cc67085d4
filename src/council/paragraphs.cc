// The paragraphs file ("watchkeeper-paragraphs/1", docs/council.md): the
// project's own record of operative paragraphs read in UN texts, kept apart
// from the regime file because that one transcribes a research compilation
// whose paragraph numbers were mostly not checked. An entry here is the only
// way a paragraph becomes verified, and it says where it was read.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "council/council.h"

namespace wk::council {
namespace {

using nlohmann::json;

// A string member of `o`, "" when absent; `error` is set when it is not a string.
std::string Str(const json& o, const char* key, std::string& error, const std::string& path) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return {};
  if (!it->is_string()) {
    if (error.empty()) error = path + "." + key + ": expected a string";
    return {};
  }
  return it->get<std::string>();
}

// Puts `doc` first in `sources` (moving it if already there).
void CiteFirst(std::vector<std::string>& sources, const std::string& doc) {
  if (doc.empty()) return;
  sources.erase(std::remove(sources.begin(), sources.end(), doc), sources.end());
  sources.insert(sources.begin(), doc);
}

// Moves every source that is not a UN document from `sources` to the front
// of `secondary`, in their order, so the UN documents stand first and alone.
void SeparateSecondary(std::vector<std::string>& sources, std::vector<std::string>& secondary) {
  std::vector<std::string> un, other;
  for (std::string& s : sources) (IsUnDocument(s) ? un : other).push_back(std::move(s));
  sources = std::move(un);
  for (std::string& s : secondary)
    if (std::find(other.begin(), other.end(), s) == other.end()) other.push_back(std::move(s));
  secondary = std::move(other);
}

// Where a paragraph may be read to count as verified: a UN document, or the
// UN Sanctions App (unsanctionsapp.com), which quotes operative paragraphs
// verbatim with their resolution and number.
bool IsParagraphText(std::string_view url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return false;  // a page, not a symbol
  return IsUnDocument(url) || url.rfind("https://unsanctionsapp.com/", 0) == 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool IsUnDocument(std::string_view source) {
  source = Trim(source);
  if (size_t scheme = source.find("://"); scheme != std::string_view::npos) {
    std::string_view name = source.substr(0, scheme);
    if (!IEquals(name, "https") && !IEquals(name, "http")) return false;
    std::string_view rest = source.substr(scheme + 3);
    std::string host = Lower(rest.substr(0, rest.find_first_of("/:?# ")));
    constexpr std::string_view kUn = ".un.org";
    return host == "undocs.org" || host == "un.org" ||
           (host.size() > kUn.size() && host.compare(host.size() - kUn.size(), kUn.size(), kUn) == 0);
  }
  // A document symbol: a press release "SC/8853", a resolution "S/RES/..." or
  // a Council document "S/2024/255"; the number ends at a space or slash.
  auto number_after = [&](std::string_view prefix) {
    if (source.rfind(prefix, 0) != 0) return false;
    std::string_view rest = source.substr(prefix.size());
    return AllDigits(rest.substr(0, rest.find_first_of(" /")));
  };
  return number_after("SC/") || number_after("S/RES/") || number_after("S/");
}

std::string ResolutionDocumentUrl(std::string_view symbol) {
  // "S/RES/2375 (2017)": the number, one space, the year in parentheses.
  if (symbol.rfind("S/RES/", 0) != 0) return {};
  size_t space = symbol.find(" (");
  if (space == std::string_view::npos || symbol.back() != ')') return {};
  std::string_view number = symbol.substr(6, space - 6);
  std::string_view year = symbol.substr(space + 2, symbol.size() - space - 3);
  if (!AllDigits(number) || !AllDigits(year) || year.size() != 4) return {};
  return "https://undocs.org/S/RES/" + std::string(number) + "(" + std::string(year) + ")";
}

Status ApplyParagraphs(Regime& regime, std::string_view text, std::string_view filename) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    return ErrorAt(filename, 0, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!doc.is_object() || doc.value("format", "") != "watchkeeper-paragraphs/1")
    return ErrorAt(filename, 0, "expected a JSON object with \"format\": \"watchkeeper-paragraphs/1\"");
  if (doc.value("regime", "") != regime.code)
    return ErrorAt(filename, 0, "the paragraphs are for regime \"" + doc.value("regime", "") + "\", not \"" + regime.code + "\"");

  // One entry: what every kind shares. Fills the fields and checks them.
  struct Entry {
    std::string id, resolution, paragraph, text, document, read_from, note;
    bool excerpt = false;
  };
  auto read = [&](const json& o, const std::string& path, std::string& error) {
    Entry e;
    if (!o.is_object()) {
      error = path + ": expected an object";
      return e;
    }
    e.id = Str(o, "id", error, path);
    e.resolution = Str(o, "resolution", error, path);
    e.paragraph = Str(o, "paragraph", error, path);
    e.text = Str(o, "text", error, path);
    e.document = Str(o, "document", error, path);
    e.read_from = Str(o, "read_from", error, path);
    e.note = Str(o, "note", error, path);
    if (auto it = o.find("excerpt"); it != o.end() && !it->is_boolean() && error.empty())
      error = path + ".excerpt: expected true or false";
    e.excerpt = o.value("excerpt", false);
    if (!error.empty()) return e;
    if (e.id.empty() || e.resolution.empty() || e.paragraph.empty()) {
      error = path + ": id, resolution and paragraph are required";
    } else if (e.document != ResolutionDocumentUrl(e.resolution)) {
      error = path + ".document: expected " + ResolutionDocumentUrl(e.resolution) + ", the UN document of " + e.resolution;
    } else if (e.read_from.empty()) {
      error = path + ".read_from: a verified paragraph needs the page it was read on";
    } else if (!IsParagraphText(e.read_from)) {
      error = path + ".read_from: " + e.read_from +
              " is neither a UN page nor the UN Sanctions App; a paragraph is verified only against those";
    } else if (e.excerpt && e.text.find("\u2026") == std::string::npos) {
      error = path + ".text: an excerpt shows its cuts with an ellipsis (\u2026)";
    } else if (!e.excerpt && e.text.find("\u2026") != std::string::npos) {
      error = path + ".excerpt: the text has a cut (\u2026), so it is an excerpt";
    }
    return e;
  };

  std::string error;
  if (auto it = doc.find("measures"); it != doc.end() && it->is_array()) {
    for (size_t i = 0; i < it->size() && error.empty(); ++i) {
      std::string path = "$.measures[" + std::to_string(i) + "]";
      Entry e = read((*it)[i], path, error);
      if (!error.empty()) break;
      auto m = std::find_if(regime.measures.begin(), regime.measures.end(), [&](const Measure& x) { return x.id == e.id; });
      if (m == regime.measures.end()) {
        error = path + ".id: no measure \"" + e.id + "\" in the regime";
      } else if (m->resolution != e.resolution) {
        error = path + ".resolution: measure " + e.id + " is of " + m->resolution + ", not " + e.resolution;
      } else {
        m->paragraph = e.paragraph;
        m->paragraph_verified = true;
        m->text = e.text;
        m->text_is_excerpt = e.excerpt;
        m->text_source = e.text.empty() ? "" : e.resolution + ", operative paragraph " + e.paragraph + ", as read on " + e.read_from;
        m->verified_in = e.document;
        m->verified_by = e.read_from;
        m->paragraph_note = e.note;
        CiteFirst(m->source, e.read_from);
      }
    }
  }
  if (auto it = doc.find("mandates"); error.empty() && it != doc.end() && it->is_array()) {
    for (size_t i = 0; i < it->size() && error.empty(); ++i) {
      std::string path = "$.mandates[" + std::to_string(i) + "]";
      Entry e = read((*it)[i], path, error);
      if (!error.empty()) break;
      auto m = std::find_if(regime.mandates.begin(), regime.mandates.end(), [&](const Mandate& x) { return x.id == e.id; });
      if (m == regime.mandates.end()) {
        error = path + ".id: no mandate \"" + e.id + "\" in the regime";
      } else if (m->created_by != e.resolution) {
        error = path + ".resolution: mandate " + e.id + " was created by " + m->created_by + ", not " + e.resolution;
      } else {
        m->paragraph = e.paragraph;
        m->paragraph_verified = true;
        m->text = e.text;
        m->verified_in = e.document;
        m->verified_by = e.read_from;
        m->paragraph_note = e.note;
        CiteFirst(m->source, e.read_from);
      }
    }
  }
  if (!error.empty()) return ErrorAt(filename, 0, error);

  // Every item cites the UN document of its resolution first (a verified one
  // has the page it was read on next), and what is not a UN document moves to
  // the secondary sources, so that another source only ever stands beside
  // the UN documents, never among them.
  for (Measure& m : regime.measures) {
    CiteFirst(m.source, ResolutionDocumentUrl(m.resolution));
    SeparateSecondary(m.source, m.secondary_source);
  }
  for (Mandate& m : regime.mandates) {
    CiteFirst(m.source, ResolutionDocumentUrl(m.created_by));
    SeparateSecondary(m.source, m.secondary_source);
    for (MandatePeriod& p : m.periods) {
      CiteFirst(p.source, ResolutionDocumentUrl(p.resolution));
      SeparateSecondary(p.source, p.secondary_source);
    }
  }
  return Ok{};
}

}  // namespace wk::council
