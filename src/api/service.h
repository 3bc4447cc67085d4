// Private to src/api: what the route files share. A Call is one request on
// its way through the dispatcher (server.cc): the route it matched, who made
// it, its body, a store connection leased from the pool, the lists snapshot.
// Handlers read input through the helpers below, which answer 400 naming the
// field, and write JSON through core's JsonWriter or the domains' writers.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alerts/alerts.h"
#include "api/api.h"
#include "lists/lists.h"
#include "screen/screen.h"
#include "store/store.h"

namespace wk::api {

// Thrown by handlers and helpers; the dispatcher answers
// {"error":MESSAGE[,"field":FIELD]} with `status`.
struct HttpError {
  int status = 400;
  std::string message;
  std::string field;
  int64_t retry_after_s = 0;
};
[[noreturn]] void Throw(int status, std::string message, std::string field = {});
// 400 for kInvalidInput and kUnsupported, 404 for kNotFound, 500 otherwise.
[[noreturn]] void ThrowError(const Error& error, std::string field = {});

// The lists' current versions and the indexes built from them, shared by
// every request until a newer version appears (then replaced whole).
struct ListsSnapshot {
  std::vector<lists::ListVersion> current;  // one per source, the newest
  int64_t max_version_id = 0;
  screen::Index index;                      // every current entity
  lists::Parties parties;                   // of index.entities(), in their order: screening folds by them
  alerts::ListIndex vessels;                // listed vessels (IMO, MMSI, names)
};

// Store connections, one per worker at a time (a Store is not thread-safe).
class StorePool {
 public:
  explicit StorePool(std::string url) : url_(std::move(url)) {}
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), db_(std::move(o.db_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_) pool_->Release(std::move(db_));
    }
    store::Store& operator*() { return *db_; }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> db_;
  };
  Result<Lease> Acquire();
  const std::string& url() const { return url_; }

 private:
  void Release(std::unique_ptr<store::Store> db);
  std::string url_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

// Audit rows of the hot routes, committed in groups (audit_writer.cc).
class AuditWriter {
 public:
  explicit AuditWriter(std::string url);
  ~AuditWriter();
  // Queues one row and returns once the transaction holding it committed
  // (or failed: then the request fails too).
  Status Append(std::string actor, std::string action, std::string subject, std::string before, std::string after);

 private:
  struct Row {
    alerts::AuditEntry entry;  // moved out by the writer thread
    Status status = Ok{};
    bool done = false;
  };
  void Loop();
  std::string url_;
  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::vector<std::shared_ptr<Row>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// Tokens seen in the last second, so the hot routes do not look the account
// up on every request. A change made through this server (disable, logout)
// clears it at once; one made elsewhere (watchkeeper users disable) is seen
// within kTtlMs.
class AuthCache {
 public:
  static constexpr int64_t kTtlMs = 1000;
  static constexpr size_t kMaxEntries = 10000;
  std::optional<Principal> Find(const std::string& token, int64_t now_ms);
  void Put(const std::string& token, const Principal& who, int64_t now_ms);
  void Clear();

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<Principal, int64_t>> entries_;
};

enum class BodyKind : uint8_t { kNone, kJson, kUpload };

struct Call;
using Handler = std::function<void(Call&)>;

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // "/api/v1/vessels/{mmsi}/track"
  Role role = Role::kViewer;
  bool authenticated = true;
  BodyKind body = BodyKind::kNone;
  Handler handler;
};

struct Call {
  Call(const httplib::Request& r, httplib::Response& s, Server::State& st) : req(r), res(s), state(st) {}
  const httplib::Request& req;
  httplib::Response& res;
  Server::State& state;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;  // from {name} segments
  Principal who;
  std::string body;         // BodyKind::kJson: the bytes received
  std::string upload_path;  // BodyKind::kUpload: the temporary file holding them
  std::optional<StorePool::Lease> lease;

  const ServerConfig& config() const;
  AuditWriter& audit();
  // Drops every cached token (after an account change or a logout).
  void ForgetTokens();
  store::Store& db();
  std::shared_ptr<const ListsSnapshot> lists() const;
  std::string_view Param(std::string_view name) const;
  // The body as a JSON object; 400 when it is not one.
  const nlohmann::json& Json();
  void Reply(int status, std::string json);

 private:
  std::optional<nlohmann::json> json_;
};

// ---- Input helpers (400 naming the field) -----------------------------------

// Refuses fields of `obj` not in `allowed`.
void AllowOnly(const nlohmann::json& obj, std::initializer_list<std::string_view> allowed);
// A string field: required or optional ("" when absent); at most `max_bytes`,
// valid UTF-8.
std::string GetString(const nlohmann::json& obj, const char* field, bool required, size_t max_bytes = 1024);
std::optional<int64_t> GetInt(const nlohmann::json& obj, const char* field, int64_t min, int64_t max);
std::optional<double> GetNumber(const nlohmann::json& obj, const char* field, double min, double max);
std::optional<bool> GetBool(const nlohmann::json& obj, const char* field);
// A query parameter, "" when absent; at most 256 bytes.
std::string QueryText(const Call& call, const char* name);
// "true" or "false"; nullopt when absent.
std::optional<bool> QueryBool(const Call& call, const char* name);
std::optional<int64_t> QueryInt(const Call& call, const char* name, int64_t min, int64_t max);
// A time parameter (ISO 8601, UTC) as Unix seconds.
std::optional<int64_t> QueryTime(const Call& call, const char* name);
// "min_lon,min_lat,max_lon,max_lat" within [-180,180] x [-90,90]; 400 naming bbox.
std::array<double, 4> ParseBbox(const std::string& text);
// A path parameter as an integer in [min, max]; 404 otherwise (no such thing).
int64_t PathInt(const Call& call, const char* name, int64_t min, int64_t max);

// One audit row in a transaction of its own; 500 when the store fails.
void AuditInOwnTransaction(store::Store& db, std::string_view actor, std::string_view action,
                           std::string_view subject, std::string_view before, std::string_view after);

// Derives alerts from what the store holds now (alerts::RunAlertsOnStore) as
// the caller, with the server's ports; 500 when it fails.
std::string RunAlertsJson(Call& call);

// JSON of the current list versions: [{"source","version","generated"},..].
void AppendVersionsJson(JsonWriter& w, const ListsSnapshot& lists);

// The route tables, one per area (routes_*.cc).
void AddCoreRoutes(std::vector<Route>& routes);     // health, openapi, login, logout, me
void AddScreenRoutes(std::vector<Route>& routes);   // screen, screen/batch
void AddListsRoutes(std::vector<Route>& routes);    // lists, entries, diffs, import
void AddVesselRoutes(std::vector<Route>& routes);   // vessels, tracks, events
void AddAlertRoutes(std::vector<Route>& routes);    // alerts
void AddCouncilRoutes(std::vector<Route>& routes);  // council
void AddAdminRoutes(std::vector<Route>& routes);    // users, uploads
void AddCaseRoutes(std::vector<Route>& routes);     // cases, audit
void AddDeskRoutes(std::vector<Route>& routes);     // what the desk needs: map, ports, reports (routes_desk.cc)
void AddStaticRoutes(std::vector<Route>& routes);   // the desk's files: /, /assets/NAME (routes_static.cc)
const std::vector<Route>& AllRoutes();

int64_t NowMs();

}  // namespace wk::api
