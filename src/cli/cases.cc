// watchkeeper cases create|list|show|assign|status|note|tag|untag|add-alert|close|propose|approve|reject
#include <functional>
#include <memory>

#include "alerts/alerts.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "store/store.h"

namespace wk::cli {
namespace {

// What every cases verb takes: the store, who acts and how to print.
struct Common {
  std::string db = std::string(store::kDefaultUrl);
  std::string actor = CliActor();
  std::string format = "jsonl";
  int64_t id = 0;
};

void AddDb(CLI::App* cmd, Common& c) { cmd->add_option("--db", c.db, kDbHelp); }
void AddActor(CLI::App* cmd, Common& c) {
  cmd->add_option("--as", c.actor, "who makes the change, for the audit trail and four-eyes (default cli:$USER)");
}
void AddFormat(CLI::App* cmd, Common& c) { cmd->add_option("--format", c.format, "jsonl (default) or text"); }
void AddId(CLI::App* cmd, Common& c) { cmd->add_option("id", c.id, "case id")->required(); }

void PrintCase(const alerts::Case& c, const std::string& format) {
  std::string out;
  if (format == "text") {
    alerts::AppendCaseText(out, c);
  } else {
    alerts::AppendCaseJson(out, c);
    out += '\n';
  }
  WriteOut(out);
}

// Opens the store, runs `change` and prints the case it returns. Only create
// makes a SQLite file that is not there; a change to a case needs the store
// the case is in (a mistyped --db is not silently a new, empty store).
using CaseChange = std::function<Result<alerts::Case>(store::Store&, const Common&)>;

void RunChange(const Common& common, const CaseChange& change, bool create_store = false) {
  RequireChoice("--format", common.format, {"jsonl", "text"});
  Result<store::Store> opened = create_store ? store::Open(common.db) : store::OpenExisting(common.db);
  if (!opened.ok()) Fail(kExitBadInput, opened.error().message);
  store::Store& db = *opened;
  Result<alerts::Case> c = change(db, common);
  if (!c.ok()) Fail(kExitBadInput, c.error().message);
  PrintCase(*c, common.format);
}

alerts::CaseOutcome OutcomeOption(const std::string& text, std::initializer_list<std::string_view> choices) {
  RequireChoice("--outcome", text, choices);
  return *alerts::ParseCaseOutcome(text);
}

// A verb that takes only the case id (and --db, --as, --format).
CLI::App* AddVerb(CLI::App* area, const std::string& name, const std::string& help,
                  const std::shared_ptr<Common>& common) {
  CLI::App* cmd = area->add_subcommand(name, help);
  AddId(cmd, *common);
  AddDb(cmd, *common);
  AddActor(cmd, *common);
  AddFormat(cmd, *common);
  return cmd;
}

}  // namespace

void AddCasesCommands(CLI::App& app) {
  CLI::App* area = AddArea(app, "cases",
                           "Cases: alerts grouped for review, open -> investigating -> closed, a confirmed outcome "
                           "approved by a second account; every change in the audit trail (docs/cases.md)");

  struct CreateArgs : Common {
    std::string title;
    std::vector<int64_t> alerts;
  };
  auto create = std::make_shared<CreateArgs>();
  CLI::App* create_cmd = area->add_subcommand("create", "Open a case, with the alerts it is about");
  create_cmd->add_option("--title", create->title, "what the case is about")->required();
  create_cmd->add_option("--alert", create->alerts, "an alert id (repeat for more)");
  AddDb(create_cmd, *create);
  AddActor(create_cmd, *create);
  AddFormat(create_cmd, *create);
  create_cmd->callback([create] {
    RunChange(*create, [create](store::Store& db, const Common& c) {
      return alerts::CreateCase(db, c.actor, create->title, create->alerts);
    }, /*create_store=*/true);
  });

  struct ListArgs : Common {
    std::string status, assignee, tag;
    int64_t alert = 0, limit = 1000;
  };
  auto list = std::make_shared<ListArgs>();
  CLI::App* list_cmd = area->add_subcommand("list", "List cases (one line each with --format text)");
  list_cmd->add_option("--status", list->status, "open, investigating or closed");
  list_cmd->add_option("--assignee", list->assignee, "only cases assigned to this account");
  list_cmd->add_option("--tag", list->tag, "only cases with this tag");
  list_cmd->add_option("--alert", list->alert, "only cases holding this alert");
  list_cmd->add_option("--limit", list->limit, "at most this many (default 1000)");
  AddDb(list_cmd, *list);
  AddFormat(list_cmd, *list);
  list_cmd->callback([list] {
    RequireChoice("--format", list->format, {"jsonl", "text"});
    alerts::CaseFilter f;
    if (!list->status.empty()) {
      RequireChoice("--status", list->status, {"open", "investigating", "closed"});
      f.status = alerts::ParseCaseStatus(list->status);
    }
    if (list->limit < 1) Fail(kExitUsage, "--limit must be at least 1");
    f.assignee = list->assignee;
    f.tag = list->tag;
    if (list->alert) f.alert_id = list->alert;
    f.limit = list->limit;
    Result<store::Store> db = store::OpenExisting(list->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<std::vector<alerts::Case>> found = alerts::ListCases(*db, f);
    if (!found.ok()) Fail(kExitBadInput, found.error().message);
    std::string out;
    for (const alerts::Case& c : *found) {
      if (list->format == "text") {
        std::string text;
        alerts::AppendCaseText(text, c);
        out.append(text, 0, text.find('\n') + 1);  // the first line
      } else {
        alerts::AppendCaseJson(out, c);
        out += '\n';
      }
    }
    WriteOut(out);
  });

  auto show = std::make_shared<Common>();
  CLI::App* show_cmd = area->add_subcommand("show", "Print one case with its notes");
  AddId(show_cmd, *show);
  AddDb(show_cmd, *show);
  AddFormat(show_cmd, *show);
  show_cmd->callback([show] {
    RequireChoice("--format", show->format, {"jsonl", "text"});
    Result<store::Store> db = store::OpenExisting(show->db);
    if (!db.ok()) Fail(kExitBadInput, db.error().message);
    Result<alerts::Case> c = alerts::GetCase(*db, show->id);
    if (!c.ok()) Fail(kExitBadInput, c.error().message);
    PrintCase(*c, show->format);
  });

  struct AssignArgs : Common {
    std::string user;
  };
  auto assign = std::make_shared<AssignArgs>();
  CLI::App* assign_cmd = AddVerb(area, "assign", "Assign a case to an account ('-' unassigns)", assign);
  assign_cmd->add_option("user", assign->user, "account name, or - for nobody")->required();
  assign_cmd->callback([assign] {
    RunChange(*assign, [assign](store::Store& db, const Common& c) {
      return alerts::AssignCase(db, c.actor, c.id, assign->user == "-" ? "" : assign->user);
    });
  });

  struct StatusArgs : Common {
    std::string status;
  };
  auto status = std::make_shared<StatusArgs>();
  CLI::App* status_cmd =
      AddVerb(area, "status", "Move a case: open <-> investigating; open reopens a closed case", status);
  status_cmd->add_option("status", status->status, "open, investigating or closed")->required();
  status_cmd->callback([status] {
    RequireChoice("status", status->status, {"open", "investigating", "closed"});
    RunChange(*status, [status](store::Store& db, const Common& c) {
      return alerts::SetCaseStatus(db, c.actor, c.id, *alerts::ParseCaseStatus(status->status));
    });
  });

  struct TextArgs : Common {
    std::string text;
  };
  auto note = std::make_shared<TextArgs>();
  CLI::App* note_cmd = AddVerb(area, "note", "Add a note to a case", note);
  note_cmd->add_option("text", note->text, "the note")->required();
  note_cmd->callback([note] {
    RunChange(*note, [note](store::Store& db, const Common& c) {
      return alerts::AddCaseNote(db, c.actor, c.id, note->text);
    });
  });

  auto tag = std::make_shared<TextArgs>();
  CLI::App* tag_cmd = AddVerb(area, "tag", "Tag a case (letters, digits, - _ . :)", tag);
  tag_cmd->add_option("tag", tag->text, "the tag")->required();
  tag_cmd->callback([tag] {
    RunChange(*tag, [tag](store::Store& db, const Common& c) { return alerts::TagCase(db, c.actor, c.id, tag->text); });
  });

  auto untag = std::make_shared<TextArgs>();
  CLI::App* untag_cmd = AddVerb(area, "untag", "Remove a tag from a case", untag);
  untag_cmd->add_option("tag", untag->text, "the tag")->required();
  untag_cmd->callback([untag] {
    RunChange(*untag,
              [untag](store::Store& db, const Common& c) { return alerts::UntagCase(db, c.actor, c.id, untag->text); });
  });

  struct AlertsArgs : Common {
    std::vector<int64_t> alerts;
  };
  auto add_alert = std::make_shared<AlertsArgs>();
  CLI::App* add_alert_cmd = AddVerb(area, "add-alert", "Add alerts to an open case", add_alert);
  add_alert_cmd->add_option("alert", add_alert->alerts, "alert ids")->required();
  add_alert_cmd->callback([add_alert] {
    RunChange(*add_alert, [add_alert](store::Store& db, const Common& c) {
      return alerts::AddAlertsToCase(db, c.actor, c.id, add_alert->alerts);
    });
  });

  struct OutcomeArgs : Common {
    std::string outcome;
  };
  auto close = std::make_shared<OutcomeArgs>();
  CLI::App* close_cmd =
      AddVerb(area, "close", "Close a case as false_positive or inconclusive (confirmed: propose it)", close);
  close_cmd->add_option("--outcome", close->outcome, "false_positive or inconclusive")->required();
  close_cmd->callback([close] {
    if (close->outcome == "confirmed")
      Fail(kExitBadInput, "four-eyes: a confirmed outcome is proposed by one account and approved by another: use "
                          "watchkeeper cases propose " + std::to_string(close->id) + " --outcome confirmed");
    const alerts::CaseOutcome o = OutcomeOption(close->outcome, {"false_positive", "inconclusive"});
    RunChange(*close, [o](store::Store& db, const Common& c) { return alerts::CloseCase(db, c.actor, c.id, o); });
  });

  auto propose = std::make_shared<OutcomeArgs>();
  CLI::App* propose_cmd =
      AddVerb(area, "propose", "Propose an outcome for another account to approve (four-eyes)", propose);
  propose_cmd->add_option("--outcome", propose->outcome, "confirmed, false_positive or inconclusive")->required();
  propose_cmd->callback([propose] {
    const alerts::CaseOutcome o = OutcomeOption(propose->outcome, {"confirmed", "false_positive", "inconclusive"});
    RunChange(*propose,
              [o](store::Store& db, const Common& c) { return alerts::ProposeOutcome(db, c.actor, c.id, o); });
  });

  auto approve = std::make_shared<Common>();
  CLI::App* approve_cmd =
      AddVerb(area, "approve", "Approve the proposed outcome (not by its proposer) and close the case", approve);
  approve_cmd->callback([approve] {
    RunChange(*approve, [](store::Store& db, const Common& c) { return alerts::ApproveOutcome(db, c.actor, c.id); });
  });

  auto reject = std::make_shared<TextArgs>();
  CLI::App* reject_cmd = AddVerb(area, "reject", "Reject (or withdraw) the proposed outcome, with a reason", reject);
  reject_cmd->add_option("--reason", reject->text, "why; kept as a note")->required();
  reject_cmd->callback([reject] {
    RunChange(*reject, [reject](store::Store& db, const Common& c) {
      return alerts::RejectProposal(db, c.actor, c.id, reject->text);
    });
  });
}

}  // namespace wk::cli
