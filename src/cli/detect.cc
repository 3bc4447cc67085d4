#include <cstdio>
#include <filesystem>
#include <memory>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "detect/detect.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::cli {
namespace {

detect::PortTable LoadPorts(const std::string& path) {
  if (path.empty()) return detect::PortTable::BuiltIn();
  Result<detect::PortTable> ports = detect::LoadPortsCsv(path);
  if (!ports.ok()) Fail(kExitBadInput, ports.error().message);
  return std::move(ports).value();
}

}  // namespace

void AddDetectCommands(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "detect",
      "Find evasion events in AIS: port calls, encounters at sea, dark gaps (with the high-risk "
      "ports reachable during them), loitering, identity manipulation and DPRK port sequences. "
      "Defaults are Global Fishing Watch's published rules (docs/detect.md)");
  struct Args {
    std::vector<std::string> files;
    std::string db, ports, config, from, to, format = "jsonl";
    std::vector<std::string> lists;
    bool stats = false, print_config = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("files", args->files, "NMEA or AIS CSV files ('-' for stdin)");
  cmd->add_option("--db", args->db,
                  "read tracks from this store (a SQLite file or store URL) when no FILE is given");
  cmd->add_option("--ports", args->ports,
                  "ports CSV: locode,name,lat,lon,radius_km[,risk] (default: the built-in table)");
  cmd->add_option("--lists", args->lists, "sanctions list files: report listed vessels");
  cmd->add_option("--config", args->config, "thresholds file (see --print-config)");
  cmd->add_option("--from", args->from, "only reports at or after this time (ISO 8601, UTC)");
  cmd->add_option("--to", args->to, "only reports before this time (ISO 8601, UTC)");
  cmd->add_option("--format", args->format, "jsonl (default), geojson or csv")
      ->check(CLI::IsMember({"jsonl", "geojson", "csv"}));
  cmd->add_flag("--stats", args->stats, "print input counts and events per type on stderr");
  cmd->add_flag("--print-config", args->print_config,
                "print the thresholds in force (defaults, or --config) as a config file and exit");
  cmd->callback([args] {
    detect::Config config;
    if (!args->config.empty()) {
      Result<detect::Config> c = detect::LoadConfig(args->config);
      if (!c.ok()) Fail(kExitBadInput, c.error().message);
      config = *c;
    }
    if (args->print_config) {
      WriteOut(detect::FormatConfig(config));
      return;
    }
    tracks::TimeWindow window;
    if (!args->from.empty()) window.from_s = ParseTimeOption(args->from, "--from");
    if (!args->to.empty()) window.to_s = ParseTimeOption(args->to, "--to");
    if (!args->from.empty() && !args->to.empty() && window.from_s >= window.to_s)
      Fail(kExitUsage, "--from " + args->from + " is not before --to " + args->to);
    const detect::PortTable ports = LoadPorts(args->ports);

    std::unique_ptr<alerts::ListIndex> lists;
    if (!args->lists.empty()) {
      Result<alerts::ListIndex> index = alerts::LoadListIndex(args->lists);
      if (!index.ok()) Fail(kExitBadInput, index.error().message);
      lists = std::make_unique<alerts::ListIndex>(std::move(index).value());
    }

    tracks::ReadStats in_stats;
    auto read = [&]() -> Result<tracks::Traffic> {
      if (args->files.empty() && !args->db.empty()) {
        Result<store::Store> exists = store::OpenExisting(args->db);
        if (!exists.ok() && exists.error().code == ErrorCode::kNotFound)
          Fail(kExitBadInput, exists.error().message + " (create it with watchkeeper ingest)");
        if (!exists.ok()) return exists.error();
        store::Store db = OpenStoreToRead(args->db, tracks::Migrations(), "tracks");
        return tracks::LoadTraffic(db, window, &in_stats);
      }
      if (args->files.empty()) args->files.push_back("-");
      return tracks::ReadTraffic(args->files, window, &in_stats);
    };
    const bool progress = StderrIsTerminal();
    if (progress) std::fprintf(stderr, "watchkeeper: detect: reading...\n");
    const Result<tracks::Traffic> traffic = read();
    if (!traffic.ok()) Fail(kExitBadInput, traffic.error().message);
    const tracks::TrackSet& tracks = traffic->tracks;
    const tracks::TrackStats& track_stats = in_stats.tracks;
    if (progress)
      std::fprintf(stderr, "watchkeeper: detect: %zu positions of %zu vessels read; detecting...\n",
                   track_stats.kept, tracks.size());
    const detect::Events events = detect::DetectAll(tracks, traffic->statics, ports, config);
    std::vector<alerts::ListedVessel> listed;
    if (lists) listed = alerts::FindListedVessels(tracks, traffic->statics, *lists);
    if (progress)
      std::fprintf(stderr, "watchkeeper: detect: %zu events\n", events.size() + listed.size());

    // Listed vessels print among detect's events, in one order.
    std::vector<detect::EventRow> rows = detect::EventRows(events, ports);
    alerts::AppendEventRows(listed, rows);
    std::string out;
    if (args->format == "geojson") detect::AppendGeoJson(rows, tracks, out);
    else if (args->format == "csv") detect::AppendCsv(rows, out);
    else detect::AppendJsonLines(rows, out);
    WriteOut(out);

    if (args->stats) {
      std::fprintf(stderr,
                   "positions %zu, static reports %zu, without time %zu, outside --from/--to %zu, "
                   "not vessels %zu\n"
                   "tracks %zu, positions kept %zu, invalid positions %zu, duplicates %zu\n"
                   "events %zu: port_call %zu, encounter %zu, gap %zu, loitering %zu, identity %zu, "
                   "port_sequence %zu\n",
                   in_stats.positions, in_stats.statics, in_stats.without_time,
                   in_stats.outside_window, in_stats.not_vessels, tracks.size(), track_stats.kept,
                   track_stats.invalid_position, track_stats.duplicates,
                   events.size() + listed.size(), events.port_calls.size(),
                   events.encounters.size(), events.gaps.size(), events.loitering.size(),
                   events.identities() + listed.size(), events.port_sequences.size());
    } else if (in_stats.without_time > 0 && in_stats.positions == 0) {
      std::fprintf(stderr,
                   "watchkeeper: %zu reports had no time (NMEA without tag blocks) and were "
                   "skipped: detection needs timestamps\n",
                   in_stats.without_time);
    }
  });

  CLI::App* ports_cmd = app.add_subcommand("ports", "Port tables for detect --ports");
  ports_cmd->require_subcommand(1);
  CLI::App* import = ports_cmd->add_subcommand(
      "import",
      "Convert the NGA World Port Index CSV or a UN/LOCODE code list CSV into a ports CSV "
      "(locode,name,lat,lon,radius_km,risk,country) for detect --ports");
  struct ImportArgs {
    std::string file, output;
  };
  auto iargs = std::make_shared<ImportArgs>();
  import->add_option("file", iargs->file, "WPI.csv or UN/LOCODE code-list.csv")->required();
  import->add_option("-o,--output", iargs->output, "write here instead of stdout");
  import->callback([iargs] {
    // The World Port Index CSV is ~3 MB; UN/LOCODE's code list ~40 MB.
    const Result<std::string> text = ReadFile(iargs->file, size_t{256} << 20);
    if (!text.ok()) Fail(kExitBadInput, text.error().message);
    detect::PortImportStats stats;
    Result<detect::PortTable> t = detect::ImportPorts(*text, iargs->file, &stats);
    if (!t.ok()) Fail(kExitBadInput, t.error().message);
    const std::string csv = detect::FormatPortsCsv(*t);
    WriteOutput(iargs->output, csv);
    std::fprintf(stderr, "ports: %zu rows, %zu imported, %zu without a code or country, %zu bad positions\n",
                 stats.rows, stats.imported, stats.skipped_no_locode, stats.skipped_bad_position);
  });
  CLI::App* show = ports_cmd->add_subcommand("show", "Print the built-in port table (or --ports FILE) as CSV");
  auto show_ports = std::make_shared<std::string>();
  show->add_option("--ports", *show_ports, "a ports CSV to check and print");
  show->callback([show_ports] { WriteOut(detect::FormatPortsCsv(LoadPorts(*show_ports))); });
}

}  // namespace wk::cli
