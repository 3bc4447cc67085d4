// alerts: where the engines meet. Today it holds the first join: vessels whose
// broadcast identity (IMO, MMSI, name) is on a sanctions list, from tracks'
// static reports and lists' entities through screen's matcher. The rules,
// alerts, cases and audit chain of DESIGN.md come here next.
//
// Example:
//   auto index = alerts::LoadListIndex({"sdn.csv", "UN_consolidated.xml"});
//   auto traffic = tracks::ReadTraffic({"day1.nmea"});
//   std::vector<alerts::ListedVessel> listed =
//       alerts::FindListedVessels(traffic->tracks, traffic->statics, *index);
//   std::vector<detect::EventRow> rows = detect::EventRows(events, ports);
//   alerts::AppendEventRows(listed, rows);      // printed among detect's events
//   detect::AppendJsonLines(rows, out);
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "detect/detect.h"
#include "store/store.h"
#include "tracks/tracks.h"

namespace wk::lists {
struct Entity;
struct Judgment;
struct Parties;
}
namespace wk::screen {
class Index;
}

namespace wk::alerts {

// Another entry of a listing's party: the same subject on another list (or
// listed twice on one).
struct PartyListing {
  std::string entity_id, entity_name, source;
  std::vector<std::string> programmes;
  std::string listed_on;  // "" when the list gives none
  friend bool operator==(const PartyListing&, const PartyListing&) = default;
};

// A listed entry's party (lists::BuildParties): its id and its other entries,
// so a ship met by its IMO on one list shows the same ship on the others.
struct ListingParty {
  std::string id;                    // "party:un:KPe.066"; "" when unknown
  std::vector<PartyListing> others;  // the party's entries but the one met, in party order
};

// Vessels on sanctions lists: IMO and MMSI numbers by exact value, names
// through the screening matcher (screen::Index over the listed vessels, built
// once with the ListIndex, queried at its default threshold), and each
// entry's party (lists::BuildParties over every entity given, with
// screen::PartyNameRules() and the analysts' judgments, built once with the
// index). Copies share the matcher, its cache and the parties; safe to query
// from several threads at once.
class ListIndex {
 public:
  ListIndex();
  explicit ListIndex(const std::vector<lists::Entity>& entities);
  ListIndex(const std::vector<lists::Entity>& entities, const std::vector<lists::Judgment>& judgments);
  // With the parties already built over `entities`, in their order (the
  // server builds them once for screening and for the listings).
  ListIndex(const std::vector<lists::Entity>& entities, const lists::Parties& parties);
  bool empty() const { return imo_.empty() && mmsi_.empty() && name_.empty(); }
  struct Entry {
    std::string key;           // IMO/MMSI digits or normalised name
    std::string entity_id, entity_name, source;
    std::vector<std::string> programmes;  // the entry's listing, carried to its alerts
    std::string listed_on;
  };
  const Entry* FindImo(uint32_t imo) const;
  const Entry* FindMmsi(Mmsi mmsi) const;
  // Exact match of the normalised name (detect::NormaliseVesselName).
  const Entry* FindName(std::string_view name) const;

  struct NameMatch {
    Entry entry;
    double score = 0;            // screening score in [0, 1]
    std::string matched_name;    // the listed name (primary or alias) it met
    std::string explanation;     // screen::ExplainText
    const lists::Entity* entity = nullptr;  // the listed vessel (owned by the index)
    // Why the name alone is no evidence, "" when it is: a short name met
    // only through a typing error ("MARTIN" for "MARLIN", "BIMI" for "BIMA").
    std::string weak;
  };
  // The best screening match of a broadcast vessel name among the listed
  // vessels at the matcher's default threshold, or nullopt. Each distinct
  // normalised name is screened once per index; later calls read a cache.
  std::optional<NameMatch> MatchName(std::string_view name) const;
  // Distinct names screened so far (the cache's size).
  size_t names_screened() const;
  // The listed vessel with this entity id, or nullptr (linear: for hits).
  const lists::Entity* FindVessel(std::string_view entity_id) const;
  // The party of an entry the index can find (by IMO, MMSI or name); an
  // empty party for any other id.
  const ListingParty& PartyOf(std::string_view entity_id) const;

