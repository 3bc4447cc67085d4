// `watchkeeper simulate --seed N --vessels N --days N --out DIR [noise options]`.
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "sim/sim.h"

namespace wk::cli {

void AddSimulateCommand(CLI::App& app) {
  auto options = std::make_shared<sim::Options>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Write a deterministic synthetic AIS world (Korean peninsula, Russian Far "
                  "East) as NMEA with tag blocks, one file per day, plus vessels.jsonl and "
                  "ports.csv");
  cmd->add_option("--seed", options->seed, "Random seed (same seed, same bytes)")
      ->capture_default_str();
  cmd->add_option("--vessels", options->vessels, "Number of vessels")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--days", options->days, "Number of days")
      ->capture_default_str()
      ->check(CLI::Range(0, 3660));
  cmd->add_option("--out", options->out_dir, "Output directory")->required();
  cmd->add_option("--start", options->start_s, "Start time (Unix seconds, UTC)")
      ->capture_default_str();
  cmd->add_option("--drop", options->drop, "Fraction of messages the receiver loses")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.99));
  cmd->add_option("--corrupt", options->corrupt, "Fraction of lines with a bit error")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--jitter-m", options->position_jitter_m, "Position noise (metres, uniform)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10000.0));
  cmd->add_option("--time-jitter-s", options->time_jitter_s,
                  "Reception delay added to tag-block times (0..N s)")
      ->capture_default_str()
      ->check(CLI::Range(0, 60));
  cmd->add_flag("--irregular", options->irregular,
                "Irregular reporting: each interval scaled by 0.5..3");
  static const std::map<std::string, sim::Format> kFormats = {
      {"nmea", sim::Format::kNmea}, {"dma-csv", sim::Format::kDmaCsv},
      {"both", sim::Format::kBoth}};
  cmd->add_option("--format", options->format,
                  "nmea (ais-DAY.nmea), dma-csv (ais-DAY.csv, Danish Maritime Authority "
                  "layout) or both")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->capture_default_str();
  cmd->add_option("--interval", options->underway_interval_s,
                  "Seconds between class A positions under way")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--no-events{false}", options->plant_events,
                "Do not plant evasion events and near-misses (truth.jsonl then holds only "
                "port calls)");
  cmd->callback([options] {
    if (StderrIsTerminal())
      std::cerr << "watchkeeper: simulate: " << options->vessels << " vessels over " << options->days
                << " day(s) into " << options->out_dir << "...\n";
    auto summary = sim::Simulate(*options);
    if (!summary.ok()) Fail(kExitBadInput, summary.error().message);
    std::cout << sim::SummaryJson(*summary) << "\n";
  });
}

}  // namespace wk::cli
