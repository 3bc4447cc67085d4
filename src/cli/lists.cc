// watchkeeper lists import|fetch|show|diff|stats|versions|fictional
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "lists/lists.h"
#include "store/store.h"

namespace wk::cli {
namespace {

void AppendVersion(std::string& out, const lists::ListVersion& v) {
  out += "{\"version\":";
  AppendInt(out, v.id);
  out += ",\"source\":";
  AppendJsonString(out, v.source);
  out += ",\"format\":";
  AppendJsonString(out, v.format);
  out += ",\"generated\":";
  AppendJsonString(out, v.generated);
  out += ",\"imported_at\":";
  AppendJsonString(out, v.imported_at);
  out += ",\"entities\":";
  AppendInt(out, v.entities);
  out += ",\"files\":[";
  for (size_t i = 0; i < v.files.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, v.files[i]);
  }
  out += "]}";
}

struct Options {
  std::vector<std::string> files;
  std::string db = std::string(store::kDefaultUrl);
  std::string id;
  std::string source;
  std::string config;
  std::string out;
};

void RunImport(const Options& o) {
  Result<std::vector<lists::ListFile>> parsed = lists::ReadListFiles(o.files);
  if (!parsed.ok()) Fail(kExitBadInput, parsed.error().message);
  store::Store db = OpenStore(o.db);
  Result<std::vector<lists::ListVersion>> versions = lists::ImportLists(db, *parsed);
  if (!versions.ok()) Fail(kExitBadInput, "import failed, nothing changed: " + versions.error().message);
  std::string out;
  for (const lists::ListVersion& v : *versions) {
    out.clear();
    AppendVersion(out, v);
    std::cout << out << '\n';
  }
}

void RunShow(const Options& o) {
  store::Store db = OpenStore(o.db);
  Result<lists::Entity> e = lists::LoadEntity(db, o.id);
  if (!e.ok()) Fail(kExitBadInput, e.error().message);
  std::string out;
  lists::AppendEntityJson(out, *e);
  std::cout << out << '\n';
}

void RunDiff(const Options& o) {
  store::Store db = OpenStore(o.db);
  Result<std::vector<lists::ListDiff>> diffs = lists::DiffLatest(db, o.source);
  if (!diffs.ok()) Fail(kExitBadInput, diffs.error().message);
  std::string out;
  for (const lists::ListDiff& d : *diffs) {
    int added = 0, removed = 0, changed = 0;
    for (const auto& c : d.changes) {
      added += c.kind == lists::ChangeKind::kAdded;
      removed += c.kind == lists::ChangeKind::kRemoved;
      changed += c.kind == lists::ChangeKind::kChanged;
    }
    out.clear();
    out += "{\"source\":";
    AppendJsonString(out, d.to.source);
    out += ",\"from\":";
    AppendVersion(out, d.from);
    out += ",\"to\":";
    AppendVersion(out, d.to);
    out += ",\"added\":";
    AppendInt(out, added);
    out += ",\"removed\":";
    AppendInt(out, removed);
    out += ",\"changed\":";
    AppendInt(out, changed);
    out += "}\n";
    for (const lists::EntityChange& c : d.changes) {
      out += "{\"source\":";
      AppendJsonString(out, d.to.source);
      out += ",\"change\":";
      AppendJsonString(out, lists::ChangeKindName(c.kind));
      out += ",\"id\":";
      AppendJsonString(out, c.id);
      out += ",\"name\":";
      AppendJsonString(out, c.name);
      if (c.kind == lists::ChangeKind::kChanged) {
        out += ",\"fields\":{";
        for (size_t i = 0; i < c.fields.size(); ++i) {
          const lists::FieldChange& f = c.fields[i];
          if (i) out += ',';
          AppendJsonString(out, f.field);
          out += ":{\"added\":[";
          for (size_t k = 0; k < f.added.size(); ++k) {
            if (k) out += ',';
            AppendJsonString(out, f.added[k]);
          }
          out += "],\"removed\":[";
          for (size_t k = 0; k < f.removed.size(); ++k) {
            if (k) out += ',';
            AppendJsonString(out, f.removed[k]);
          }
          out += "]}";
        }
        out += '}';
      }
      out += "}\n";
      if (out.size() > (1 << 16)) {
        std::cout << out;
        out.clear();
      }
    }
    std::cout << out;
  }
}

void RunVersions(const Options& o) {
  store::Store db = OpenStore(o.db);
  Result<std::vector<lists::ListVersion>> versions = lists::ListVersions(db, o.source);
  if (!versions.ok()) Fail(kExitBadInput, versions.error().message);
  std::string out;
  for (const lists::ListVersion& v : *versions) {
    out.clear();
    AppendVersion(out, v);
    std::cout << out << '\n';
  }
}

void AppendCounts(std::string& out, const std::vector<std::pair<std::string, int64_t>>& counts) {
  out += '{';
  for (size_t i = 0; i < counts.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, counts[i].first);
    out += ':';
    AppendInt(out, counts[i].second);
  }
  out += '}';
}