 private:
  struct NameCache;
  std::vector<Entry> imo_, mmsi_, name_;  // sorted by key
  std::shared_ptr<const screen::Index> screen_;
  std::shared_ptr<NameCache> cache_;
  std::shared_ptr<const std::vector<std::pair<std::string, ListingParty>>> parties_;  // by entity id
};

// Reads sanctions list files of any format lists/ knows (UN XML, OFAC, EU,
// UK) into an index.
Result<ListIndex> LoadListIndex(const std::vector<std::string>& paths);

// One piece of a vessel's broadcast identity set against a listed vessel's:
// field "mmsi", "imo", "call_sign" or "flag" (the MMSI's MID against the
// listed flags), what was broadcast and what is listed, and whether they agree.
struct IdentityCheck {
  std::string field, broadcast, listed;
  bool agrees = false;
};

// The broadcast identity (MMSI and its flag, each distinct valid IMO and call
// sign in `statics`) against `listed`'s identifiers and flags. Only what both
// sides give is compared: a vessel that sends no IMO is neither for nor
// against a listed IMO. A field agrees when any broadcast value equals a
// listed one.
std::vector<IdentityCheck> CheckVesselIdentity(const lists::Entity& listed, Mmsi mmsi,
                                               std::span<const tracks::StaticInfo> statics);
// True when some check disagrees: a name match is then not this vessel.
bool Contradicts(std::span<const IdentityCheck> checks);
// Typing errors allowed in a listed vessel's name token before a name match
// counts: none under eight letters (a short name one edit away is another
// ship: MARTIN/MARLIN, BIMI/BIMA, LANA/LENA), one from eight.
inline constexpr size_t kVesselTypoMinLetters = 8;

// A vessel whose broadcast MMSI, IMO or name is on a list. Printed as a
// detect identity event of kind "listed_vessel". A name match is reported
// only when the name is evidence (NameMatch::weak empty) and no piece of the
// broadcast identity contradicts the listed vessel (CheckVesselIdentity);
// its checks say what agreed.
struct ListedVessel {
  static constexpr std::string_view kKind = "listed_vessel";
  Mmsi mmsi;
  int64_t start_s = 0, end_s = 0;       // from the first report of the value to the last heard
  double lat_deg = NAN, lon_deg = NAN;  // the position nearest that first report; NaN when none
  std::string field;                    // "mmsi", "imo" or "name"
  std::string value;                    // as broadcast (a name normalised)
  std::string reason;
  ListIndex::Entry entry;               // the list entry it met
  ListingParty party;                   // the entry's party
  // By name: the screening matcher's score, the listed name it met and its
  // explanation (score 0 and both empty for IMO and MMSI matches).
  double score = 0;
  std::string matched_name, explanation;
  std::vector<IdentityCheck> checks;    // the identity compared (by name: none disagrees)
};

// One vessel's listed identities: its MMSI, then each distinct IMO and name
// in the order first broadcast. `statics`: its static reports in time order;
// `track`: its fixes (for the events' position; may be empty).
void FindListedVessels(Mmsi mmsi, std::span<const tracks::StaticInfo> statics,
                       std::span<const tracks::Fix> track, const ListIndex& index,
                       std::vector<ListedVessel>& out);
// Every vessel's, in MMSI order (using every core). `statics` sorted by
// (MMSI, time).
std::vector<ListedVessel> FindListedVessels(const tracks::TrackSet& tracks,
                                            std::span<const tracks::StaticInfo> statics,
                                            const ListIndex& index);

// The identity event's JSON object (one line, no newline), as detect prints
// identity events: {"type":"identity","mmsi":..,"kind":"listed_vessel",...,
// "list_entry":{"id","name","source","party","party_listings":[{"id","name",
// "source","programmes","listed_on"}]}[,"evidence":{..} for names]}.
void AppendJson(const ListedVessel& e, std::string& out);
// Rows for detect's writers, so listed vessels print among detect's events
// in the one order (start, type, MMSI).
void AppendEventRows(std::span<const ListedVessel> listed, std::vector<detect::EventRow>& rows);

}  // namespace wk::alerts

// ---- Alerts: events joined with listings and the law in force ---------------
//
// A rule turns detect's events into alerts when they involve the regime (a
// DPRK-flagged vessel, a DPRK port) or a listed vessel; everything else is
// background and raises nothing. Each alert names its vessels with their
// identity and listings (with the list version each came from), its events
// with a reference back to the input, and the measures in force that day it
// may breach, the primary one first.
//
// Example:
//   alerts::AlertInputs in{traffic, events, ports, listings, council::DefaultRegime()};
//   std::vector<alerts::Alert> found = alerts::DeriveAlerts(in, alerts::RuleConfig{});
//   Result<alerts::RunSummary> s = alerts::StoreAlerts(db, found);  // joins open alerts

namespace wk::council {
struct Regime;
}

