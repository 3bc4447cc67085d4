#include "cli/commands.h"

namespace wk::cli {

void AddSimulateCommand(CLI::App& app) {}

}  // namespace wk::cli