void RunStats(const Options& o) {
  store::Store db = OpenStore(o.db);
  Result<std::vector<lists::SourceStats>> stats = lists::Stats(db);
  if (!stats.ok()) Fail(kExitBadInput, stats.error().message);
  std::string out;
  for (const lists::SourceStats& s : *stats) {
    out.clear();
    out += "{\"source\":";
    AppendJsonString(out, s.version.source);
    out += ",\"version\":";
    AppendInt(out, s.version.id);
    out += ",\"versions\":";
    AppendInt(out, s.versions);
    out += ",\"format\":";
    AppendJsonString(out, s.version.format);
    out += ",\"generated\":";
    AppendJsonString(out, s.version.generated);
    out += ",\"imported_at\":";
    AppendJsonString(out, s.version.imported_at);
    out += ",\"entities\":";
    AppendInt(out, s.version.entities);
    out += ",\"by_schema\":";
    AppendCounts(out, s.by_schema);
    out += ",\"names\":";
    AppendInt(out, s.names);
    out += ",\"identifiers\":";
    AppendInt(out, s.identifiers);
    out += ",\"identifiers_by_type\":";
    AppendCounts(out, s.identifiers_by_type);
    out += "}";
    std::cout << out << '\n';
  }
}

void RunListsFetch(const std::string& source, const std::string& config_path, const std::string& db_path) {
  lists::FetchConfig config = lists::DefaultFetchConfig();
  if (!config_path.empty()) {
    Result<lists::FetchConfig> c = lists::ReadFetchConfig(config_path);
    if (!c.ok()) Fail(kExitBadInput, c.error().message);
    config = std::move(*c);
  }
  store::Store db = OpenStore(db_path);
  Result<std::vector<lists::FetchResult>> results = lists::FetchLists(db, config, source);
  if (!results.ok()) Fail(kExitBadInput, results.error().message + " (nothing changed)");
  std::string out;
  int failed = 0;
  for (const lists::FetchResult& r : *results) {
    if (r.status == lists::FetchStatus::kFailed) {
      ++failed;
      std::cerr << "watchkeeper: fetch " << r.source << ": " << r.error << " (nothing changed for " << r.source
                << ")\n";
    }
    out.clear();
    out += "{\"source\":";
    AppendJsonString(out, r.source);
    out += ",\"status\":";
    AppendJsonString(out, lists::FetchStatusName(r.status));
    out += ",\"bytes\":";
    AppendInt(out, r.bytes);
    if (!r.error.empty()) {
      out += ",\"error\":";
      AppendJsonString(out, r.error);
    }
    out += ",\"version\":";
    AppendVersion(out, r.version);
    out += "}";
    std::cout << out << '\n';
  }
  if (failed > 0) Fail(kExitBadInput, std::to_string(failed) + " source(s) failed; the others were updated");
}

}  // namespace

void AddListsCommands(CLI::App& app) {
  auto opts = std::make_shared<Options>();
  CLI::App* lists = app.add_subcommand("lists", "Sanctions lists: import, fetch, show, diff, stats");
  lists->require_subcommand(1);

  CLI::App* import = lists->add_subcommand(
      "import", "Import list files (UN XML, OFAC CSV/XML, UK, EU; format detected) as new versions");
  import->add_option("files", opts->files, "List files (an OFAC sdn.csv brings alt/add/comments beside it)")
      ->required();
  import->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  import->callback([opts] { RunImport(*opts); });

  CLI::App* show = lists->add_subcommand("show", "Print one entity of the current lists as JSON");
  show->add_option("id", opts->id, "Entity id, e.g. un:KPi.001 or ofac:17069")->required();
  show->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  show->callback([opts] { RunShow(*opts); });

  CLI::App* diff = lists->add_subcommand("diff", "Added, removed and changed entries between the last two versions");
  diff->add_option("--source", opts->source, "un, ofac, uk or eu (default: every source with two versions)");
  diff->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  diff->callback([opts] { RunDiff(*opts); });

  CLI::App* stats = lists->add_subcommand("stats", "Per source: version, date, entities by schema, names, identifiers");
  stats->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  stats->callback([opts] { RunStats(*opts); });

  CLI::App* versions = lists->add_subcommand("versions", "Every imported version, newest first");
  versions->add_option("--source", opts->source, "un, ofac, uk or eu (default: all)");
  versions->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  versions->callback([opts] { RunVersions(*opts); });

  CLI::App* fictional = lists->add_subcommand(
      "fictional", "Write the demo's small fictional list in the UN Consolidated List XML format");
  fictional->add_option("--out", opts->out, "Output file (default: stdout)");
  fictional->callback([opts] {
    const std::vector<lists::Entity> entities = lists::FictionalList();
    if (opts->out.empty()) {
      lists::WriteUnXml(entities, "2026-01-01T00:00:00Z", std::cout);
      return;
    }
    std::ofstream out(opts->out, std::ios::binary);
    if (!out) Fail(kExitBadInput, opts->out + ": cannot write");
    lists::WriteUnXml(entities, "2026-01-01T00:00:00Z", out);
    if (!out.flush()) Fail(kExitBadInput, opts->out + ": write failed");
  });

  CLI::App* fetch = lists->add_subcommand(
      "fetch", "Download the current lists from their publishers (conditional requests) and import them");
  opts->source = "";
  fetch->add_option("--source", opts->source, "un, ofac, eu, uk or all")->default_str("all");
  fetch->add_option("--config", opts->config, "INI-style file with base URLs (see docs/lists.md)");
  fetch->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  fetch->callback([opts] { RunListsFetch(opts->source.empty() ? "all" : opts->source, opts->config, opts->db); });
}

}  // namespace wk::cli
