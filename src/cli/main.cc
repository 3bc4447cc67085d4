#include <unistd.h>

#include <cstdio>
#include <exception>
#include <iostream>

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
