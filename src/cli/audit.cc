// watchkeeper audit verify|export
#include <memory>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"

namespace wk::cli {

void AddAuditCommands(CLI::App& app) {
  CLI::App* area = AddArea(app, "audit",
                           "The audit trail: every change to alerts, cases and accounts, hash-chained "
                           "(docs/cases.md)");

  struct VerifyArgs {
    std::string db = std::string(store::kDefaultUrl), expect_head, format = "jsonl";
  };
  auto verify = std::make_shared<VerifyArgs>();
  CLI::App* verify_cmd = area->add_subcommand(
      "verify", "Recompute the chain; exit 0 when intact, 1 naming the first row edited, inserted or deleted");
  verify_cmd->add_option("--db", verify->db, kDbHelp);
  verify_cmd->add_option("--expect-head", verify->expect_head,
                         "a head hash written down earlier: some row of the chain must still carry it");
  verify_cmd->add_option("--format", verify->format, "jsonl (default) or text");
  verify_cmd->callback([verify] {
    RequireChoice("--format", verify->format, {"jsonl", "text"});
    Result<store::Store> db = store::OpenExisting(verify->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<alerts::AuditCheck> c = alerts::VerifyAudit(*db, verify->expect_head);
    if (!c.ok()) Fail(c.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitBadInput, c.error().message);
    std::string out;
    if (verify->format == "text") {
      out = c->intact ? "intact: " : "BROKEN: ";
      out += std::to_string(c->rows) + " rows; head " + std::to_string(c->head_seq) + " " + c->head_hash + "\n";
      if (c->expected_seq) out += "the expected hash is row " + std::to_string(c->expected_seq) + "'s\n";
      if (!c->intact) out += "row " + std::to_string(c->bad_seq) + ": " + c->problem + "\n";
    } else {
      alerts::AppendAuditCheckJson(out, *c);
      out += '\n';
    }
    WriteOut(out);
    if (!c->intact) Fail(kExitBadInput, "audit chain broken at row " + std::to_string(c->bad_seq) + ": " + c->problem);
  });

  struct ExportArgs {
    std::string db = std::string(store::kDefaultUrl), from, to, format = "jsonl", out, subject, actor;
  };
  auto exp = std::make_shared<ExportArgs>();
  CLI::App* export_cmd = area->add_subcommand("export", "Print the audit rows in [--from, --to), in order");
  export_cmd->add_option("--db", exp->db, kDbHelp);
  export_cmd->add_option("--from", exp->from, "rows at or after this time (ISO 8601, UTC)");
  export_cmd->add_option("--to", exp->to, "rows before this time");
  export_cmd->add_option("--format", exp->format, "jsonl (default) or csv");
  export_cmd->add_option("--subject", exp->subject, "only rows about this subject (case:12, alert:7, account:alice)");
  export_cmd->add_option("--actor", exp->actor, "only rows by this actor");
  export_cmd->add_option("--out", exp->out, "write to this file instead of stdout");
  export_cmd->callback([exp] {
    RequireChoice("--format", exp->format, {"jsonl", "csv"});
    alerts::AuditQuery query;
    if (!exp->from.empty()) query.from_s = ParseTimeOption(exp->from, "--from");
    if (!exp->to.empty()) query.to_s = ParseTimeOption(exp->to, "--to");
    if (!exp->from.empty() && !exp->to.empty() && query.from_s >= query.to_s)
      Fail(kExitUsage, "--from " + exp->from + " is not before --to " + exp->to);
    query.subject = exp->subject;
    query.actor = exp->actor;
    Result<store::Store> db = store::OpenExisting(exp->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<std::vector<alerts::AuditRecord>> rows = alerts::ReadAudit(*db, query);
    if (!rows.ok()) Fail(kExitBadInput, rows.error().message);
    std::string out;
    if (exp->format == "csv") out = alerts::kAuditCsvHeader;
    for (const alerts::AuditRecord& r : *rows) {
      if (exp->format == "csv") {
        alerts::AppendAuditCsv(out, r);
      } else {
        alerts::AppendAuditJson(out, r);
        out += '\n';
      }
    }
    WriteOutput(exp->out, out);
  });
}

}  // namespace wk::cli
