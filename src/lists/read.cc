// Format detection and file reading: which parser a file needs, and the
// companions (OFAC alt/add/comments, UK derived tables) that travel with it.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "lists/parsing.h"

namespace wk::lists {

using namespace internal;

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kUnknown: return "unknown";
    case Format::kUnXml: return "un-xml";
    case Format::kOfacSdnCsv: return "ofac-sdn-csv";
    case Format::kOfacAltCsv: return "ofac-alt-csv";
    case Format::kOfacAddCsv: return "ofac-add-csv";
    case Format::kOfacCommentsCsv: return "ofac-comments-csv";
    case Format::kOfacSdnXml: return "ofac-sdn-xml";
    case Format::kOfacAdvancedXml: return "ofac-advanced-xml";
    case Format::kUkConListCsv: return "uk-conlist-csv";
    case Format::kUkSanctionsListCsv: return "uk-sanctions-list-csv";
    case Format::kUkSanctionsListXml: return "uk-sanctions-list-xml";
    case Format::kUkDerivedCsv: return "uk-derived-csv";
    case Format::kEuFsfXml: return "eu-fsf-xml";
    case Format::kEuFsfCsv: return "eu-fsf-csv";
    case Format::kEuLegacyCsv: return "eu-legacy-csv";
  }
  return "unknown";
}

std::string_view SourceOf(Format f) {
  switch (f) {
    case Format::kUnknown: return "";
    case Format::kUnXml: return "un";
    case Format::kOfacSdnCsv:
    case Format::kOfacAltCsv:
    case Format::kOfacAddCsv:
    case Format::kOfacCommentsCsv:
    case Format::kOfacSdnXml:
    case Format::kOfacAdvancedXml: return "ofac";
    case Format::kUkConListCsv:
    case Format::kUkSanctionsListCsv:
    case Format::kUkSanctionsListXml:
    case Format::kUkDerivedCsv: return "uk";
    case Format::kEuFsfXml:
    case Format::kEuFsfCsv:
    case Format::kEuLegacyCsv: return "eu";
  }
  return "";
}

namespace {

std::string_view XmlRootName(std::string_view head) {
  size_t i = 0;
  while (i < head.size()) {
    const size_t lt = head.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= head.size()) return {};
    const char c = head[lt + 1];
    if (c == '?' || c == '!') {
      // declaration, comment or DOCTYPE
      const size_t gt = head.find('>', lt);
      if (gt == std::string_view::npos) return {};
      i = gt + 1;
      continue;
    }
    size_t end = lt + 1;
    while (end < head.size() && head[end] != ' ' && head[end] != '>' && head[end] != '/' &&
           head[end] != '\n' && head[end] != '\r' && head[end] != '\t')
      ++end;
    std::string_view n = head.substr(lt + 1, end - lt - 1);
    const size_t colon = n.find(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
  }
  return {};
}

}  // namespace