namespace wk::alerts {

enum class Rule : uint8_t {
  kDprkEncounter = 1,     // an encounter with a DPRK-flagged or listed party
  kDprkPortCall,          // a vessel not flagged in the DPRK calls at a DPRK port
  kDarkNearDprk,          // a dark gap near the DPRK coast, or with a DPRK port in reach
  kIdentityManipulation,  // identity events of a listed vessel or one trading with the DPRK
  kDprkPortSequence,      // DPRK port, then a foreign port (or back) within the window
  kListedVessel,          // a listed vessel heard anywhere
  kTankerLoitering,       // a tanker loitering near DPRK waters
};
inline constexpr Rule kAllRules[] = {Rule::kDprkEncounter,     Rule::kDprkPortCall,
                                     Rule::kDarkNearDprk,      Rule::kIdentityManipulation,
                                     Rule::kDprkPortSequence,  Rule::kListedVessel,
                                     Rule::kTankerLoitering};
// "dprk_encounter", "dprk_port_call", "dark_near_dprk", "identity_manipulation",
// "dprk_port_sequence", "listed_vessel", "tanker_loitering".
std::string_view RuleName(Rule rule);
std::optional<Rule> ParseRule(std::string_view name);

enum class Severity : uint8_t { kLow = 1, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity s);  // "low", "medium", "high", "critical"
std::optional<Severity> ParseSeverity(std::string_view name);

// Every threshold of the rules, with the reason it is there. Read from the
// [alerts] keys of a config file (LoadRuleConfig), printed by FormatRuleConfig.
struct RuleConfig {
  // Rule 3: a gap whose first or last position is within this distance of a
  // DPRK port counts as starting or ending near the DPRK coast (the Rajin
  // shuttle switches off within sight of it).
  double dark_near_dprk_km = 60;
  // Rule 3: a silence longer than this is no voyage AIS failed to show but
  // two captures that do not follow each other (a receiver's files months or
  // years apart): 30 days covers a round trip from the Russian Far East or a
  // Chinese port to any DPRK port, with days in port.
  int64_t dark_max_gap_s = 30 * 86400;
  // Rule 7: a tanker loitering within this distance of a DPRK port: the
  // ship-to-ship transfer grounds the Panel reported lie within a day's
  // steaming of Nampo and the Sea of Japan coast.
  double loitering_near_dprk_km = 150;
  // Rule 4: identity events count for a vessel that called at a DPRK port or
  // met a DPRK-flagged vessel within this long of them.
  int64_t traded_window_s = 30 * 86400;
  // Rule 5: a sequence with a port in one of these countries is high severity
  // (the Russian Far East and Chinese routes); any other foreign port, medium.
  std::vector<std::string> sequence_high_risk_countries = {"RU", "CN"};
  // A listing found by name only (no IMO or MMSI on the list agrees) needs at
  // least this screening score to count.
  double name_listing_min_score = 0.90;
};
Result<RuleConfig> ParseRuleConfig(std::string_view text, std::string_view source_name);
Result<RuleConfig> LoadRuleConfig(const std::string& path);
std::string FormatRuleConfig(const RuleConfig& config);

// A list entry a vessel met, with the list version it came from.
struct Listing {
  std::string entity_id, entity_name, source;
  int64_t list_version = 0;      // lists' version id (0: from files, no store)
  std::string list_generated;    // the list's own date
  std::string field, value;      // what matched: "imo", "mmsi" or "name", as broadcast
  double score = 1;              // 1 for numbers; the screening score for names
  std::string matched_name;      // names: the listed name met
  std::vector<std::string> programmes;  // the entry's programmes or regimes ("DPRK3", "1718")
  std::string listed_on;         // the entry's listing date, "" when the list gives none
  // The entry's party and its other entries: the same ship or company on
  // the other lists (party "" for alerts stored before parties).
  std::string party;
  std::vector<PartyListing> party_listings;
};

// Who a vessel said it was, from its own reports, and its listings.
struct VesselIdentity {
  Mmsi mmsi;
  uint32_t imo = 0;          // last broadcast; 0 when none
  std::string name, callsign;
  std::string flag;          // from the MMSI's MID ("" when none)
  int ship_type = 0;         // last broadcast AIS ship type; 0 when none
  std::vector<Listing> listings;
  bool regime_flagged(std::string_view regime_flag) const { return !flag.empty() && flag == regime_flag; }
  bool listed() const { return !listings.empty(); }
};

// One event of an alert, as detect printed it, with where it came from.
struct AlertEvent {
  std::string type;            // detect's event type ("encounter", ...)
  std::string kind;            // identity kind; "" otherwise
  Mmsi mmsi;
  std::optional<Mmsi> other_mmsi;
  int64_t start_s = 0, end_s = 0;
  double lat_deg = NAN, lon_deg = NAN;
  std::string port;            // locode(s)
  std::string source;          // "store:track_positions mmsi=.. time=[a,b]" or "file:line"
  std::string json;            // detect's event object
};

struct AlertMeasure {
  std::string id, resolution, paragraph;
  bool paragraph_verified = false;
  std::string text;            // the paragraph's words; the measure's summary when not typed in
  bool text_is_summary = false;
  std::string text_source;
  std::string why;
};

struct Alert {
  int64_t id = 0;              // the store's; 0 before StoreAlerts
  Rule rule = Rule::kDprkEncounter;
  Severity severity = Severity::kMedium;
  std::string severity_reason;
  std::string status = "open"; // open, acknowledged, closed
  int64_t start_s = 0, end_s = 0;
  std::string key;             // rule and vessels: one open alert per key
  std::vector<VesselIdentity> vessels;
  std::vector<AlertEvent> events;
  std::vector<AlertMeasure> measures;  // ranked, the primary first
  std::string summary;
  // Reproducibility: what produced it.
  std::string detector_version, config_hash, input;
  int64_t input_from_s = 0, input_to_s = 0;
  std::string created_at, updated_at;
};

// What the rules read. `listings` are the lists' current entities (an empty
// index: no listings); `versions` the list versions they came from, to date
// each listing (empty when read from files).
struct AlertInputs {
  const tracks::Traffic& traffic;
  const detect::Events& events;
  const detect::PortTable& ports;
  const ListIndex& listings;
  const council::Regime& regime;
  std::vector<std::pair<std::string, std::pair<int64_t, std::string>>> versions;  // source -> (id, generated)
  std::string input;           // "store:URL" or the file names
};

// Applies every rule. Alerts come out in (start, rule, key) order, one per key
// (events of the same rule and vessels joined, the highest severity kept).
std::vector<Alert> DeriveAlerts(const AlertInputs& in, const RuleConfig& config);

// {"id","rule","severity","severity_reason","status","start","end","vessels":[{"mmsi","imo","name",
//  "callsign","flag","ship_type","listings":[..]}],"events":[..],"measures":[{"id","resolution",
//  "paragraph","paragraph_verified","text","text_is_summary","text_source","why","primary"}],"summary",
//  "provenance":{"detector_version","config_hash","input","window":{"from","to"}},"created_at","updated_at"}
void AppendAlertJson(std::string& out, const Alert& a);
// Two lines for people: id, rule, severity, time, summary; then the primary measure.
void AppendAlertText(std::string& out, const Alert& a);
// Parses AppendAlertJson's output back (what the store keeps).
Result<Alert> ParseAlertJson(std::string_view json);

// ---- Alerts in the store ------------------------------------------------------

struct RunSummary {
  int64_t derived = 0, opened = 0, joined = 0, escalated = 0, unchanged = 0;
  std::vector<int64_t> opened_ids, escalated_ids;
};
// Stores derived alerts in one transaction: an alert whose key has an open
// alert joins it (new events added, severity raised when higher: escalated),
// otherwise a new alert opens. Running again on the same input changes nothing.
// Each opened or escalated alert writes its audit row.
Result<RunSummary> StoreAlerts(store::Store& db, std::span<const Alert> alerts, std::string_view actor);
void AppendRunSummaryJson(std::string& out, const RunSummary& s);

// What `watchkeeper alerts run` does on a store, and the service after an
// upload: the store's traffic (from since_s), detect's events on it, the
// lists' current versions in the store (or `lists` when given), the built-in
// regime; the alerts derived and stored by StoreAlerts as `actor`. It reads the
// whole window's traffic each time: its cost grows with the store.
struct StoreRun {
  tracks::TimeWindow window;
  detect::PortTable ports = detect::PortTable::BuiltIn();
  detect::Config detect;
  RuleConfig rules;
  const ListIndex* lists = nullptr;  // files given instead of the store's lists
  std::string actor = "system";
};
Result<RunSummary> RunAlertsOnStore(store::Store& db, const StoreRun& run);

// ---- One vessel's listings (`watchkeeper vessel`) ------------------------------

// The entries of the lists' current versions in `db` that carry the vessel's
// MMSI or an IMO it broadcast, each with its list version and its party
// (built once per call, with the stored judgments); none when no list was
// imported.
Result<std::vector<Listing>> VesselListings(store::Store& db, const tracks::VesselSummary& vessel);
// [{listing},...] as alerts write them, no newline: {"entity_id","entity_name","source",
// "list_version","list_generated","field","value","score"[,"matched_name"],"programmes",
// "listed_on","party","party_listings":[{"entity_id","entity_name","source","programmes",
// "listed_on"}]} ("party" null when unknown).
void AppendListingsJson(std::string& out, const std::vector<Listing>& listings);

struct AlertFilter {
  std::optional<Rule> rule;
  std::optional<Severity> min_severity;
  std::string status;
  std::optional<Mmsi> mmsi;
  std::optional<int64_t> since_s;          // alerts ending at or after
  std::optional<int64_t> changed_since_s;  // updated at or after (polling)
  std::optional<std::array<double, 4>> bbox;  // min lon, min lat, max lon, max lat: any event inside
  int64_t limit = 1000, offset = 0;
};
Result<std::vector<Alert>> ListAlerts(store::Store& db, const AlertFilter& filter);
Result<Alert> GetAlert(store::Store& db, int64_t id);
// open -> acknowledged -> closed (and back to open); writes its audit row.
Result<Alert> SetAlertStatus(store::Store& db, std::string_view actor, int64_t id, std::string_view status);
// alerts' migrations (alerts/alerts_sql.cc), for `watchkeeper db migrate`.
const std::vector<store::Migration>& Migrations();
// Applies alerts' pending migrations (creates the tables when missing).
Status EnsureAlertTables(store::Store& db);

}  // namespace wk::alerts

