#include <cstdio>

#include "ais/ais.h"
#include "cli/commands.h"

namespace wk::cli {

void AddAisCommands(CLI::App& app) {
  CLI::App* ais = app.add_subcommand("ais", "AIS: decode NMEA and AIS CSV exports");
  ais->require_subcommand(1);
  CLI::App* decode = ais->add_subcommand(
      "decode",
      "Decode AIS NMEA (tag blocks, multi-part, receiver prefixes/suffixes), Danish Maritime "
      "Authority CSV or NOAA MarineCadastre CSV; JSON Lines with gpsd's field names by default");
  struct Args {
    std::string format = "jsonl";
    bool stats = false;
    bool strict = false;
    int threads = 0;
    std::vector<std::string> files;
  };
  auto args = std::make_shared<Args>();
  decode->add_option("--format", args->format, "jsonl (default), csv or none")
      ->check(CLI::IsMember({"jsonl", "csv", "none"}));
  decode->add_flag("--stats", args->stats,
                   "print counts on stderr: lines, sentences, messages by type, bad checksums, "
                   "malformed lines, incomplete multi-part messages");
  decode->add_flag("--strict", args->strict,
                   "stop at the first bad line with FILE:LINE: reason (exit status 1)");
  decode->add_option("--threads", args->threads,
                     "threads for NMEA to jsonl/none: 0 (default) uses a second thread when a core is "
                     "idle; 1 or 2 force it. Output order is kept")
      ->check(CLI::Range(0, 64));
  decode->add_option("files", args->files, "input files, '-' for stdin (default)");
  decode->callback([args] {
    ais::DecodeOptions options;
    options.format = args->format == "csv"    ? ais::OutputFormat::kCsv
                     : args->format == "none" ? ais::OutputFormat::kNone
                                              : ais::OutputFormat::kJsonl;
    options.strict = args->strict;
    options.threads = args->threads;
    std::vector<std::string> files = args->files;
    if (files.empty()) files.push_back("-");
    ais::DecodeStats stats;
    Status s = ais::DecodeFiles(files, options, stdout, &stats);
    if (args->stats) ais::PrintStats(stats, stderr);
    if (!s.ok()) Fail(kExitBadInput, s.error().message);
  });
}

}  // namespace wk::cli