Format DetectFormat(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view t = Trim(head.substr(0, 65536));
  if (t.empty()) return Format::kUnknown;
  if (t[0] == '<') {
    const std::string_view root = XmlRootName(t);
    if (root == "CONSOLIDATED_LIST") return Format::kUnXml;
    if (root == "sdnList") return Format::kOfacSdnXml;
    if (root == "Sanctions") return Format::kOfacAdvancedXml;
    if (root == "Designations") return Format::kUkSanctionsListXml;
    if (root == "export") return Format::kEuFsfXml;
    return Format::kUnknown;
  }
  const std::string_view first = t.substr(0, t.find('\n'));
  if (IStartsWith(first, "Last Updated,")) return Format::kUkConListCsv;
  if (IStartsWith(first, "Report Date:") || IStartsWith(first, "\"Report Date:"))
    return Format::kUkSanctionsListCsv;
  if (IStartsWith(first, "Last Updated,Unique ID") || IStartsWith(first, "\"Last Updated\",\"Unique ID"))
    return Format::kUkSanctionsListCsv;
  if (IStartsWith(first, "unique_id,subject_type")) return Format::kUkDerivedCsv;
  if (IStartsWith(first, "fileGenerationDate;") || IStartsWith(first, "\"fileGenerationDate\";"))
    return Format::kEuFsfCsv;
  if (IStartsWith(first, "Date_file") || IStartsWith(first, "\"Date_file")) return Format::kEuLegacyCsv;
  // OFAC legacy CSVs: no header; the first field is the numeric ent_num and
  // the field count tells the files apart.
  if (!first.empty() && std::isdigit(static_cast<unsigned char>(first[0]))) {
    CsvReader r(t, ',', "");
    std::vector<std::string> row;
    Result<bool> ok = r.Next(row);
    if (!ok.ok() || !*ok) {
      // The first record does not fit in the head (an over-long or broken
      // field): "NUMBER,\"" is how sdn.csv starts, and its parser will
      // name the exact problem.
      size_t i = 0;
      while (i < first.size() && std::isdigit(static_cast<unsigned char>(first[i]))) ++i;
      if (first.substr(i, 2) == ",\"") return Format::kOfacSdnCsv;
      return Format::kUnknown;
    }
    const bool numeric = !row.empty() && std::all_of(row[0].begin(), row[0].end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (!numeric) return Format::kUnknown;
    if (row.size() == 12) return Format::kOfacSdnCsv;
    if (row.size() == 5) return Format::kOfacAltCsv;
    if (row.size() == 6) return Format::kOfacAddCsv;
    if (row.size() == 2) return Format::kOfacCommentsCsv;
  }
  return Format::kUnknown;
}

Result<ListFile> ParseList(std::string_view content, std::string_view name) {
  const Format f = DetectFormat(content);
  switch (f) {
    case Format::kUnXml: return ParseUnXml(content, name);
    case Format::kOfacSdnCsv: {
      OfacCsvInput in;
      in.sdn = content;
      in.sdn_name = std::string(name);
      return ParseOfacCsv(in);
    }
    case Format::kOfacAltCsv:
    case Format::kOfacAddCsv:
    case Format::kOfacCommentsCsv:
      return ErrorAt(name, 0,
                     "an OFAC " + std::string(FormatName(f)) +
                         " file needs its sdn.csv: import sdn.csv (its companions are read from "
                         "the same folder) or give them together");
    case Format::kOfacSdnXml: return ParseOfacSdnXml(content, name);
    case Format::kOfacAdvancedXml: return ParseOfacAdvancedXml(content, name);
    case Format::kUkConListCsv: return ParseUkConListCsv(content, name);
    case Format::kUkSanctionsListCsv: return ParseUkSanctionsListCsv(content, name);
    case Format::kUkSanctionsListXml: return ParseUkSanctionsListXml(content, name);
    case Format::kUkDerivedCsv: {
      UkDerivedInput in;
      in.subjects = content;
      in.subjects_name = std::string(name);
      return ParseUkDerivedCsv(in);
    }
    case Format::kEuFsfXml: return ParseEuFsfXml(content, name);
    case Format::kEuFsfCsv: return ParseEuFsfCsv(content, name);
    case Format::kEuLegacyCsv: return ParseEuLegacyCsv(content, name);
    case Format::kUnknown: break;
  }
  if (content.empty()) return ErrorAt(name, 0, "empty file");
  return ErrorAt(name, 1,
                 "unknown list format (expected UN XML, OFAC sdn.csv/sdn.xml/sdn_advanced.xml, "
                 "UK ConList/UK Sanctions List CSV or XML, EU FSF XML/CSV)");
}

namespace {

Format DetectFileFormat(const std::string& path, const std::string& data) {
  (void)path;
  return DetectFormat(std::string_view(data).substr(0, 65536));
}

std::string Sibling(const std::string& path, const char* name) {
  return (std::filesystem::path(path).parent_path() / name).string();
}

// Reads an OFAC CSV set; explicit companions win over the folder's.
Result<ListFile> ReadOfacSet(const std::string& sdn_path, std::map<Format, std::string> given) {
  auto pick = [&](Format f, const char* file) -> std::string {
    auto it = given.find(f);
    if (it != given.end()) return it->second;
    std::string s = Sibling(sdn_path, file);
    return std::filesystem::exists(s) ? s : std::string();
  };
  const std::string alt_path = pick(Format::kOfacAltCsv, "alt.csv");
  const std::string add_path = pick(Format::kOfacAddCsv, "add.csv");
  const std::string com_path = pick(Format::kOfacCommentsCsv, "sdn_comments.csv");
  std::string sdn, alt, add, com;
  for (auto [p, dst] : {std::pair{&sdn_path, &sdn}, {&alt_path, &alt}, {&add_path, &add},
                        {&com_path, &com}}) {
    if (p->empty()) continue;
    Result<std::string> d = ReadWholeFile(*p);
    if (!d.ok()) return d.error();
    *dst = std::move(*d);
  }
  // Companions found in the folder must really be companions.
  for (auto [p, d, want] : {std::tuple{&alt_path, &alt, Format::kOfacAltCsv},
                            {&add_path, &add, Format::kOfacAddCsv},
                            {&com_path, &com, Format::kOfacCommentsCsv}}) {
    if (p->empty() || d->empty()) continue;
    const Format got = DetectFormat(*d);
    if (got != want)
      return ErrorAt(*p, 1, "expected an OFAC " + std::string(FormatName(want)) + " file, found " +
                                std::string(FormatName(got)));
  }
  OfacCsvInput in;
  in.sdn = sdn;
  in.alt = alt;
  in.add = add;
  in.comments = com;
  in.sdn_name = sdn_path;
  if (!alt_path.empty()) in.alt_name = alt_path;
  if (!add_path.empty()) in.add_name = add_path;
  if (!com_path.empty()) in.comments_name = com_path;
  return ParseOfacCsv(in);
}

Result<ListFile> ReadUkDerived(const std::string& subjects_path) {
  std::string subjects, names, dobs, ids;
  for (auto [file, dst] : {std::pair{"subject_names.csv", &names}, {"subject_dobs.csv", &dobs},
                           {"subject_identifiers.csv", &ids}}) {
    const std::string p = Sibling(subjects_path, file);
    if (!std::filesystem::exists(p)) continue;
    Result<std::string> d = ReadWholeFile(p);
    if (!d.ok()) return d.error();
    *dst = std::move(*d);
  }
  Result<std::string> d = ReadWholeFile(subjects_path);
  if (!d.ok()) return d.error();
  subjects = std::move(*d);
  UkDerivedInput in;
  in.subjects = subjects;
  in.names = names;
  in.dobs = dobs;
  in.identifiers = ids;
  in.subjects_name = subjects_path;
  Result<ListFile> list = ParseUkDerivedCsv(in);
  if (list.ok()) {
    for (const char* f : {"subject_names.csv", "subject_dobs.csv", "subject_identifiers.csv"})
      if (std::filesystem::exists(Sibling(subjects_path, f)))
        list->files.push_back(Sibling(subjects_path, f));
  }
  return list;
}

}  // namespace

Result<ListFile> ReadListFile(const std::string& path) {
  Result<std::vector<ListFile>> r = ReadListFiles({path});
  if (!r.ok()) return r.error();
  if (r->empty()) return ErrorAt(path, 0, "no list in file");
  return std::move(r->front());
}

Result<std::vector<ListFile>> ReadListFiles(const std::vector<std::string>& paths) {
  std::vector<ListFile> out;
  std::map<Format, std::string> companions;
  std::vector<std::pair<std::string, Format>> mains;
  std::vector<std::string> contents;
  for (const std::string& p : paths) {
    Result<std::string> d = ReadWholeFile(p);
    if (!d.ok()) return d.error();
    const Format f = DetectFileFormat(p, *d);
    if (f == Format::kOfacAltCsv || f == Format::kOfacAddCsv || f == Format::kOfacCommentsCsv) {
      companions[f] = p;
      continue;
    }
    mains.emplace_back(p, f);
    contents.push_back(std::move(*d));
  }
  bool ofac_main = false;
  for (size_t i = 0; i < mains.size(); ++i) {
    const std::string& p = mains[i].first;
    const Format f = mains[i].second;
    Result<ListFile> list = [&]() -> Result<ListFile> {
      if (f == Format::kOfacSdnCsv) {
        ofac_main = true;
        return ReadOfacSet(p, companions);
      }
      if (f == Format::kUkDerivedCsv) return ReadUkDerived(p);
      return ParseList(contents[i], p);
    }();
    if (!list.ok()) return list.error();
    out.push_back(std::move(*list));
  }
  if (!companions.empty() && !ofac_main)
    return ErrorAt(companions.begin()->second, 0,
                   "an OFAC " + std::string(FormatName(companions.begin()->first)) +
                       " file needs its sdn.csv: give sdn.csv too");
  return out;
}

Result<std::vector<Entity>> ParseListFile(const std::string& path) {
  Result<ListFile> list = ReadListFile(path);
  if (!list.ok()) return list.error();
  return std::move(list->entities);
}

}  // namespace wk::lists
