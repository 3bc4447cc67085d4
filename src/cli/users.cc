// watchkeeper users add|list|disable|passwd: option parsing over api's accounts.
#include <iostream>
#include <memory>

#include "api/api.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/core.h"
#include "store/store.h"

namespace wk::cli {

void AddUsersCommands(CLI::App& app) {
  CLI::App* area = AddArea(app, "users", "Accounts of the HTTP API: viewer, analyst or admin (docs/service.md)");
  struct Args {
    std::string db = "watchkeeper.db", name, role, format = "jsonl", cost = "interactive";
  };
  auto a = std::make_shared<Args>();

  CLI::App* add = area->add_subcommand("add", "Add an account; prints its API token once (keep it: only its hash is stored)");
  add->add_option("name", a->name, "account name: a-z, 0-9, '.', '_', '-'")->required();
  add->add_option("--role", a->role, "viewer, analyst or admin")->required();
  add->add_option("--db", a->db, kDbHelp);
  add->callback([a] {
    std::optional<api::Role> role = api::ParseRole(a->role);
    if (!role) Fail(kExitUsage, "--role must be viewer, analyst or admin");
    store::Store db = OpenStore(a->db);
    Result<api::NewAccount> made = api::AddAccount(db, CliActor(), a->name, *role);
    if (!made.ok()) Fail(kExitBadInput, made.error().message);
    std::string line;
    JsonWriter w(line);
    w.BeginObject().Field("name", made->account.name).Field("role", api::RoleName(made->account.role))
        .Field("token", made->token).EndObject();
    WriteLine(line);
    std::cerr << "watchkeeper: the token above is shown only this once: use it as 'Authorization: Bearer TOKEN'\n";
  });

  CLI::App* list = area->add_subcommand("list", "List the accounts (never their secrets)");
  list->add_option("--db", a->db, kDbHelp);
  list->add_option("--format", a->format, "jsonl (default) or text");
  list->callback([a] {
    RequireChoice("--format", a->format, {"jsonl", "text"});
    store::Store db = OpenStore(a->db);
    Result<std::vector<api::Account>> all = api::ListAccounts(db);
    if (!all.ok()) Fail(kExitBadInput, all.error().message);
    std::string out;
    for (const api::Account& acc : *all) {
      if (a->format == "text") {
        out += acc.name + "  " + std::string(api::RoleName(acc.role)) + (acc.disabled ? "  disabled" : "") +
               (acc.has_password ? "  password" : "") + "  created " + acc.created_at + "\n";
      } else {
        api::AppendAccountJson(out, acc);
        out += '\n';
      }
    }
    WriteOut(out);
  });

  CLI::App* disable = area->add_subcommand("disable", "Disable an account: its token and sessions stop working");
  disable->add_option("name", a->name, "account name")->required();
  disable->add_option("--db", a->db, kDbHelp);
  disable->callback([a] {
    store::Store db = OpenStore(a->db);
    Result<api::Account> acc = api::DisableAccount(db, CliActor(), a->name);
    if (!acc.ok()) Fail(kExitBadInput, acc.error().message);
    std::string line;
    api::AppendAccountJson(line, *acc);
    WriteLine(line);
  });

  CLI::App* passwd = area->add_subcommand("passwd", "Set an account's password, read from the first line of stdin");
  passwd->add_option("name", a->name, "account name")->required();
  passwd->add_option("--db", a->db, kDbHelp);
  passwd->add_option("--password-cost", a->cost, "Argon2id cost: interactive (default) or min (tests only)");
  passwd->callback([a] {
    RequireChoice("--password-cost", a->cost, {"interactive", "min"});
    std::string password;
    if (!std::getline(std::cin, password)) Fail(kExitBadInput, "no password on stdin");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    store::Store db = OpenStore(a->db);
    Result<api::Account> acc = api::SetPassword(
        db, CliActor(), a->name, password, a->cost == "min" ? api::PasswordCost::kMinimum : api::PasswordCost::kInteractive);
    if (!acc.ok()) Fail(kExitBadInput, acc.error().message);
    std::string line;
    api::AppendAccountJson(line, *acc);
    WriteLine(line);
  });
}

}  // namespace wk::cli