// ---- Audit trail --------------------------------------------------------------
//
// Every change to an alert, case or account, every login and every screening
// query made through the API is one append-only row of audit_log: who, when,
// what, the state before and after. Each row's hash covers the previous row's,
// and the chain head (audit_head: the last seq and hash) is updated in the same
// transaction, so VerifyAudit finds a row edited, inserted, deleted (the last
// ones too) or reordered behind the API's back and names it. Nothing here
// changes or deletes an audit row.
//
// Example:
//   store::Transaction tx(db);
//   ... the change ...
//   Result<alerts::AuditRecord> r = alerts::AppendAudit(db, "alice", "case.note", "case:12", before, after);
//   if (!r.ok()) return r.error();           // the transaction rolls back: neither change nor row
//   if (Status s = tx.Commit(); !s.ok()) return s;
//   Result<alerts::AuditCheck> c = alerts::VerifyAudit(db);   // c->intact, or c->bad_seq and c->problem

namespace wk::alerts {

struct AuditRecord {
  int64_t seq = 0;              // 1, 2, ... contiguous, in append order
  std::string at;               // ISO 8601 UTC with milliseconds, Z ("2026-12-02T12:42:12.345Z")
  std::string actor;            // account name ("alice"), "cli:<user>" for the command line, "system"
  std::string action;           // "case.create", "case.status", "alert.status", "login.ok", ...
  std::string subject;          // "case:12", "alert:7", "account:alice"; "" when none
  std::string before, after;    // JSON object text; "" when none
  std::string prev_hash, hash;  // hex SHA-256; the first row's prev_hash is 64 zeros
};

// The first row's prev_hash: 64 '0's.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash a row must carry: lower-case hex SHA-256 (libsodium
// crypto_hash_sha256) of "wk-audit-v1\n" followed by seq (decimal), at,
// actor, action, subject, before, after and prev_hash, each written as
// "<byte length>:<bytes>\n", so no two different rows encode alike.
std::string AuditRowHash(const AuditRecord& r);

// Appends one row in the caller's OPEN transaction (kInvalidInput when none is
// open), chained to the last row. Writers on several connections serialise on
// the chain head (its row is updated first: PostgreSQL locks it until the
// transaction ends; SQLite's BEGIN IMMEDIATE already serialises), so the chain
// never forks. `actor` and `action` must not be empty; before/after, when not
// empty, must be JSON objects. kIo when the head is missing (run audit verify).
Result<AuditRecord> AppendAudit(store::Store& db, std::string_view actor, std::string_view action,
                                std::string_view subject, std::string_view before_json,
                                std::string_view after_json);

// One row of a batch for AppendAuditBatch.
struct AuditEntry {
  std::string actor, action, subject, before, after;
};

// Appends the rows in order, chained, in the caller's OPEN transaction, as
// AppendAudit would one by one but in three statements for the batch (the
// API's group commit of screening rows). Any invalid entry refuses the batch.
// The entries are taken by value: their texts move into the records.
Result<std::vector<AuditRecord>> AppendAuditBatch(store::Store& db, std::vector<AuditEntry> entries);

struct AuditCheck {
  bool intact = true;
  int64_t rows = 0;          // rows read
  int64_t bad_seq = 0;       // the first row found wrong (or missing); 0 when intact
  std::string problem;       // what is wrong with it, for people; "" when intact
  int64_t head_seq = 0;      // the last row's seq and hash, as the chain computes them:
  std::string head_hash;     // write them down elsewhere, check later with expect_hash
  int64_t expected_seq = 0;  // the row whose hash equals expect_hash (0 when none given)
};

// Recomputes the chain from row 1: each row's hash from its fields, each
// prev_hash against the row before, seq contiguous from 1, the head against
// the last row, and every case's last-change reference (an audit row that must
// exist, be about that case and hold its current state). Reports the first
// problem. With `expect_hash` (a head written down earlier), one row of the
// chain must carry that hash, or the chain was rewritten before it.
Result<AuditCheck> VerifyAudit(store::Store& db, std::string_view expect_hash = {});

// Rows in seq order whose time is in [from_s, to_s) (either end open).
Result<std::vector<AuditRecord>> ReadAudit(store::Store& db, std::optional<int64_t> from_s,
                                           std::optional<int64_t> to_s);

// The same with more filters, for paging (after_seq, limit) and one
// subject's history ("case:12": its journal).
struct AuditQuery {
  std::optional<int64_t> from_s, to_s;  // [from, to), Unix seconds
  int64_t after_seq = 0;                // rows with a greater seq
  int64_t limit = 0;                    // at most this many; 0 no limit
  std::string subject, actor, action;   // exact; "" any
};
Result<std::vector<AuditRecord>> ReadAudit(store::Store& db, const AuditQuery& query);

// The last row's seq (0 when the chain is empty): where a reader that wants
// only rows from now on starts (webhooks).
Result<int64_t> AuditHeadSeq(store::Store& db);

// {"seq","at","actor","action","subject","before":{..}|null,"after":{..}|null,"prev_hash","hash"}
void AppendAuditJson(std::string& out, const AuditRecord& r);
// {"intact","rows","head_seq","head_hash"[,"bad_seq","problem"][,"expected_seq"]}
void AppendAuditCheckJson(std::string& out, const AuditCheck& c);
// One CSV record (RFC 4180, "\r\n"-free: ends with "\n"); before and after as their JSON text.
inline constexpr std::string_view kAuditCsvHeader = "seq,at,actor,action,subject,before,after,prev_hash,hash\n";
void AppendAuditCsv(std::string& out, const AuditRecord& r);

}  // namespace wk::alerts

