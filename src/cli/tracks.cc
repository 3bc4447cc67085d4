// `watchkeeper ingest FILE... [--db URL]` and `watchkeeper vessel MMSI [--db URL]`.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::cli {

void AddTrackCommands(CLI::App& app) {
  struct IngestArgs {
    std::vector<std::string> files;
    std::string db = std::string(store::kDefaultUrl);
  };
  auto ingest_args = std::make_shared<IngestArgs>();
  CLI::App* ingest = app.add_subcommand(
      "ingest", "Store positions and static reports from NMEA or AIS CSV files as per-vessel "
                "tracks (one transaction; re-ingesting a file adds nothing)");
  ingest->add_option("files", ingest_args->files, "NMEA or AIS CSV files ('-' for stdin)")
      ->required();
  ingest->add_option("--db", ingest_args->db, kDbHelp)->capture_default_str();
  ingest->callback([ingest_args] {
    store::Store db = OpenStore(ingest_args->db);
    tracks::IngestOptions options;
    if (StderrIsTerminal()) options.progress = stderr;
    auto summary = tracks::Ingest(db, ingest_args->files, options);
    if (!summary.ok()) {
      Fail(kExitBadInput, summary.error().message + " (nothing was stored)");
    }
    WriteLine(tracks::IngestSummaryJson(*summary));
  });

  struct VesselArgs {
    uint32_t mmsi = 0;
    std::string db = std::string(store::kDefaultUrl);
    std::string format = "jsonl";
  };
  auto vessel_args = std::make_shared<VesselArgs>();
  CLI::App* vessel = app.add_subcommand(
      "vessel", "What the store knows of a vessel: first/last seen, positions, bounding box, "
                "every name, IMO, call sign and ship type it broadcast");
  vessel->add_option("mmsi", vessel_args->mmsi, "MMSI (nine digits)")->required();
  vessel->add_option("--db", vessel_args->db, kDbHelp)->capture_default_str();
  vessel->add_option("--format", vessel_args->format, "jsonl (default) or text");
  vessel->callback([vessel_args] {
    RequireChoice("--format", vessel_args->format, {"jsonl", "text"});
    store::Store db = OpenStoreToRead(vessel_args->db, tracks::Migrations(), "tracks");
    auto v = tracks::LoadVessel(db, Mmsi{vessel_args->mmsi});
    if (!v.ok()) Fail(kExitBadInput, v.error().message);
    // Its listings by MMSI and broadcast IMO join the vessel's object.
    Result<std::vector<alerts::Listing>> listings = alerts::VesselListings(db, *v);
    if (!listings.ok()) Fail(kExitBadInput, listings.error().message);
    std::string line = tracks::VesselJson(*v);
    line.pop_back();  // its closing brace
    line += ",\"listings\":";
    alerts::AppendListingsJson(line, *listings);
    line += "}\n";
    WriteOut(vessel_args->format == "text" ? JsonLinesAsText(line) : line);
  });
}

}  // namespace wk::cli
