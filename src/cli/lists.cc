#include "cli/commands.h"

namespace wk::cli {

void AddListsCommands(CLI::App& app) {}

}  // namespace wk::cli
