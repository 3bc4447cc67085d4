#include "cli/commands.h"

namespace wk::cli {

void AddCouncilCommands(CLI::App& app) {}

}  // namespace wk::cli
