#include "cli/commands.h"

namespace wk::cli {

void AddScreenCommand(CLI::App& app) {}

}  // namespace wk::cli
