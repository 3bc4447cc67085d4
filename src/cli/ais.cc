#include "cli/commands.h"

namespace wk::cli {

void AddAisCommands(CLI::App& app) {}

}  // namespace wk::cli
