#include <unistd.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.h"

namespace wk::cli {

void Fail(int status, const std::string& message) {
  std::fflush(stdout);
  std::cerr << "watchkeeper: " << message << "\n";
  Exit(status);
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace wk::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"Watchkeeper: open sanctions monitoring (AIS, lists, Council)", "watchkeeper"};
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  wk::cli::AddAisCommands(app);
  wk::cli::AddTrackCommands(app);
  wk::cli::AddSimulateCommand(app);
  wk::cli::AddDetectCommands(app);
  wk::cli::AddListsCommands(app);
  wk::cli::AddScreenCommand(app);
  wk::cli::AddCouncilCommands(app);
  wk::cli::AddDbCommands(app);
  wk::cli::AddAlertsCommands(app);
  wk::cli::AddServeCommand(app);
  wk::cli::AddUsersCommands(app);
  wk::cli::AddCasesCommands(app);
  wk::cli::AddAuditCommands(app);
  wk::cli::AddCapCommands(app);
  wk::cli::AddReportCommand(app);
  app.set_version_flag("--version", std::string("watchkeeper ") + WK_VERSION);
  // `watchkeeper bogus`: name the unknown command and the known ones.
  if (argc >= 2 && argv[1][0] != '-') {
    std::string known;
    bool found = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      found |= sub->check_name(argv[1]);
      known += (known.empty() ? "" : ", ") + sub->get_name();
    }
    if (!found) {
      std::cerr << "watchkeeper: unknown command '" << argv[1] << "' (commands: " << known
                << "; watchkeeper --help)\n";
      return wk::cli::kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    std::fflush(stdout);
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? 0 : wk::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::cerr << "watchkeeper: error: " << e.what() << "\n";
    return wk::cli::kExitBadInput;
  }
  // Output still buffered is written now: a full disk or a closed pipe is an error.
  if (std::fflush(stdout) != 0) {
    std::cerr << "watchkeeper: cannot write the output\n";
    return wk::cli::kExitBadInput;
  }
  return 0;
}
