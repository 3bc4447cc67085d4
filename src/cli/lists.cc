// watchkeeper lists import|fetch|show|diff|stats|versions|fictional
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "lists/lists.h"
#include "screen/screen.h"
#include "store/store.h"

namespace wk::cli {
namespace {

struct Options {
  std::vector<std::string> files;
  std::string db = std::string(store::kDefaultUrl);
  std::string id;
  std::string source;
  std::string config;
  std::string out;
  std::string format = "jsonl";
  bool force = false;
  std::string date;  // lists import --date: the publication date of files without one
  std::string other;   // lists link/unlink: the second entry
  std::string reason;  // lists link/unlink
  bool lenient = false;  // lists import: skip bad FtM lines
  std::string source_name;  // lists import: source of FtM files
};

// An FtM JSON Lines file: its first non-blank byte opens an object.
bool LooksLikeFtm(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  char c = 0;
  while (f.get(c))
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c == '{';
  return false;
}

// JSON Lines, or with --format text the same laid out for people.
void PrintLines(const Options& o, const std::string& jsonl) {
  std::cout << (o.format == "text" ? JsonLinesAsText(jsonl) : jsonl);
}

// "YYYY-MM-DD" naming a real day (2024-02-30 is none): it must read back the same.
bool IsIsoDate(const std::string& d) {
  const std::optional<int64_t> ms = d.size() == 10 ? ParseTimeMs(d) : std::nullopt;
  return ms && FormatTime(FloorSeconds(*ms)).substr(0, 10) == d;
}

// An FtM file's merged entities link their entries as judgments of kind
// referent; an analyst's judgment about the same pair stands.
void SaveReferents(store::Store& db, const std::vector<lists::Judgment>& referents) {
  if (referents.empty()) return;
  Result<std::vector<lists::Judgment>> stored = lists::LoadJudgments(db);
  if (!stored.ok()) Fail(kExitBadInput, stored.error().message);
  size_t saved = 0;
  for (const lists::Judgment& j : referents) {
    const bool analyst = std::any_of(stored->begin(), stored->end(), [&](const lists::Judgment& s) {
      return s.kind == lists::LinkKind::kJudgment && ((s.a == j.a && s.b == j.b) || (s.a == j.b && s.b == j.a));
    });
    if (analyst) continue;
    if (Status s = lists::SaveJudgment(db, j); !s.ok()) Fail(kExitBadInput, s.error().message);
    ++saved;
  }
  std::cerr << "watchkeeper: lists import: " << saved << " referent link(s) of merged FtM entities kept\n";
}

void RunImport(const Options& o) {
  const bool progress = StderrIsTerminal();
  if (progress) std::cerr << "watchkeeper: lists import: reading " << o.files.size() << " file(s)...\n";
  std::vector<std::string> official;
  std::vector<lists::ListFile> ftm;
  std::vector<lists::Judgment> referents;  // FtM merged entities' links
  for (const std::string& path : o.files) {
    if (!LooksLikeFtm(path)) {
      official.push_back(path);
      continue;
    }
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) Fail(kExitBadInput, content.error().message);
    lists::FtmOptions fo;
    fo.source = o.source_name;
    fo.lenient = o.lenient;
    Result<lists::FtmRead> r = lists::ParseFtm(*content, path, fo);
    if (!r.ok()) Fail(kExitBadInput, "import failed, nothing changed: " + r.error().message);
    std::string line;
    lists::AppendFtmReadJson(line, *r);
    std::cerr << "watchkeeper: lists import: " << line << '\n';
    for (const std::string& e : r->first_errors) std::cerr << "watchkeeper: lists import: skipped " << e << '\n';
    for (lists::ListFile& l : r->lists) ftm.push_back(std::move(l));  // one version per source
    for (lists::Judgment& j : r->referents) referents.push_back(std::move(j));
  }
  Result<std::vector<lists::ListFile>> parsed =
      official.empty() ? Result<std::vector<lists::ListFile>>(std::vector<lists::ListFile>{})
                       : lists::ReadListFiles(official);
  if (!parsed.ok()) Fail(kExitBadInput, parsed.error().message);
  if (!o.date.empty()) {
    if (!IsIsoDate(o.date)) Fail(kExitUsage, "--date must be YYYY-MM-DD, a real day: " + o.date);
    for (lists::ListFile& f : *parsed) {
      if (!f.generated.empty())
        Fail(kExitUsage, "--date is for files without a date of their own; " + f.files.front() + " says " +
                             f.generated);
      f.generated = o.date;
    }
  }
  for (lists::ListFile& f : ftm) parsed->push_back(std::move(f));
  if (progress) {
    size_t n = 0;
    for (const lists::ListFile& f : *parsed) n += f.entities.size();
    std::cerr << "watchkeeper: lists import: " << n << " entities parsed; storing...\n";
  }
  store::Store db = OpenStore(o.db);
  lists::ImportPolicy policy;
  policy.force = o.force;
  Result<std::vector<lists::ListVersion>> versions = lists::ImportLists(db, *parsed, policy);
  if (!versions.ok()) Fail(kExitBadInput, "import failed, nothing changed: " + versions.error().message);
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db);
  if (!current.ok()) Fail(kExitBadInput, current.error().message);
  SaveReferents(db, referents);
  std::string out;
  for (const lists::ListVersion& v : *versions) {
    if (v.unchanged)
      std::cerr << "watchkeeper: lists import: " << v.source << ": the same entries as the current version "
                << v.id << "; no version added\n";
    // An older list forced in is history: say which version stays current.
    for (const lists::ListVersion& c : *current)
      if (c.source == v.source && c.id != v.id)
        std::cerr << "watchkeeper: lists import: " << v.source << ": version " << v.id << " is older than the current "
                  << "version " << c.id << " (" << (c.generated.empty() ? "no date" : c.generated)
                  << "), which stays current\n";
    out.clear();
    lists::AppendListVersionJson(out, v);
    std::cout << out << '\n';
  }
}

