// watchkeeper cap ledger: refined-petroleum deliveries to the DPRK seen in AIS
// against the cap of resolution 2397 para 5 (docs/cap-ledger.md).
#include <memory>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "council/council.h"
#include "detect/detect.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::cli {

void AddCapCommands(CLI::App& app) {
  CLI::App* area = AddArea(app, "cap",
                           "Caps of the regime counted from AIS: the refined-petroleum ledger (docs/cap-ledger.md)");
  struct Args {
    std::vector<std::string> files;
    std::string db, particulars, config, ports, format = "jsonl";
    int year = 0;
    bool print_config = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = area->add_subcommand(
      "ledger",
      "Deliveries of refined petroleum to the DPRK (a tanker reaching a DPRK port after loading at an oil "
      "terminal or from another tanker at sea), each with its evidence and barrels under lading scenarios, "
      "and the year against the 500,000-barrel cap and the figures notified to the 1718 Committee");
  cmd->add_option("files", args->files, "NMEA or AIS CSV files ('-' for stdin)");
  cmd->add_option("--db", args->db, std::string(kDbHelp) + " (when no FILE is given)");
  cmd->add_option("--year", args->year, "the cap year (1 January to 31 December, UTC)");
  cmd->add_option("--particulars", args->particulars, "vessel particulars CSV: imo,deadweight_t,type,built[,name]");
  cmd->add_option("--config", args->config, "ledger.* constants and detect's thresholds (see --print-config)");
  cmd->add_option("--ports", args->ports, "ports CSV (default: the built-in table); oil terminals it lacks are added");
  cmd->add_option("--format", args->format, "jsonl (default), csv or text");
  cmd->add_flag("--print-config", args->print_config, "print the ledger's constants in force as a config file and exit");
  cmd->callback([args] {
    RequireChoice("--format", args->format, {"jsonl", "csv", "text"});
    alerts::LedgerConfig config;
    if (!args->config.empty()) {
      Result<alerts::LedgerConfig> c = alerts::LoadLedgerConfig(args->config);
      if (!c.ok()) Fail(kExitBadInput, c.error().message);
      config = std::move(c).value();
    }
    if (args->print_config) {
      WriteOut(alerts::FormatLedgerConfig(config));
      return;
    }
    if (args->year < 2018 || args->year > 2100)
      Fail(kExitUsage, "--year must be a cap year from 2018 (the cap applies from 1 January 2018)");
    if (!args->files.empty() && !args->db.empty()) Fail(kExitUsage, "give FILEs or --db, not both");
    detect::PortTable ports = detect::PortTable::BuiltIn();
    if (!args->ports.empty()) {
      Result<detect::PortTable> p = detect::LoadPortsCsv(args->ports);
      if (!p.ok()) Fail(kExitBadInput, p.error().message);
      ports = std::move(p).value();
    }
    ports = alerts::WithTerminals(ports, config);
    std::vector<alerts::Particulars> particulars;
    if (!args->particulars.empty()) {
      Result<std::vector<alerts::Particulars>> p = alerts::LoadParticulars(args->particulars);
      if (!p.ok()) Fail(kExitBadInput, p.error().message);
      particulars = std::move(p).value();
    }
    // The year, the loads up to a window before it, and calls running past its end.
    tracks::TimeWindow window;
    const int64_t year_start = DaysFromCivil(args->year, 1, 1) * 86400;
    window.from_s = year_start - config.window_s - 30 * 86400;
    window.to_s = DaysFromCivil(args->year + 1, 1, 1) * 86400 + 30 * 86400;
    Result<tracks::Traffic> traffic = MakeError(ErrorCode::kInvalidInput, "");
    if (!args->db.empty()) {
      Result<store::Store> db = store::OpenExisting(args->db);
      if (!db.ok()) Fail(kExitBadInput, db.error().message + " (create it with watchkeeper ingest)");
      traffic = tracks::LoadTraffic(*db, window);
    } else {
      if (args->files.empty()) args->files.push_back("-");
      traffic = tracks::ReadTraffic(args->files, window);
    }
    if (!traffic.ok()) Fail(kExitBadInput, traffic.error().message);
    const detect::Events events = detect::DetectAll(traffic->tracks, traffic->statics, ports, config.detect);
    const alerts::LedgerInputs in{*traffic, events, ports, particulars, council::DefaultRegime()};
    Result<alerts::Ledger> ledger = alerts::BuildLedger(in, config, args->year);
    if (!ledger.ok()) Fail(kExitBadInput, ledger.error().message);
    std::string out;
    if (args->format == "csv") alerts::AppendLedgerCsv(*ledger, out);
    else if (args->format == "text") alerts::AppendLedgerText(*ledger, out);
    else alerts::AppendLedgerJsonLines(*ledger, out);
    WriteOut(out);
  });
}

}  // namespace wk::cli