// ---- Cases ----------------------------------------------------------------------
//
// Cases group alerts for review: open -> investigating -> closed, a closed
// case reopens. Closing sets an outcome: false_positive and inconclusive close
// at once (CloseCase); confirmed needs four eyes: ProposeOutcome by one
// account, ApproveOutcome by another (the proposer approving is refused).
// Every function runs in its own transaction and writes the change and its
// audit row (before and after: the case's JSON) together; the case row keeps
// the seq of that audit row, so VerifyAudit can tell a case changed behind the
// API's back. Refused transitions are kInvalidInput with the reason; an
// unknown case is kNotFound. Roles are the API's business; four-eyes is here.
//
// Example:
//   Result<alerts::Case> c = alerts::CreateCase(db, "alice", "CHON MA SAN off Nampo", std::vector<int64_t>{7});
//   alerts::SetCaseStatus(db, "alice", c->id, alerts::CaseStatus::kInvestigating);
//   alerts::ProposeOutcome(db, "alice", c->id, alerts::CaseOutcome::kConfirmed);
//   alerts::ApproveOutcome(db, "bob", c->id);   // closed, outcome confirmed, approved_by bob

namespace wk::alerts {

enum class CaseStatus : uint8_t { kOpen, kInvestigating, kClosed };
enum class CaseOutcome : uint8_t { kConfirmed, kFalsePositive, kInconclusive };
std::string_view CaseStatusName(CaseStatus s);    // "open", "investigating", "closed"
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);
std::string_view CaseOutcomeName(CaseOutcome o);  // "confirmed", "false_positive", "inconclusive"
std::optional<CaseOutcome> ParseCaseOutcome(std::string_view name);

