// watchkeeper report: a case's or a vessel's evidence report as one
// self-contained HTML file, and a PDF of it through headless Chromium.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/core.h"
#include "report/report.h"
#include "store/store.h"

namespace wk::cli {
namespace {

struct ReportArgs {
  std::string db = "watchkeeper.db", out, pdf, land, as;
  int64_t case_id = 0;
  int64_t mmsi = 0;
};

void Run(const ReportArgs& a) {
  if ((a.case_id > 0) == (a.mmsi > 0)) Fail(kExitUsage, "give one of --case ID or --vessel MMSI");
  if (a.mmsi > 999999999) Fail(kExitUsage, "--vessel: an MMSI has at most nine digits");
  if (a.out.empty() && !a.pdf.empty()) Fail(kExitUsage, "--pdf needs --out (the HTML it prints)");
  Result<store::Store> opened = store::OpenExisting(a.db);
  if (!opened.ok()) Fail(kExitBadInput, opened.error().message);
  store::Store& db = *opened;
  report::ReportOptions o;
  o.author = !a.as.empty() ? a.as : CliActor();
  o.land_geojson_path = a.land;
  if (o.land_geojson_path.empty()) {
    const std::string web = BuiltWebDir();
    if (!web.empty()) o.land_geojson_path = web + "/assets/land.json";
  } else if (!std::filesystem::exists(o.land_geojson_path)) {
    Fail(kExitBadInput, "--land " + a.land + ": no such file");
  }
  Result<report::Report> r = a.case_id > 0 ? report::BuildCaseReport(db, a.case_id, o)
                                           : report::BuildVesselReport(db, Mmsi{static_cast<uint32_t>(a.mmsi)}, o);
  if (!r.ok()) Fail(kExitBadInput, r.error().message);
  WriteOutput(a.out, report::RenderHtml(*r));
  if (!a.pdf.empty()) {
    if (Status s = report::WritePdf(a.out, a.pdf); !s.ok()) Fail(kExitBadInput, s.error().message);
  }
  if (!a.out.empty() && a.out != "-") {
    std::string line;
    JsonWriter w(line);
    w.BeginObject().Field("report", r->kind).Field("title", r->title).Field("html", a.out);
    if (!a.pdf.empty()) w.Field("pdf", a.pdf);
    w.Field("alerts", r->alerts.size()).Field("events", r->events.size()).Field("audit_rows", r->audit.size());
    w.Field("audit_head_seq", r->chain.head_seq).Field("audit_head_hash", r->chain.head_hash);
    w.Field("audit_intact", r->chain.intact).EndObject();
    WriteLine(line);
  }
}

}  // namespace

void AddReportCommand(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "An evidence report of a case or a vessel: one self-contained HTML file (SVG map), PDF through Chromium");
  cmd->add_option("--case", a->case_id, "the case to report on");
  cmd->add_option("--vessel", a->mmsi, "the vessel (MMSI) to report on");
  cmd->add_option("--out", a->out, "the HTML file to write (default: stdout)");
  cmd->add_option("--pdf", a->pdf, "also print it to this PDF with headless Chromium");
  cmd->add_option("--land", a->land, "Natural Earth land GeoJSON for the map (default: the built desk's)");
  cmd->add_option("--as", a->as, "who exports it, as the report names them (default cli:$USER)");
  cmd->add_option("--db", a->db, kDbHelp);
  cmd->callback([a] { Run(*a); });
}

}  // namespace wk::cli
