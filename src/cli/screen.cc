// watchkeeper screen "NAME" [--schema] [--dob] [--country] [--id TYPE:VALUE]
//                    [--threshold X] [--limit N] [--lists FILE...] [--db PATH]
// watchkeeper screen --batch FILE.csv ...
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/options.h"
#include "lists/lists.h"
#include "screen/screen.h"
#include "store/store.h"

namespace wk::cli {
namespace {

struct ScreenArgs {
  std::string name;
  std::string schema;
  std::string dob;
  std::string country;
  std::vector<std::string> ids;
  double threshold = screen::kDefaultThreshold;
  size_t limit = 10;
  std::vector<std::string> lists;
  std::string db;
  std::string batch;
  unsigned threads = 0;
  std::string format = "json";
  bool entries = false;  // one result per entry, as before parties
};

// What is screened against, the list versions it came from (from files: id 0
// and each file's own date), so each match names its listing, and analysts'
// link judgments from the store.
struct Loaded {
  std::vector<lists::Entity> entities;
  std::vector<lists::ListVersion> versions;
  std::vector<lists::Judgment> judgments;  // from the store
};

Loaded LoadEntities(const ScreenArgs& a) {
  Loaded loaded;
  if (!a.lists.empty()) {
    Result<std::vector<lists::ListFile>> files = lists::ReadListFiles(a.lists);
    if (!files.ok()) Fail(kExitBadInput, files.error().message);
    for (lists::ListFile& f : *files) {
      lists::ListVersion v;
      v.source = f.source;
      v.format = std::string(lists::FormatName(f.format));
      v.generated = f.generated;
      v.files = f.files;
      v.entities = static_cast<int64_t>(f.entities.size());
      loaded.versions.push_back(std::move(v));
      for (lists::Entity& e : f.entities) loaded.entities.push_back(std::move(e));
    }
    return loaded;
  }
  const std::string db = a.db.empty() ? std::string(store::kDefaultUrl) : a.db;
  Result<store::Store> exists = store::OpenExisting(db);
  if (!exists.ok() && exists.error().code == ErrorCode::kNotFound)
    Fail(kExitUsage, "no lists to screen against: " + db +
                         " does not exist; run `watchkeeper lists import FILE...` or give "
                         "--lists FILE...");
  if (!exists.ok()) Fail(kExitBadInput, exists.error().message);
  store::Store opened = OpenStoreToRead(db, lists::Migrations(), "lists");
  Result<std::vector<lists::Entity>> stored = lists::LoadCurrentEntities(opened);
  if (!stored.ok()) Fail(kExitBadInput, db + ": " + stored.error().message);
  if (stored->empty())
    Fail(kExitBadInput, db + " holds no list entries; run `watchkeeper lists import FILE...`");
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(opened);
  if (!current.ok()) Fail(kExitBadInput, db + ": " + current.error().message);
  loaded.entities = std::move(*stored);
  loaded.versions = std::move(*current);
  if (!a.entries) {
    Result<std::vector<lists::Judgment>> j = lists::LoadJudgments(opened);
    if (!j.ok()) Fail(kExitBadInput, db + ": " + j.error().message);
    loaded.judgments = std::move(*j);
  }
  return loaded;
}

void Run(const ScreenArgs& a) {
  if (a.format != "json" && a.format != "text") Fail(kExitUsage, "--format must be json or text");
  if (a.batch.empty() && a.name.empty() && a.ids.empty())
    Fail(kExitUsage, "screen: give a NAME, --id TYPE:VALUE or --batch FILE.csv");
  if (!(a.threshold >= 0 && a.threshold <= 1)) Fail(kExitUsage, "--threshold must be in [0, 1]");
  screen::Query q;
  q.threshold = a.threshold;
  q.limit = a.limit;
  q.name = a.name;
  if (!a.schema.empty()) {
    Result<lists::Schema> s = screen::ParseSchema(a.schema);
    if (!s.ok()) Fail(kExitUsage, "--schema: " + s.error().message);
    q.schema = *s;
  }
  if (!a.dob.empty()) {
    Result<std::string> d = screen::ParseQueryDate(a.dob);
    if (!d.ok()) Fail(kExitUsage, "--dob: " + d.error().message);
    q.dob = *d;
  }
  q.country = a.country;
  for (const std::string& id : a.ids) {
    Result<screen::QueryId> qid = screen::ParseQueryId(id);
    if (!qid.ok()) Fail(kExitUsage, "--id: " + qid.error().message);
    q.ids.push_back(*qid);
  }
  auto t0 = std::chrono::steady_clock::now();
  Loaded loaded = LoadEntities(a);
  // Parties are built from the entities in the order the index keeps them.
  lists::Parties parties;
  if (!a.entries) parties = lists::BuildParties(loaded.entities, screen::PartyNameRules(), std::move(loaded.judgments));
  screen::Index index = screen::Index::Build(std::move(loaded.entities), std::move(loaded.versions));
  if (StderrIsTerminal()) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cerr << "watchkeeper: " << index.stats().entities << " entities, "
              << index.stats().names << " names indexed in " << s << " s\n";
  }
  if (!a.batch.empty()) {
    screen::BatchOptions o;
    o.threshold = a.threshold;
    o.limit = a.limit;
    o.threads = a.threads;
    if (!a.entries) o.parties = &parties;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (a.batch != "-") {
      std::error_code ec;
      if (std::filesystem::is_character_file(a.batch, ec) || std::filesystem::is_block_file(a.batch, ec))
        Fail(kExitBadInput, a.batch + ": a device, not a file, refused");
      file.open(a.batch, std::ios::binary);
      if (!file) Fail(kExitBadInput, a.batch + ": cannot open");
      in = &file;
    }
    std::ios::sync_with_stdio(false);
    if (a.format == "text") {  // laid out once every row is screened
      std::ostringstream lines;
      Result<size_t> n = screen::ScreenBatch(index, *in, lines, o);
      if (!n.ok()) Fail(kExitBadInput, a.batch + ": " + n.error().message);
      std::cout << JsonLinesAsText(lines.str());
      return;
    }
    Result<size_t> n = screen::ScreenBatch(index, *in, std::cout, o);
    if (!n.ok()) Fail(kExitBadInput, a.batch + ": " + n.error().message);
    return;
  }
  screen::Scratch scratch;
  if (!a.entries && !a.name.empty()) {
    Result<std::vector<screen::PartyMatch>> pm = screen::ScreenParties(index, parties, q, scratch);
    if (!pm.ok()) Fail(kExitBadInput, pm.error().message);
    if (a.format == "text")
      std::cout << screen::FormatPartyMatchesText(index, parties, q, *pm);
    else
      std::cout << screen::FormatPartyMatchesJson(index, parties, q, *pm) << '\n';
    return;
  }
  // Without a name, an identifier alone looks the entries up (imo:N, mmsi:N).
  Result<std::vector<screen::Match>> m =
      a.name.empty() ? Result<std::vector<screen::Match>>(index.ScreenIdentifiers(q)) : index.Screen(q, scratch);
  if (!m.ok()) Fail(kExitBadInput, m.error().message);
  if (a.format == "text")
    std::cout << screen::FormatMatchesText(index, q, *m);
  else
    std::cout << screen::FormatMatchesJson(index, q, *m) << '\n';
}

}  // namespace