// Limits on what people type in (bytes of UTF-8).
inline constexpr size_t kMaxCaseTitleBytes = 200;
inline constexpr size_t kMaxCaseNoteBytes = 10000;
inline constexpr size_t kMaxCaseTagBytes = 64;    // tags: a-z, 0-9, '-', '_', '.', ':'
inline constexpr size_t kMaxCaseAlerts = 1000;    // alerts in one call

struct CaseNote {
  int64_t id = 0;
  std::string at, author, text;
};

struct Case {
  int64_t id = 0;
  std::string title;
  CaseStatus status = CaseStatus::kOpen;
  std::string assignee;                        // "" unassigned
  std::vector<int64_t> alert_ids;              // ascending
  std::vector<std::string> tags;               // sorted
  std::vector<CaseNote> notes;                 // in the order written
  std::optional<CaseOutcome> outcome;          // set when closed
  std::optional<CaseOutcome> proposed_outcome; // a proposal waiting for approval
  std::string proposed_by, approved_by;        // approved_by: who approved the outcome in force
  std::string created_at, created_by, updated_at;
  int64_t audit_seq = 0;                       // the audit row of its last change (not in the JSON)
};

// `alert_ids`: alerts that must exist in the store's alerts table (kNotFound
// otherwise); may be empty.
Result<Case> CreateCase(store::Store& db, std::string_view actor, std::string_view title,
                        std::span<const int64_t> alert_ids);
Result<Case> GetCase(store::Store& db, int64_t id);

struct CaseFilter {
  std::optional<CaseStatus> status;
  std::string assignee;                 // "" any
  std::string tag;                      // "" any
  std::optional<int64_t> alert_id;      // cases holding this alert
  int64_t limit = 1000, offset = 0;
};
// In id order.
Result<std::vector<Case>> ListCases(store::Store& db, const CaseFilter& filter);

// `assignee` "" unassigns. Refused on a closed case and when nothing changes.
Result<Case> AssignCase(store::Store& db, std::string_view actor, int64_t id, std::string_view assignee);
// open <-> investigating; closed -> open reopens (clears outcome, proposal and
// approval). Closing goes through CloseCase or ProposeOutcome/ApproveOutcome,
// so `to` closed is refused, as is closed -> investigating and no change.
Result<Case> SetCaseStatus(store::Store& db, std::string_view actor, int64_t id, CaseStatus to);
Result<Case> AddCaseNote(store::Store& db, std::string_view actor, int64_t id, std::string_view text);
Result<Case> TagCase(store::Store& db, std::string_view actor, int64_t id, std::string_view tag);
Result<Case> UntagCase(store::Store& db, std::string_view actor, int64_t id, std::string_view tag);
// Refused on a closed case, for unknown alerts and when all are in it already.
Result<Case> AddAlertsToCase(store::Store& db, std::string_view actor, int64_t id,
                             std::span<const int64_t> alert_ids);

// false_positive or inconclusive: closes an open or investigating case at
// once. confirmed is refused ("four-eyes: ..."): propose it instead. Refused
// while a proposal waits.
Result<Case> CloseCase(store::Store& db, std::string_view actor, int64_t id, CaseOutcome outcome);
// Proposes an outcome (any; confirmed must go this way) for another account to
// approve. Refused on a closed case and while another proposal waits.
Result<Case> ProposeOutcome(store::Store& db, std::string_view actor, int64_t id, CaseOutcome outcome);
// Closes the case with the proposed outcome. Refused for the proposer
// ("four-eyes: ...") and when nothing is proposed.
Result<Case> ApproveOutcome(store::Store& db, std::string_view actor, int64_t id);
// Clears the proposal (the proposer may withdraw it) and records `reason` (not
// empty) as a note.
Result<Case> RejectProposal(store::Store& db, std::string_view actor, int64_t id, std::string_view reason);

