#include "cli/commands.h"

namespace wk::cli {

void AddTrackCommands(CLI::App& app) {}

}  // namespace wk::cli