store::Store OpenLists(const Options& o) { return OpenStoreToRead(o.db, lists::Migrations(), "lists"); }

// --source of the read commands: one of the publishers, or empty for all.
void RequireSource(const std::string& source) {
  if (!source.empty()) RequireChoice("--source", source, {"un", "ofac", "uk", "eu"});
}

// `lists show imo:N` or `mmsi:N`: every current entry that carries the number.
void RunShowByIdentifier(const Options& o, store::Store& db) {
  const bool imo = o.id.starts_with("imo:");
  const std::string value = o.id.substr(o.id.find(':') + 1);
  const lists::Identifier id = lists::MakeIdentifier(imo ? lists::IdType::kImo : lists::IdType::kMmsi, value);
  if (imo ? id.value.size() != 7 : id.value.size() != 9)
    Fail(kExitUsage, o.id + ": an IMO number has 7 digits, an MMSI 9");
  Result<std::vector<lists::Entity>> found = lists::FindEntitiesByIdentifier(db, id.type, id.value);
  if (!found.ok()) Fail(kExitBadInput, found.error().message);
  if (found->empty()) Fail(kExitBadInput, "no entry of the current lists carries " + o.id);
  std::string out;
  for (const lists::Entity& e : *found) {
    lists::AppendEntityJson(out, e);
    out += '\n';
  }
  PrintLines(o, out);
}

// ---- parties: `lists parties`, the party half of `lists show`, `lists link/unlink`

struct LoadedParties {
  std::vector<lists::Entity> entities;
  lists::Parties parties;
  std::unordered_map<std::string, const lists::Entity*> by_id;
  std::vector<std::pair<std::string, int64_t>> versions;  // source -> current version
};

LoadedParties LoadParties(store::Store& db) {
  LoadedParties l;
  Result<lists::Parties> p = lists::LoadCurrentParties(db, screen::PartyNameRules(), l.entities);
  if (!p.ok()) Fail(kExitBadInput, p.error().message);
  l.parties = std::move(*p);
  for (const lists::Entity& e : l.entities) l.by_id.emplace(e.id, &e);
  // The current version of each source is the newest by the list's own date.
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db);
  if (!current.ok()) Fail(kExitBadInput, current.error().message);
  for (const lists::ListVersion& v : *current) l.versions.emplace_back(v.source, v.id);
  return l;
}

std::string CsvField(const std::string& s) {
  std::string out;
  AppendCsvField(out, s);
  return out;
}

