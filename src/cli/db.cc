// `watchkeeper db migrate|status [--db URL] [--format jsonl|text]`: every
// domain's schema migrations, applied or listed.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "alerts/alerts.h"
#include "api/api.h"
#include "lists/lists.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::cli {
namespace {

// Every domain that keeps tables, in dependency order.
std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all;
  for (const auto* domain : {&tracks::Migrations(), &lists::Migrations(), &alerts::Migrations(), &api::Migrations()})
    all.insert(all.end(), domain->begin(), domain->end());
  return all;
}

void PrintStatus(store::Store& db, const std::string& format) {
  Result<std::vector<store::MigrationState>> states =
      store::MigrationStatus(db, AllMigrations());
  if (!states.ok()) Fail(kExitBadInput, states.error().message);
  for (const store::DomainMigrations& d : store::ByDomain(*states))
    std::cout << (format == "text" ? store::DomainMigrationsText(d)
                                   : store::DomainMigrationsJson(d))
              << '\n';
}

}  // namespace

store::Store OpenStore(const std::string& url) {
  Result<store::Store> db = store::Open(url);
  if (!db.ok()) Fail(kExitBadInput, db.error().message);
  return std::move(*db);
}

store::Store OpenStoreToRead(const std::string& url, const std::vector<store::Migration>& domain,
                             const std::string& what) {
  Result<store::Store> db = store::OpenExisting(url);
  if (!db.ok()) Fail(kExitBadInput, db.error().message);
  Result<std::vector<store::MigrationState>> states = store::MigrationStatus(*db, domain);
  if (!states.ok()) Fail(kExitBadInput, states.error().message);
  size_t applied = 0;
  for (const store::MigrationState& s : *states) applied += s.applied ? 1 : 0;
  if (applied == 0)
    Fail(kExitBadInput, db->url() + " holds no " + what + " (nothing was imported into it)");
  if (applied < states->size())
    Fail(kExitBadInput, db->url() + " was made by an older watchkeeper: run `watchkeeper db migrate --db " +
                            url + "` first (reading does not change a store)");
  return std::move(*db);
}

void AddDbCommands(CLI::App& app) {
  struct Args {
    std::string db = std::string(store::kDefaultUrl);
    std::string format = "jsonl";
  };
  auto args = std::make_shared<Args>();
  CLI::App* db = app.add_subcommand("db", "The store's schema: migrate, status");
  db->require_subcommand(1);

  CLI::App* migrate = db->add_subcommand(
      "migrate", "Apply every domain's pending schema migrations (one transaction), then print "
                 "each domain's applied and pending versions");
  migrate->add_option("--db", args->db, kDbHelp)->capture_default_str();
  migrate->add_option("--format", args->format, "jsonl (default) or text")
      ->check(CLI::IsMember({"jsonl", "text"}));
  migrate->callback([args] {
    store::Store db = OpenStore(args->db);
    if (Status s = store::Migrate(db, AllMigrations()); !s.ok())
      Fail(kExitBadInput, s.error().message + " (nothing was changed)");
    PrintStatus(db, args->format);
  });

  CLI::App* status = db->add_subcommand(
      "status", "Each domain's applied and pending schema versions (JSON Lines)");
  status->add_option("--db", args->db, kDbHelp)->capture_default_str();
  status->add_option("--format", args->format, "jsonl (default) or text")
      ->check(CLI::IsMember({"jsonl", "text"}));
  status->callback([args] {
    Result<store::Store> db = store::OpenExisting(args->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    PrintStatus(*db, args->format);
  });
}

}  // namespace wk::cli