void AddScreenCommand(CLI::App& app) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "screen", "Screen a name (or a CSV batch) against sanctions lists; prints JSON");
  cmd->add_option("name", args->name, "The name to screen (any script)");
  cmd->add_option("--schema", args->schema, "person, organization or vessel");
  cmd->add_option("--dob", args->dob, "Date of birth: Y, Y-M or Y-M-D");
  cmd->add_option("--country", args->country, "Nationality, ISO 3166 alpha-2");
  cmd->add_option("--id", args->ids, "Identifier TYPE:VALUE (imo, passport, ...)");
  cmd->add_option("--threshold", args->threshold, "Lowest score reported (default 0.80)");
  cmd->add_option("--limit", args->limit, "Most matches reported per query (default 10)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--lists", args->lists, "List files to screen against")->expected(1, -1);
  cmd->add_option("--db", args->db, "Store holding imported lists (default: the lists commands' database)");
  cmd->add_option("--batch", args->batch,
                  "CSV with a 'name' column (and schema, dob, country, id); '-' for stdin");
  cmd->add_option("--threads", args->threads, "Worker threads for --batch (default: all cores, at most 8)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--format", args->format, "json (default) or text");
  cmd->add_flag("--entries", args->entries,
                "One result per list entry (the same person on three lists is three results) instead of per party");
  cmd->callback([args] { Run(*args); });
}

}  // namespace wk::cli