// The counts `lists parties` ends with: parties, links by kind, citations.
void AppendPartiesSummaryJson(std::string& out, const lists::Parties& p) {
  JsonWriter w(out);
  size_t multi = 0, double_un = 0;
  for (const lists::Party& party : p.parties) {
    multi += party.entries.size() > 1;
    double_un += !party.notes.empty();
  }
  w.BeginObject().Key("summary").BeginObject();
  w.Field("parties", p.parties.size()).Field("entries", p.party_of.size()).Field("with_several_entries", multi);
  w.Key("links").BeginObject();
  for (lists::LinkKind k : {lists::LinkKind::kCitation, lists::LinkKind::kImo, lists::LinkKind::kPassport,
                            lists::LinkKind::kNationalId, lists::LinkKind::kSwiftBic, lists::LinkKind::kNameDob,
                            lists::LinkKind::kReferent, lists::LinkKind::kJudgment,
                            lists::LinkKind::kUnDoubleListing, lists::LinkKind::kNameCountry})
    w.Field(lists::LinkKindName(k), lists::CountLinks(p, k));
  w.EndObject();
  w.Field("citations", p.citations).Field("suspect_citations", p.suspects.size());
  w.Field("unresolved_citations", p.unresolved_citations).Field("refused_links", p.refused);
  w.Field("un_double_listings", double_un);
  // Analysts' judgments, and the links FtM files' merged entities brought.
  size_t stale = 0, referents = 0;
  for (const lists::Judgment& j : p.judgments) {
    stale += j.stale;
    referents += j.kind == lists::LinkKind::kReferent;
  }
  w.Field("judgments", p.judgments.size() - referents).Field("referents", referents);
  w.Field("stale_judgments", stale);
  w.EndObject().EndObject();
}

void RunParties(const Options& o) {
  RequireChoice("--format", o.format, {"jsonl", "csv", "text"});
  RequireSource(o.source);
  store::Store db = OpenLists(o);
  LoadedParties l = LoadParties(db);
  std::string out;
  if (o.format == "csv") out = "party,name,schema,entries,links,notes\n";
  for (const lists::Party& p : l.parties.parties) {
    if (!o.source.empty()) {
      bool has = false;
      for (const std::string& id : p.entries) has |= id.starts_with(o.source + ":");
      if (!has) continue;
    }
    if (o.format == "csv") {
      std::string entries, notes;
      for (const std::string& id : p.entries) entries += (entries.empty() ? "" : ";") + id;
      for (const std::string& n : p.notes) notes += (notes.empty() ? "" : "; ") + n;
      out += CsvField(p.id) + "," + CsvField(p.name) + "," + std::string(lists::SchemaName(p.schema)) + "," +
             CsvField(entries) + "," + std::to_string(p.links.size()) + "," + CsvField(notes) + "\n";
    } else {
      lists::AppendPartyJson(out, p, l.by_id, l.versions);
      out += '\n';
    }
    if (out.size() > (1 << 16) && o.format != "text") {
      std::cout << out;
      out.clear();
    }
  }
  if (o.format != "csv") {
    for (const lists::SuspectCitation& s : l.parties.suspects) {
      lists::AppendSuspectCitationJson(out, s);
      out += '\n';
    }
    for (const lists::Judgment& j : l.parties.judgments) {
      if (!j.stale) continue;
      JsonWriter w(out);
      w.BeginObject().Key("stale_judgment").BeginObject().Field("a", j.a).Field("b", j.b);
      w.Field("same", j.same).Field("reason", j.reason).Field("made_at", j.made_at).EndObject().EndObject();
      out += '\n';
    }
    AppendPartiesSummaryJson(out, l.parties);
    out += '\n';
  }
  if (o.format == "text") PrintLines(o, out);
  else std::cout << out;
}

// The party of `id` (an entry or "party:..."), as one more line after the
// entry; false when `id` is neither.
bool PrintPartyOf(const Options& o, store::Store& db, const std::string& id) {
  LoadedParties l = LoadParties(db);
  for (size_t i = 0; i < l.parties.parties.size(); ++i) {
    const lists::Party& p = l.parties.parties[i];
    bool hit = p.id == id;
    for (const std::string& e : p.entries) hit |= e == id;
    if (!hit) continue;
    std::string out;
    lists::AppendPartyJson(out, p, l.by_id, l.versions);
    PrintLines(o, out + "\n");
    return true;
  }
  return false;
}