// {"id","title","status","assignee","alerts":[..],"tags":[..],"notes":[{"id","at","author","text"}],
//  "outcome","proposed_outcome","proposed_by","approved_by","created_at","created_by","updated_at"}
// (assignee, outcome, proposed_outcome, proposed_by, approved_by null when unset).
void AppendCaseJson(std::string& out, const Case& c);
// For people: "#12 [investigating] TITLE (assignee alice; alerts 7, 9; tags a, b)", then the
// outcome or proposal, then one line per note.
void AppendCaseText(std::string& out, const Case& c);

}  // namespace wk::alerts

// ---- The refined-petroleum ledger --------------------------------------------
//
// Deliveries of refined petroleum to the DPRK seen in AIS, counted against the
// cap of resolution 2397 (2017) para 5 (500,000 barrels each year from 1
// January 2018), beside what supplying States notified to the 1718 Committee
// (docs/cap-ledger.md). A delivery is a tanker reaching a DPRK port after
// taking on cargo (a call at an oil terminal outside the DPRK, or an encounter
// with another tanker) within a window, with no other port call between; each
// carries its evidence (detect's events), its draughts, and a range of barrels
// under lading scenarios, never a single figure.
//
// Example:
//   alerts::LedgerConfig config;                             // or LoadLedgerConfig(path)
//   auto particulars = alerts::LoadParticulars("particulars.csv");
//   detect::Events events = detect::DetectAll(traffic.tracks, traffic.statics, ports, config.detect);
//   alerts::Ledger ledger = alerts::BuildLedger({traffic, events, ports, *particulars,
//                                                council::DefaultRegime()}, config, 2024);
//   std::string out;
//   alerts::AppendLedgerJsonLines(ledger, out);

namespace wk::alerts {

// An oil terminal outside the DPRK where a tanker may take on refined products.
struct OilTerminal {
  std::string locode, name;
  double lat_deg = 0, lon_deg = 0;  // from the World Port Index, for port tables that lack it
  std::string source;               // where the position and the oil terminal come from
};

// Deadweight from the broadcast dimensions when no particulars are known:
// deadweight = block_coefficient x length x beam x (beam / beam_to_draught) x
// seawater_t_per_m3 x deadweight_fraction (the summer-load displacement less
// the lightship), stated with a relative error of +-relative_error.
struct CapacityEstimate {
  double block_coefficient = 0.80;   // tankers 0.75-0.85
  double beam_to_draught = 2.8;      // design beam over summer draught, tankers 2.5-3.2
  double seawater_t_per_m3 = 1.025;
  double deadweight_fraction = 0.80; // deadweight over displacement, tankers 0.75-0.85
  double relative_error = 0.30;      // the spread of the three coefficients above
};

// Every constant of the ledger, with its source in docs/cap-ledger.md. Read
// from the `ledger.*` keys of a config file; the file's other keys are
// detect's thresholds (`detect`).
struct LedgerConfig {
  // Load to discharge: the DPRK call starts at most this long after the
  // load ended (the default, 15 days).
  int64_t window_s = 15 * 86400;
  // The product assumed and its barrels per metric tonne: gasoil 7.45,
  // gasoline 8.5 (1718 Committee conversion guidance: see the doc); China's
  // notifications imply 8.33.
  std::string product = "gasoil";
  double barrels_per_tonne = 7.45;
  // Lading scenarios, per cent of the deadweight carried as cargo (the US
  // count of 2018 used 90 and 50; the issue adds 33 and 60).
  std::vector<int> scenarios_pct = {33, 50, 60, 90};
  // AIS ship types of tankers (ITU-R M.1371-5 Table 53: 80-89).
  int tanker_type_min = 80, tanker_type_max = 89;
  // A draught at least this much deeper arriving than leaving (or after the
  // load than before) is "laden" evidence.
  double laden_draught_change_m = 1.0;
  // Oil terminals outside the DPRK, by LOCODE (positions from the WPI).
  std::vector<OilTerminal> terminals = DefaultOilTerminals();
  CapacityEstimate capacity;
  // The Council measure counted against (its cap, text and notified figures).
  std::string measure_id = "2397-refined-cap";
  detect::Config detect;

