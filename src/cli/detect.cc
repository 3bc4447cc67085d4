#include "cli/commands.h"

namespace wk::cli {

void AddDetectCommands(CLI::App& app) {}

}  // namespace wk::cli
