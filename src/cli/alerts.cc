// watchkeeper alerts run|list|show|status|rules
#include <memory>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "detect/detect.h"
#include "store/store.h"

namespace wk::cli {
namespace {

void RunAlerts(const std::string& db_url, const std::string& since, const std::string& ports_file,
               const std::string& config_file, const std::vector<std::string>& list_files,
               const std::string& actor) {
  alerts::StoreRun run;
  run.actor = actor;
  if (!config_file.empty()) {
    Result<detect::Config> c = detect::LoadConfig(config_file);
    if (!c.ok()) Fail(kExitBadInput, c.error().message);
    run.detect = *c;
    Result<alerts::RuleConfig> r = alerts::LoadRuleConfig(config_file);
    if (!r.ok()) Fail(kExitBadInput, r.error().message);
    run.rules = *r;
  }
  if (!ports_file.empty()) {
    Result<detect::PortTable> p = detect::LoadPortsCsv(ports_file);
    if (!p.ok()) Fail(kExitBadInput, p.error().message);
    run.ports = std::move(p).value();
  }
  if (!since.empty()) run.window.from_s = ParseTimeOption(since, "--since");
  alerts::ListIndex files;
  if (!list_files.empty()) {
    Result<alerts::ListIndex> i = alerts::LoadListIndex(list_files);
    if (!i.ok()) Fail(kExitBadInput, i.error().message);
    files = std::move(i).value();
    run.lists = &files;
  }
  Result<store::Store> opened = store::OpenExisting(db_url);
  if (!opened.ok()) Fail(kExitBadInput, opened.error().message + " (create it with watchkeeper ingest)");
  Result<alerts::RunSummary> sum = alerts::RunAlertsOnStore(*opened, run);
  if (!sum.ok()) Fail(kExitBadInput, sum.error().message);
  std::string out;
  alerts::AppendRunSummaryJson(out, *sum);
  WriteLine(out);
}

}  // namespace

void AddAlertsCommands(CLI::App& app) {
  CLI::App* area = AddArea(app, "alerts",
                           "Alerts: detect's events joined with the listings of the vessels in them and the "
                           "measures in force that day (docs/alerts.md)");

  struct RunArgs {
    std::string db = "watchkeeper.db", since, ports, config, actor = CliActor();
    std::vector<std::string> lists;
  };
  auto run = std::make_shared<RunArgs>();
  CLI::App* run_cmd = area->add_subcommand(
      "run", "Derive alerts from the store's tracks (ingest) and lists (lists import), and store them: a new "
             "event joins the open alert of its rule and vessels");
  run_cmd->add_option("--db", run->db, kDbHelp);
  run_cmd->add_option("--since", run->since, "only tracks from this time (ISO 8601, UTC)");
  run_cmd->add_option("--ports", run->ports, "ports CSV (default: the built-in table)");
  run_cmd->add_option("--config", run->config, "thresholds file: detect's keys and alerts.* keys");
  run_cmd->add_option("--lists", run->lists, "list files to use instead of the store's current lists");
  run_cmd->add_option("--as", run->actor, "who runs it, for the audit trail (default cli:$USER)");
  run_cmd->callback([run] { RunAlerts(run->db, run->since, run->ports, run->config, run->lists, run->actor); });

  struct ListArgs {
    std::string db = "watchkeeper.db", rule, status, severity, since, changed_since, bbox, format = "jsonl";
    int64_t mmsi = 0, limit = 1000;
  };
  auto list = std::make_shared<ListArgs>();
  CLI::App* list_cmd = area->add_subcommand("list", "List stored alerts");
  list_cmd->add_option("--db", list->db, kDbHelp);
  list_cmd->add_option("--rule", list->rule, "only this rule (see alerts rules)");
  list_cmd->add_option("--status", list->status, "open, acknowledged or closed");
  list_cmd->add_option("--severity", list->severity, "at least this severity: low, medium, high, critical");
  list_cmd->add_option("--mmsi", list->mmsi, "only alerts about this vessel");
  list_cmd->add_option("--since", list->since, "only alerts ending at or after this time");
  list_cmd->add_option("--changed-since", list->changed_since, "only alerts changed at or after this time");
  list_cmd->add_option("--bbox", list->bbox, "min_lon,min_lat,max_lon,max_lat: an event inside");
  list_cmd->add_option("--limit", list->limit, "at most this many (default 1000)");
  list_cmd->add_option("--format", list->format, "jsonl (default) or text");
  list_cmd->callback([list] {
    RequireChoice("--format", list->format, {"jsonl", "text"});
    alerts::AlertFilter f;
    if (!list->rule.empty()) {
      f.rule = alerts::ParseRule(list->rule);
      if (!f.rule) Fail(kExitUsage, "--rule: unknown rule '" + list->rule + "' (see watchkeeper alerts rules)");
    }
    if (!list->status.empty()) {
      RequireChoice("--status", list->status, {"open", "acknowledged", "closed"});
      f.status = list->status;
    }
    if (!list->severity.empty()) {
      f.min_severity = alerts::ParseSeverity(list->severity);
      if (!f.min_severity) Fail(kExitUsage, "--severity must be low, medium, high or critical");
    }
    if (list->mmsi) f.mmsi = Mmsi{static_cast<uint32_t>(list->mmsi)};
    if (!list->since.empty()) f.since_s = ParseTimeOption(list->since, "--since");
    if (!list->changed_since.empty()) f.changed_since_s = ParseTimeOption(list->changed_since, "--changed-since");
    if (!list->bbox.empty()) {
      const std::vector<std::string> parts = SplitList(list->bbox, ',');
      std::array<double, 4> b{};
      bool ok = parts.size() == 4;
      for (size_t i = 0; ok && i < 4; ++i) {
        char* end = nullptr;
        b[i] = std::strtod(parts[i].c_str(), &end);
        ok = end && *end == '\0' && std::isfinite(b[i]);
      }
      if (!ok || b[0] > b[2] || b[1] > b[3]) Fail(kExitUsage, "--bbox must be min_lon,min_lat,max_lon,max_lat");
      f.bbox = b;
    }
    if (list->limit < 1) Fail(kExitUsage, "--limit must be at least 1");
    f.limit = list->limit;
    Result<store::Store> db = store::OpenExisting(list->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<std::vector<alerts::Alert>> found = alerts::ListAlerts(*db, f);
    if (!found.ok()) Fail(kExitBadInput, found.error().message);
    std::string out;
    for (const alerts::Alert& a : *found) {
      if (list->format == "text") {
        alerts::AppendAlertText(out, a);
      } else {
        alerts::AppendAlertJson(out, a);
        out += '\n';
      }
    }
    WriteOut(out);
  });

  struct ShowArgs {
    std::string db = "watchkeeper.db", format = "jsonl";
    int64_t id = 0;
  };
  auto show = std::make_shared<ShowArgs>();
  CLI::App* show_cmd = area->add_subcommand("show", "Print one alert");
  show_cmd->add_option("id", show->id, "alert id")->required();
  show_cmd->add_option("--db", show->db, kDbHelp);
  show_cmd->add_option("--format", show->format, "jsonl (default) or text");
  show_cmd->callback([show] {
    RequireChoice("--format", show->format, {"jsonl", "text"});
    Result<store::Store> db = store::OpenExisting(show->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<alerts::Alert> a = alerts::GetAlert(*db, show->id);
    if (!a.ok()) Fail(kExitBadInput, a.error().message);
    std::string out;
    if (show->format == "text") {
      alerts::AppendAlertText(out, *a);
      for (const alerts::AlertMeasure& m : a->measures)
        out += "  measure " + m.id + " (" + m.resolution + (m.paragraph.empty() ? "" : " para " + m.paragraph) +
               "): " + m.why + "\n";
      for (const alerts::AlertEvent& e : a->events) out += "  event " + e.source + "\n";
    } else {
      alerts::AppendAlertJson(out, *a);
      out += '\n';
    }
    WriteOut(out);
  });

  struct StatusArgs {
    std::string db = "watchkeeper.db", status, actor = CliActor();
    int64_t id = 0;
  };
  auto status = std::make_shared<StatusArgs>();
  CLI::App* status_cmd = area->add_subcommand("status", "Set an alert's status: open, acknowledged or closed");
  status_cmd->add_option("id", status->id, "alert id")->required();
  status_cmd->add_option("status", status->status, "open, acknowledged or closed")->required();
  status_cmd->add_option("--db", status->db, kDbHelp);
  status_cmd->add_option("--as", status->actor, "who changes it, for the audit trail (default cli:$USER)");
  status_cmd->callback([status] {
    RequireChoice("status", status->status, {"open", "acknowledged", "closed"});
    Result<store::Store> db = store::OpenExisting(status->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<alerts::Alert> a = alerts::SetAlertStatus(*db, status->actor, status->id, status->status);
    if (!a.ok()) Fail(kExitBadInput, a.error().message);
    std::string out;
    alerts::AppendAlertJson(out, *a);
    WriteLine(out);
  });

  CLI::App* rules_cmd = area->add_subcommand("rules", "Print the rules' thresholds as a config file");
  rules_cmd->callback([] { WriteOut(alerts::FormatRuleConfig(alerts::RuleConfig{})); });
}

}  // namespace wk::cli
