// The command line: `watchkeeper <area> <verb>`. Each area registers its
// subcommands in its own file; no domain logic lives here.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace wk::store {
class Store;
struct Migration;
}

namespace wk::cli {

// Exit statuses: 0 ok, 1 bad input, 2 usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitUsage = 2;

// Ends the running command with `status` (thrown to main, which returns it).
[[noreturn]] inline void Exit(int status) { throw CLI::RuntimeError(status); }

// Prints "watchkeeper: MESSAGE" on stderr and ends with `status`.
[[noreturn]] void Fail(int status, const std::string& message);

// True when stderr is a terminal, so progress may be drawn there.
bool StderrIsTerminal();

// Opens the store at `url` (--db: a SQLite path or sqlite:// / postgresql://
// URL) or ends with exit status 1 and the store's message (src/cli/db.cc).
store::Store OpenStore(const std::string& url);
// For commands that only read: opens the store at `url`, which must exist,
// and ends with status 1 unless every migration of `domain` (the tables the
// command reads) was applied, so that reading never writes: "PATH: no such
// store", "PATH holds no DOMAIN data (...)", "PATH needs `watchkeeper db
// migrate`". `what` names the data for the message ("lists", "tracks").
store::Store OpenStoreToRead(const std::string& url, const std::vector<store::Migration>& domain,
                             const std::string& what);
// The help text of every --db option.
inline constexpr const char* kDbHelp =
    "store: a SQLite file, sqlite:///path or postgresql://user@host:port/db";

void AddAisCommands(CLI::App& app);       // ais decode
void AddTrackCommands(CLI::App& app);     // ingest, vessel
void AddSimulateCommand(CLI::App& app);   // simulate
void AddDetectCommands(CLI::App& app);    // detect, ports import
void AddListsCommands(CLI::App& app);     // lists import|fetch|show|diff|stats
void AddScreenCommand(CLI::App& app);     // screen
void AddCouncilCommands(CLI::App& app);   // council vote|in-force|history|what-if
void AddDbCommands(CLI::App& app);       // db migrate|status
void AddAlertsCommands(CLI::App& app);    // alerts run|list|show|status|rules
void AddServeCommand(CLI::App& app);      // serve
void AddUsersCommands(CLI::App& app);     // users add|list|disable|passwd
void AddCasesCommands(CLI::App& app);     // cases create|list|show|assign|status|note|tag|close|propose|approve|...
void AddAuditCommands(CLI::App& app);     // audit verify|export
void AddCapCommands(CLI::App& app);       // cap ledger
void AddReportCommand(CLI::App& app);     // report --case ID | --vessel MMSI

}  // namespace wk::cli