void RunJudgment(const Options& o, bool same) {
  if (o.reason.empty()) Fail(kExitUsage, std::string("lists ") + (same ? "link" : "unlink") + ": --reason is required");
  store::Store db = OpenLists(o);
  for (const std::string& id : {o.id, o.other}) {
    Result<lists::Entity> e = lists::LoadEntity(db, id);
    if (!e.ok()) Fail(kExitBadInput, e.error().message);
  }
  lists::Judgment j;
  j.a = o.id;
  j.b = o.other;
  j.same = same;
  j.reason = o.reason;
  if (Status s = lists::SaveJudgment(db, j); !s.ok()) Fail(kExitBadInput, s.error().message);
  PrintPartyOf(o, db, o.id);
  if (!same) PrintPartyOf(o, db, o.other);
}

void RunShow(const Options& o) {
  RequireChoice("--format", o.format, {"jsonl", "text"});
  store::Store db = OpenLists(o);
  if (o.id.starts_with("imo:") || o.id.starts_with("mmsi:")) return RunShowByIdentifier(o, db);
  if (o.id.starts_with("party:")) {
    if (!PrintPartyOf(o, db, o.id)) Fail(kExitBadInput, "no party " + o.id + " in the current lists");
    return;
  }
  Result<lists::Entity> e = lists::LoadEntity(db, o.id);
  if (!e.ok()) Fail(kExitBadInput, e.error().message);
  std::string out;
  lists::AppendEntityJson(out, *e);
  PrintLines(o, out + "\n");
  PrintPartyOf(o, db, o.id);
}

void RunDiff(const Options& o) {
  RequireChoice("--format", o.format, {"jsonl", "text"});
  RequireSource(o.source);
  store::Store db = OpenLists(o);
  Result<std::vector<lists::ListDiff>> diffs = lists::DiffLatest(db, o.source);
  if (!diffs.ok()) Fail(kExitBadInput, diffs.error().message);
  std::string out;
  for (const lists::ListDiff& d : *diffs) {
    out.clear();
    lists::AppendListDiffJson(out, d);
    out += '\n';
    for (const lists::EntityChange& c : d.changes) {
      lists::AppendEntityChangeJson(out, d.to.source, c);
      out += '\n';
      if (out.size() > (1 << 16) && o.format != "text") {
        std::cout << out;
        out.clear();
      }
    }
    PrintLines(o, out);
  }
  // Then the parties gained, lost and changed by those versions.
  Result<std::vector<lists::PartyChange>> parties = lists::DiffLatestParties(db, screen::PartyNameRules(), *diffs);
  if (!parties.ok()) Fail(kExitBadInput, parties.error().message);
  std::string party_lines;
  for (const lists::PartyChange& c : *parties) {
    lists::AppendPartyChangeJson(party_lines, c);
    party_lines += '\n';
  }
  PrintLines(o, party_lines);
}

void RunVersions(const Options& o) {
  RequireChoice("--format", o.format, {"jsonl", "text"});
  RequireSource(o.source);
  store::Store db = OpenLists(o);
  Result<std::vector<lists::ListVersion>> versions = lists::ListVersions(db, o.source);
  if (!versions.ok()) Fail(kExitBadInput, versions.error().message);
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db, o.source);
  if (!current.ok()) Fail(kExitBadInput, current.error().message);
  std::string out;
  for (const lists::ListVersion& v : *versions) {
    lists::AppendListVersionJson(out, v);
    // Newest import first is not newest by date: mark the one in use.
    for (const lists::ListVersion& c : *current)
      if (c.id == v.id) out.insert(out.size() - 1, ",\"current\":true");
    out += '\n';
  }
  PrintLines(o, out);
}