  static std::vector<OilTerminal> DefaultOilTerminals();
};

// Reads `key = value` lines: `ledger.*` keys are the ledger's (printed by
// FormatLedgerConfig), every other key goes to detect::ParseConfig. Errors
// name the file and line.
Result<LedgerConfig> ParseLedgerConfig(std::string_view text, std::string_view source_name);
Result<LedgerConfig> LoadLedgerConfig(const std::string& path);
std::string FormatLedgerConfig(const LedgerConfig& config);

// A ship's particulars from a registry or the Panel's tables, by IMO number.
struct Particulars {
  uint32_t imo = 0;
  double deadweight_t = 0;   // metric tonnes
  std::string type;          // "oil products tanker", "general cargo", ...
  int built = 0;             // year; 0 when not given
  std::string name;          // optional
  bool tanker() const;       // the type names a tanker
};

// particulars.csv: a header line naming `imo,deadweight_t,type,built` (any
// order, case-insensitive; `name` optional, other columns ignored), one ship
// per row. A bad row is an error "FILE:LINE: reason" (an IMO without a valid
// check digit, a deadweight that is not a positive number of tonnes, a built
// year outside 1900-2100, an IMO given twice). Files over kMaxParticularsBytes
// are refused.
inline constexpr size_t kMaxParticularsBytes = size_t{64} << 20;
Result<std::vector<Particulars>> ParseParticulars(std::string_view text, std::string_view source_name);
Result<std::vector<Particulars>> LoadParticulars(const std::string& path);

// Barrels under one lading scenario: capacity x pct / 100, to the nearest
// barrel. RescaleBarrels converts a figure given under one scenario to
// another (1,367,628 at 90% is 759,793 at 50%).
int64_t ScenarioBarrels(double capacity_bbl, int pct);
int64_t RescaleBarrels(double barrels, int from_pct, int to_pct);

// Where a delivery's cargo came from.
struct DeliveryLoad {
  std::string port;            // terminal LOCODE; "" for a ship-to-ship load
  std::optional<Mmsi> sts_with;
  int64_t start_s = 0, end_s = 0;
  std::string event_id;
};

struct Delivery {
  Mmsi mmsi;
  uint32_t imo = 0;
  std::string name, flag;
  int ship_type = 0;
  DeliveryLoad load;
  std::string discharge_port;
  int64_t discharge_start_s = 0, discharge_end_s = 0;
  std::string discharge_event_id;
  // Draughts (NaN: not reported): before and after the load, arriving at
  // and leaving the DPRK port.
  float load_before_m = NAN, load_after_m = NAN, arrival_m = NAN, departure_m = NAN;
  bool laden_arrival = false;  // arrival_m - departure_m >= laden_draught_change_m
  bool loaded_draught = false; // load_after_m - load_before_m >= laden_draught_change_m
  std::vector<std::string> gap_event_ids;  // dark gaps between the load and the discharge
  // Capacity: "particulars", "estimate" (dimensions), or "" (unknown: no barrels).
  std::string capacity_source;
  double deadweight_t = 0, capacity_bbl = 0, capacity_error = 0;  // error: relative, estimates
  std::vector<std::pair<int, int64_t>> barrels;  // (scenario pct, barrels)
  std::vector<std::string> evidence() const;     // event ids: load, gaps, discharge
};

struct LedgerYear {
  int year = 0;
  int64_t deliveries = 0, without_capacity = 0;
  std::vector<std::pair<int, int64_t>> barrels;                   // cumulative per scenario
  std::vector<std::pair<int, std::optional<int64_t>>> crossed_s;  // when the cap was passed
  double cap_bbl = 0;
  std::optional<double> notified;
  std::string notified_note;
  std::vector<std::string> notified_sources;
  // The measure, from the Council model.
  std::string measure_id, resolution, paragraph, measure_title, measure_text;
  bool measure_in_force = false;  // on 1 January of the year
  bool measure_text_is_summary = true;
  std::string measure_text_note;
};

struct Ledger {
  std::vector<Delivery> deliveries;  // in the year, by discharge start
  LedgerYear year;
};

struct LedgerInputs {
  const tracks::Traffic& traffic;
  const detect::Events& events;
  const detect::PortTable& ports;
  std::span<const Particulars> particulars;
  const council::Regime& regime;
};

// detect's event ids as the ledger cites them: "port_call:MMSI:LOCODE:START",
// "encounter:MMSI-OTHER:START", "gap:MMSI:START" (START ISO 8601 UTC).
std::string PortCallId(const detect::PortCall& c, const detect::PortTable& ports);
std::string EncounterId(const detect::Encounter& e);
std::string GapId(const detect::Gap& g);

// The port table with every terminal of `config` it lacks added (radius 5 km
// at its WPI position); a terminal the table has under another code (a port
// within 3 km) is not added again.
detect::PortTable WithTerminals(const detect::PortTable& ports, const LedgerConfig& config);

// Every delivery whose DPRK call starts in `year` (UTC), and the year line;
// kNotFound when the regime lacks the measure.
Result<Ledger> BuildLedger(const LedgerInputs& in, const LedgerConfig& config, int year);

// One {"type":"delivery",...} line per delivery, then the {"type":"year",...} line.
void AppendLedgerJsonLines(const Ledger& ledger, std::string& out);
// A header and one row per delivery, then a row for the year (type "year").
void AppendLedgerCsv(const Ledger& ledger, std::string& out);
// For people: one line per delivery, then the year against the cap.
void AppendLedgerText(const Ledger& ledger, std::string& out);

}  // namespace wk::alerts