void RunStats(const Options& o) {
  RequireChoice("--format", o.format, {"jsonl", "text"});
  store::Store db = OpenLists(o);
  Result<std::vector<lists::SourceStats>> stats = lists::Stats(db);
  if (!stats.ok()) Fail(kExitBadInput, stats.error().message);
  std::string out;
  for (const lists::SourceStats& s : *stats) {
    lists::AppendSourceStatsJson(out, s);
    out += '\n';
  }
  PrintLines(o, out);
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
    lists::AppendFetchResultJson(out, r);
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
  import->add_flag("--force", opts->force,
                   "Import a list older than the current one, or one that drops more than a quarter of its "
                   "entries (an older one is kept but does not become current)");
  import->add_option("--date", opts->date,
                     "Publication date YYYY-MM-DD of files that carry none (OFAC CSV), so they order by it");
  import->add_option("--source", opts->source_name,
                     "Source of FollowTheMoney files (default: their first dataset)");
  import->add_flag("--lenient", opts->lenient, "FollowTheMoney: skip bad lines (counted) instead of failing");
  import->callback([opts] { RunImport(*opts); });

  CLI::App* show = lists->add_subcommand("show", "Print one entity of the current lists as JSON");
  show->add_option("id", opts->id,
                   "Entity id, e.g. un:KPi.001 or ofac:17069 (then its party), a party id (party:un:KPi.001), "
                   "or a vessel's imo:N or mmsi:N")
      ->required();
  show->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  show->add_option("--format", opts->format, "jsonl (default) or text");
  show->callback([opts] { RunShow(*opts); });

  CLI::App* parties = lists->add_subcommand(
      "parties", "Every party of the current lists: its entries, the links and their reasons, then the counts");
  parties->add_option("--source", opts->source, "only parties with an entry of un, ofac, uk or eu");
  parties->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  parties->add_option("--format", opts->format, "jsonl (default), csv or text");
  parties->callback([opts] { RunParties(*opts); });

  for (bool same : {true, false}) {
    CLI::App* j = lists->add_subcommand(
        same ? "link" : "unlink",
        same ? "Record that two entries are the same subject (kept across new list versions)"
             : "Record that two entries are not the same subject, whatever the rules say");
    j->add_option("a", opts->id, "An entry id, e.g. uk:13324")->required();
    j->add_option("b", opts->other, "The other entry id")->required();
    j->add_option("--reason", opts->reason, "Why (kept with the judgment)")->required();
    j->add_option("--db", opts->db, kDbHelp)->capture_default_str();
    j->callback([opts, same] { RunJudgment(*opts, same); });
  }

  CLI::App* diff = lists->add_subcommand("diff", "Added, removed and changed entries between the last two versions");
  diff->add_option("--source", opts->source, "un, ofac, uk or eu (default: every source with two versions)");
  diff->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  diff->add_option("--format", opts->format, "jsonl (default) or text");
  diff->callback([opts] { RunDiff(*opts); });

  CLI::App* stats = lists->add_subcommand("stats", "Per source: version, date, entities by schema, names, identifiers");
  stats->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  stats->add_option("--format", opts->format, "jsonl (default) or text");
  stats->callback([opts] { RunStats(*opts); });

  CLI::App* versions = lists->add_subcommand("versions", "Every imported version, newest first");
  versions->add_option("--source", opts->source, "un, ofac, uk or eu (default: all)");
  versions->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  versions->add_option("--format", opts->format, "jsonl (default) or text");
  versions->callback([opts] { RunVersions(*opts); });

  CLI::App* exp = lists->add_subcommand("export", "Write the current lists' entries as FollowTheMoney JSON Lines");
  exp->add_option("--format", opts->format, "ftm")->required();
  exp->add_option("--source", opts->source, "only this source (default: all)");
  exp->add_option("--db", opts->db, kDbHelp)->capture_default_str();
  exp->callback([opts] {
    RequireChoice("--format", opts->format, {"ftm"});
    store::Store db = OpenLists(*opts);
    Result<std::vector<lists::Entity>> e = lists::LoadCurrentEntities(db, opts->source);
    if (!e.ok()) Fail(kExitBadInput, e.error().message);
    // The parties of the entries written, judgments applied, as merged things after them.
    Result<std::vector<lists::Judgment>> j = lists::LoadJudgments(db);
    if (!j.ok()) Fail(kExitBadInput, j.error().message);
    const lists::Parties parties = lists::BuildParties(*e, screen::PartyNameRules(), std::move(*j));
    lists::WriteFtm(*e, std::cout, &parties);
  });

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
