// The server: cpp-httplib's listener and thread pool, one dispatcher for
// every method and path (so unknown paths are 404 and known paths with the
// wrong method 405, both with a JSON body), authentication and roles, body
// caps and deadlines, security headers, CORS, and the lists watcher that
// rebuilds the screening index when a new list version appears.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/service.h"
#include "core/core.h"
#include "detect/detect.h"
#include "tracks/tracks.h"

namespace wk::api {

struct Server::State {
  ServerConfig config;
  StorePool pool;
  httplib::Server http;
  int port = 0;
  std::thread listener;

  mutable std::mutex lists_mu;
  std::shared_ptr<const ListsSnapshot> lists;

  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::thread watcher;
  std::thread deliverer;
  std::unique_ptr<AuditWriter> audit;
  AuthCache auth;

  explicit State(const ServerConfig& c) : config(c), pool(c.store_url) {}
};

// ---- Errors, pool, calls ------------------------------------------------------------

void Throw(int status, std::string message, std::string field) {
  throw HttpError{status, std::move(message), std::move(field), 0};
}

void ThrowError(const Error& error, std::string field) {
  switch (error.code) {
    case ErrorCode::kNotFound: Throw(404, error.message, std::move(field));
    case ErrorCode::kInvalidInput:
    case ErrorCode::kChecksum:
    case ErrorCode::kUnsupported: Throw(400, error.message, std::move(field));
    case ErrorCode::kIo: break;
  }
  std::cerr << "watchkeeper serve: " << error.message << "\n";
  Throw(500, "internal error: the store failed (see the server's log)");
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<Principal> AuthCache::Find(const std::string& token, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(token);
  if (it == entries_.end()) return std::nullopt;
  const auto& [who, cached_ms] = it->second;
  if (now_ms - cached_ms >= kTtlMs || now_ms < cached_ms || (who.session && who.expires_ms <= now_ms)) {
    entries_.erase(it);
    return std::nullopt;
  }
  return who;
}

void AuthCache::Put(const std::string& token, const Principal& who, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[token] = {who, now_ms};
}

void AuthCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

void Call::ForgetTokens() { state.auth.Clear(); }

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Store> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  Result<store::Store> opened = store::Open(url_);
  if (!opened.ok()) return opened.error();
  return Lease(*this, std::make_unique<store::Store>(std::move(opened).value()));
}

void StorePool::Release(std::unique_ptr<store::Store> db) {
  if (db->in_transaction()) return;  // a handler left it mid-way: drop the connection
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(db));
}

const ServerConfig& Call::config() const { return state.config; }

AuditWriter& Call::audit() { return *state.audit; }

store::Store& Call::db() {
  if (!lease) {
    Result<StorePool::Lease> l = state.pool.Acquire();
    if (!l.ok()) ThrowError(MakeError(ErrorCode::kIo, l.error().message));
    lease.emplace(std::move(l).value());
  }
  return **lease;
}

std::shared_ptr<const ListsSnapshot> Call::lists() const {
  std::lock_guard<std::mutex> lock(state.lists_mu);
  return state.lists;
}

std::string_view Call::Param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

void Call::Reply(int status, std::string json) {
  res.status = status;
  res.set_content(std::move(json), "application/json");
}

namespace {

// Deepest nesting of arrays and objects, counted outside strings, so a body
// nested a million deep is refused before the parser sees it.
int NestingDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

constexpr int kMaxJsonDepth = 32;

}  // namespace

const nlohmann::json& Call::Json() {
  if (json_) return *json_;
  if (body.empty()) Throw(400, "a JSON object body is required");
  if (size_t bad = FirstInvalidUtf8(body); bad != std::string::npos)
    Throw(400, "the body is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  if (NestingDepth(body) > kMaxJsonDepth)
    Throw(400, "the body is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) Throw(400, "the body is not valid JSON");
  if (!parsed.is_object()) Throw(400, "the body must be a JSON object");
  json_ = std::move(parsed);
  return *json_;
}

// ---- Input helpers -----------------------------------------------------------------

void AllowOnly(const nlohmann::json& obj, std::initializer_list<std::string_view> allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (std::string_view a : allowed) known = known || it.key() == a;
    if (!known) Throw(400, "unknown field", it.key());
  }
}

std::string GetString(const nlohmann::json& obj, const char* field, bool required, size_t max_bytes) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    if (required) Throw(400, "required", field);
    return {};
  }
  if (!it->is_string()) Throw(400, "must be a string", field);
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) Throw(400, "longer than " + std::to_string(max_bytes) + " bytes", field);
  if (!IsValidUtf8(s)) Throw(400, "not valid UTF-8", field);
  if (required && Trim(s).empty()) Throw(400, "must not be empty", field);
  return s;
}

std::optional<int64_t> GetInt(const nlohmann::json& obj, const char* field, int64_t min, int64_t max) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) Throw(400, "must be an integer", field);
  const int64_t v = it->get<int64_t>();
  if (v < min || v > max)
    Throw(400, "must be between " + std::to_string(min) + " and " + std::to_string(max), field);
  return v;
}

std::optional<double> GetNumber(const nlohmann::json& obj, const char* field, double min, double max) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) Throw(400, "must be a number", field);
  const double v = it->get<double>();
  if (!(v >= min && v <= max)) Throw(400, "out of range", field);
  return v;
}

std::optional<bool> GetBool(const nlohmann::json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) Throw(400, "must be true or false", field);
  return it->get<bool>();
}

std::string QueryText(const Call& call, const char* name) {
  if (!call.req.has_param(name)) return {};
  std::string v = call.req.get_param_value(name);
  if (v.size() > 256) Throw(400, "longer than 256 bytes", name);
  if (!IsValidUtf8(v)) Throw(400, "not valid UTF-8", name);
  return v;
}

std::optional<bool> QueryBool(const Call& call, const char* name) {
  const std::string v = QueryText(call, name);
  if (v.empty()) return std::nullopt;
  if (v != "true" && v != "false") Throw(400, "must be true or false", name);
  return v == "true";
}

std::optional<int64_t> QueryInt(const Call& call, const char* name, int64_t min, int64_t max) {
  const std::string v = QueryText(call, name);
  if (v.empty()) return std::nullopt;
  int64_t out = 0;
  size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size() || v.size() > 19) Throw(400, "must be an integer", name);
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') Throw(400, "must be an integer", name);
    out = out * 10 + (v[i] - '0');
  }
  if (v[0] == '-') out = -out;
  if (out < min || out > max)
    Throw(400, "must be between " + std::to_string(min) + " and " + std::to_string(max), name);
  return out;
}

std::optional<int64_t> QueryTime(const Call& call, const char* name) {
  const std::string v = QueryText(call, name);
  if (v.empty()) return std::nullopt;
  std::optional<int64_t> ms = ParseTimeMs(v);
  if (!ms) Throw(400, "not a time (expected ISO 8601 UTC, e.g. 2024-01-01T00:00:00Z)", name);
  return FloorSeconds(*ms);
}

int64_t PathInt(const Call& call, const char* name, int64_t min, int64_t max) {
  std::string_view v = call.Param(name);
  if (v.empty() || v.size() > 18) Throw(404, "no such resource");
  int64_t out = 0;
  for (char c : v) {
    if (c < '0' || c > '9') Throw(404, "no such resource");
    out = out * 10 + (c - '0');
  }
  if (out < min || out > max) Throw(404, "no such resource");
  return out;
}

void AppendVersionsJson(JsonWriter& w, const ListsSnapshot& lists) {
  w.BeginArray();
  for (const lists::ListVersion& v : lists.current)
    w.BeginObject().Field("source", v.source).Field("version", v.id).Field("generated", v.generated).EndObject();
  w.EndArray();
}

const std::vector<Route>& AllRoutes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> r;
    AddCoreRoutes(r);
    AddScreenRoutes(r);
    AddListsRoutes(r);
    AddVesselRoutes(r);
    AddAlertRoutes(r);
    AddCouncilRoutes(r);
    AddAdminRoutes(r);
    AddCaseRoutes(r);
    AddDeskRoutes(r);
    AddStaticRoutes(r);
    return r;
  }();
  return routes;
}

std::vector<RouteInfo> Routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : AllRoutes()) out.push_back({r.method, r.path, r.role, r.authenticated});
  return out;
}

namespace {

std::string ErrorJson(std::string_view message, std::string_view field) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("error", message);
  if (!field.empty()) w.Field("field", field);
  w.EndObject();
  return out;
}

std::string StatusText(int status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "no such route";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 411: return "length required";
    case 413: return "the body is too large";
    case 414: return "the URI is too long";
    case 416: return "range not satisfiable";
    case 429: return "too many requests";
    case 431: return "request headers too large";
    case 501: return "not implemented";
    default: return status >= 500 ? "internal error" : "request refused";
  }
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool MatchPath(const Route& route, std::string_view path, std::vector<std::pair<std::string, std::string>>* params) {
  const std::vector<std::string_view> want = Segments(route.path), have = Segments(path);
  if (want.size() != have.size()) return false;
  if (!path.empty() && path.back() == '/' && path.size() > 1) return false;
  std::vector<std::pair<std::string, std::string>> found;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{') {
      if (have[i] == "." || have[i] == "..") return false;
      found.emplace_back(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

// The routes of `path` (any method); empty when the path is unknown.
std::vector<const Route*> RoutesOf(std::string_view path) {
  std::vector<const Route*> out;
  for (const Route& r : AllRoutes())
    if (MatchPath(r, path, nullptr)) out.push_back(&r);
  return out;
}

std::string AllowHeader(const std::vector<const Route*>& routes) {
  std::string allow;
  for (const Route* r : routes) {
    if (allow.find(r->method) != std::string::npos) continue;
    if (!allow.empty()) allow += ", ";
    allow += r->method;
    if (r->method == "GET") allow += ", HEAD";
  }
  return allow;
}

std::string_view BearerToken(const httplib::Request& req) {
  auto it = req.headers.find("Authorization");
  if (it == req.headers.end()) return {};
  std::string_view v = it->second;
  if (v.size() < 7 || !IStartsWith(v, "Bearer ")) return {};
  return Trim(v.substr(7));
}

bool HasBody(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  auto it = req.headers.find("Content-Length");
  return it != req.headers.end() && it->second != "0";
}

// Content-Length as a number, or -1 when absent or not a number.
int64_t ContentLength(const httplib::Request& req) {
  auto it = req.headers.find("Content-Length");
  if (it == req.headers.end() || it->second.empty() || it->second.size() > 18) return -1;
  int64_t n = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Reads the body into `sink` chunk by chunk, within `cap` bytes and the
// body deadline (checked as each chunk arrives; a silent client is cut off
// by the read timeout in between).
void ReadBody(Call& call, const httplib::ContentReader& reader, size_t cap,
              const std::function<bool(const char*, size_t)>& sink) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(call.config().body_timeout_s);
  size_t received = 0;
  bool too_big = false, too_slow = false, sink_failed = false;
  const bool ok = reader([&](const char* data, size_t len) {
    received += len;
    if (received > cap) {
      too_big = true;
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      too_slow = true;
      return false;
    }
    if (!sink(data, len)) {
      sink_failed = true;
      return false;
    }
    return true;
  });
  if (too_big) Throw(413, "the body is larger than " + std::to_string(cap) + " bytes");
  if (too_slow) Throw(408, "the body took longer than " + std::to_string(call.config().body_timeout_s) + " s");
  if (sink_failed) Throw(500, "internal error: the upload could not be written");
  if (!ok) Throw(400, "the body could not be read");
}

class TempFile {
 public:
  explicit TempFile(const std::string& dir) {
    std::string pattern = (dir.empty() ? std::filesystem::temp_directory_path().string() : dir) +
                          "/watchkeeper-upload-XXXXXX";
    fd_ = mkstemp(pattern.data());
    if (fd_ >= 0) path_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    if (!path_.empty()) unlink(path_.c_str());
  }
  bool ok() const { return fd_ >= 0; }
  bool Write(const char* data, size_t len) {
    while (len > 0) {
      ssize_t n = ::write(fd_, data, len);
      if (n <= 0) return false;
      data += n;
      len -= static_cast<size_t>(n);
    }
    return true;
  }
  bool Close() {
    const int rc = close(fd_);
    fd_ = -1;
    return rc == 0;
  }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

void Dispatch(Server::State& st, const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader* reader) {
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  Call call{req, res, st};
  try {
    if (req.path.empty() || req.path[0] != '/') Throw(400, "the path must start with '/'");
    if (!IsValidUtf8(req.path)) Throw(400, "the path is not valid UTF-8");
    const std::vector<const Route*> candidates = RoutesOf(req.path);
    if (candidates.empty()) Throw(404, "no such route");
    const Route* route = nullptr;
    for (const Route* r : candidates)
      if (r->method == method) route = r;
    if (!route) {
      res.set_header("Allow", AllowHeader(candidates));
      Throw(405, "method " + req.method + " is not allowed here");
    }
    call.route = route;
    MatchPath(*route, req.path, &call.params);

    if (route->authenticated) {
      const std::string_view token = BearerToken(req);
      if (token.empty()) {
        res.set_header("WWW-Authenticate", "Bearer");
        Throw(401, "an Authorization: Bearer token is required");
      }
      const int64_t now_ms = NowMs();
      const std::string key(token);
      if (std::optional<Principal> cached = st.auth.Find(key, now_ms)) {
        call.who = *cached;
      } else {
        Result<Principal> who = Authenticate(call.db(), token, now_ms);
        if (!who.ok()) {
          if (who.error().code != ErrorCode::kNotFound) ThrowError(who.error());
          res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
          Throw(401, "the token is unknown, disabled or expired");
        }
        call.who = *who;
        st.auth.Put(key, call.who, now_ms);
      }
      if (!RoleAtLeast(call.who.role, route->role))
        Throw(403, "this needs the " + std::string(RoleName(route->role)) + " role; " + call.who.name + " is " +
                       std::string(RoleName(call.who.role)));
    }

    std::optional<TempFile> upload;
    if (route->body != BodyKind::kNone) {
      const size_t cap = route->body == BodyKind::kUpload ? st.config.max_upload_bytes : st.config.max_json_bytes;
      const int64_t length = ContentLength(req);
      if (length > static_cast<int64_t>(cap)) Throw(413, "the body is larger than " + std::to_string(cap) + " bytes");
      if (!reader) Throw(400, "the body could not be read");
      if (route->body == BodyKind::kJson) {
        call.body.reserve(length > 0 ? static_cast<size_t>(length) : 0);
        ReadBody(call, *reader, cap, [&](const char* d, size_t n) {
          call.body.append(d, n);
          return true;
        });
      } else {
        upload.emplace(st.config.upload_dir);
        if (!upload->ok()) Throw(500, "internal error: no temporary file for the upload");
        ReadBody(call, *reader, cap, [&](const char* d, size_t n) { return upload->Write(d, n); });
        if (!upload->Close()) Throw(500, "internal error: the upload could not be written");
        call.upload_path = upload->path();
      }
    }
    route->handler(call);
  } catch (const HttpError& e) {
    if (e.retry_after_s > 0) res.set_header("Retry-After", std::to_string(e.retry_after_s));
    call.Reply(e.status, ErrorJson(e.message, e.field));
  } catch (const std::exception& e) {
    std::cerr << "watchkeeper serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
    call.Reply(500, ErrorJson("internal error", ""));
  }
}

void SetUpHttp(Server::State& st) {
  httplib::Server& http = st.http;
  const unsigned threads = std::max(1u, st.config.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_read_timeout(static_cast<time_t>(st.config.read_timeout_s), 0);
  http.set_write_timeout(10, 0);
  http.set_keep_alive_max_count(10000);
  http.set_keep_alive_timeout(5);
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(std::max(st.config.max_upload_bytes, st.config.max_json_bytes));
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Cache-Control", "no-store"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  });
  Server::State* s = &st;
  // Bodies on methods that take none are refused before they are read.
  http.set_pre_routing_handler([s](const httplib::Request& req, httplib::Response& res) {
    if (!s->config.cors_origin.empty() && req.get_header_value("Origin") == s->config.cors_origin) {
      res.set_header("Access-Control-Allow-Origin", s->config.cors_origin);
      res.set_header("Vary", "Origin");
    }
    const bool bodiless = req.method == "GET" || req.method == "HEAD" || req.method == "DELETE" ||
                          req.method == "OPTIONS" || req.method == "TRACE";
    if (bodiless && HasBody(req)) {
      res.status = 400;
      res.set_header("Connection", "close");
      res.set_content(ErrorJson(req.method + " takes no body", ""), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "OPTIONS") {
      const std::vector<const Route*> routes = RoutesOf(req.path);
      if (!s->config.cors_origin.empty() && !routes.empty() &&
          req.get_header_value("Origin") == s->config.cors_origin) {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", AllowHeader(routes));
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const std::string any = ".*";
  http.Get(any, [s](const httplib::Request& req, httplib::Response& res) { Dispatch(*s, req, res, nullptr); });
  http.Delete(any, [s](const httplib::Request& req, httplib::Response& res) { Dispatch(*s, req, res, nullptr); });
  http.Options(any, [s](const httplib::Request& req, httplib::Response& res) { Dispatch(*s, req, res, nullptr); });
  http.Post(any, [s](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    Dispatch(*s, req, res, &reader);
  });
  http.Put(any, [s](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    Dispatch(*s, req, res, &reader);
  });
  http.Patch(any, [s](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    Dispatch(*s, req, res, &reader);
  });
  // What cpp-httplib answers itself (a malformed request, a body over the
  // payload limit, TRACE) gets a JSON body too; known paths say 405.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                  httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 404 && !req.path.empty()) {
      const std::vector<const Route*> routes = RoutesOf(req.path);
      if (!routes.empty()) {
        res.status = 405;
        res.set_header("Allow", AllowHeader(routes));
      }
    }
    res.set_content(ErrorJson(StatusText(res.status), ""), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));
}

// ---- Lists snapshot ---------------------------------------------------------------------

Result<std::shared_ptr<const ListsSnapshot>> BuildSnapshot(store::Store& db) {
  auto snap = std::make_shared<ListsSnapshot>();
  Result<std::vector<lists::ListVersion>> all = lists::ListVersions(db);
  if (!all.ok()) return all.error();
  for (const lists::ListVersion& v : *all) snap->max_version_id = std::max(snap->max_version_id, v.id);
  Result<std::vector<lists::ListVersion>> current = lists::CurrentVersions(db);  // by source name
  if (!current.ok()) return current.error();
  snap->current = std::move(current).value();
  Result<std::vector<lists::Entity>> entities = lists::LoadCurrentEntities(db);
  if (!entities.ok()) return entities.error();
  // The listings' parties as `lists parties` builds them.
  Result<std::vector<lists::Judgment>> judgments = lists::LoadJudgmentsIfKept(db);
  if (!judgments.ok()) return judgments.error();
  // Built once: screening answers by them and the listings show them.
  snap->parties = lists::BuildParties(*entities, screen::PartyNameRules(), std::move(judgments).value());
  snap->vessels = alerts::ListIndex(*entities, snap->parties);
  snap->index = screen::Index::Build(std::move(entities).value(), snap->current);
  return std::shared_ptr<const ListsSnapshot>(std::move(snap));
}

Result<int64_t> NewestVersionId(store::Store& db) {
  Result<std::vector<lists::ListVersion>> all = lists::ListVersions(db);
  if (!all.ok()) return all.error();
  int64_t newest = 0;
  for (const lists::ListVersion& v : *all) newest = std::max(newest, v.id);
  return newest;
}

// Runs `round` on a store connection of its own every `interval` until the
// server stops; a round that returns false (the store failed) drops the
// connection, and the next round opens another.
void EveryInterval(Server::State* st, std::chrono::milliseconds interval,
                   const std::function<bool(store::Store&)>& round) {
  std::unique_ptr<store::Store> db;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(st->stop_mu);
      if (st->stop_cv.wait_for(lock, interval, [st] { return st->stopping; })) return;
    }
    if (!db) {
      Result<store::Store> opened = store::Open(st->config.store_url);
      if (!opened.ok()) continue;
      db = std::make_unique<store::Store>(std::move(opened).value());
    }
    if (!round(*db)) db.reset();
  }
}

// Replaces the lists snapshot when a newer list version appears.
void WatchLists(Server::State* st) {
  EveryInterval(st, std::chrono::seconds(std::max<int64_t>(1, st->config.reload_interval_s)), [st](store::Store& db) {
    Result<int64_t> newest = NewestVersionId(db);
    if (!newest.ok()) return false;
    {
      std::lock_guard<std::mutex> lock(st->lists_mu);
      if (*newest == st->lists->max_version_id) return true;
    }
    Result<std::shared_ptr<const ListsSnapshot>> snap = BuildSnapshot(db);
    if (!snap.ok()) {
      std::cerr << "watchkeeper serve: reloading the lists: " << snap.error().message << "\n";
      return true;
    }
    std::lock_guard<std::mutex> lock(st->lists_mu);
    st->lists = *snap;
    return true;
  });
}

// Sends new and escalated alerts to the webhooks (webhooks.cc).
void DeliverAlerts(Server::State* st) {
  EveryInterval(st, std::chrono::milliseconds(std::max<int64_t>(10, st->config.webhook_interval_ms)),
                [st](store::Store& db) {
                  Result<int64_t> sent = DeliverWebhooks(db, st->config.webhooks, NowMs());
                  if (sent.ok()) return true;
                  std::cerr << "watchkeeper serve: webhooks: " << sent.error().message << "\n";
                  return false;
                });
}

}  // namespace

// ---- Server ----------------------------------------------------------------------------

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() {
  Stop();
  Wait();
}

int Server::port() const { return state_->port; }

Result<std::unique_ptr<Server>> Server::Start(const ServerConfig& config) {
  if (config.threads == 0 || config.threads > 256)
    return MakeError(ErrorCode::kInvalidInput, "--threads must be between 1 and 256");
  if (config.port < 0 || config.port > 65535)
    return MakeError(ErrorCode::kInvalidInput, "the port must be between 0 and 65535");
  if (config.login.session_ttl_s < 1)
    return MakeError(ErrorCode::kInvalidInput, "the session lifetime must be at least 1 s");
  if (!config.ports_file.empty())
    if (Result<detect::PortTable> ports = detect::LoadPortsCsv(config.ports_file); !ports.ok())
      return MakeError(ErrorCode::kInvalidInput, ports.error().message);
  // cpp-httplib writes with send(2) flags 0: a client that hangs up would
  // otherwise kill the process with SIGPIPE instead of failing one write.
  std::signal(SIGPIPE, SIG_IGN);
  auto st = std::make_unique<State>(config);
  {
    Result<StorePool::Lease> lease = st->pool.Acquire();
    if (!lease.ok()) return MakeError(ErrorCode::kIo, lease.error().message);
    store::Store& db = **lease;
    for (Status s : {tracks::EnsureSchema(db), lists::EnsureListTables(db), alerts::EnsureAlertTables(db),
                     EnsureApiTables(db)})
      if (!s.ok()) return MakeError(ErrorCode::kIo, s.error().message);
    Result<std::shared_ptr<const ListsSnapshot>> snap = BuildSnapshot(db);
    if (!snap.ok()) return MakeError(ErrorCode::kIo, snap.error().message);
    st->lists = *snap;
  }
  if (!config.upload_dir.empty()) {
    // Uploads a killed server was receiving are left behind: its own folder is cleared.
    std::error_code ec;
    if (!std::filesystem::is_directory(config.upload_dir, ec))
      return MakeError(ErrorCode::kInvalidInput, config.upload_dir + ": the upload folder does not exist");
    for (const auto& entry : std::filesystem::directory_iterator(config.upload_dir, ec))
      if (entry.path().filename().string().rfind("watchkeeper-upload-", 0) == 0) std::filesystem::remove(entry.path(), ec);
  }
  st->audit = std::make_unique<AuditWriter>(config.store_url);
  SetUpHttp(*st);
  if (config.port == 0) {
    st->port = st->http.bind_to_any_port(config.host);
    if (st->port <= 0) return MakeError(ErrorCode::kIo, "cannot listen on " + config.host + ": no free port");
  } else {
    if (!st->http.bind_to_port(config.host, config.port))
      return MakeError(ErrorCode::kIo, "cannot listen on " + config.host + ":" + std::to_string(config.port));
    st->port = config.port;
  }
  State* raw = st.get();
  st->listener = std::thread([raw] { raw->http.listen_after_bind(); });
  st->watcher = std::thread([raw] { WatchLists(raw); });
  st->deliverer = std::thread([raw] { DeliverAlerts(raw); });
  return std::unique_ptr<Server>(new Server(std::move(st)));
}

void Server::Wait() {
  if (state_->listener.joinable()) state_->listener.join();
  {
    std::lock_guard<std::mutex> lock(state_->stop_mu);
    state_->stopping = true;
  }
  state_->stop_cv.notify_all();
  if (state_->watcher.joinable()) state_->watcher.join();
  if (state_->deliverer.joinable()) state_->deliverer.join();
}

void Server::Stop() {
  state_->http.stop();
  {
    std::lock_guard<std::mutex> lock(state_->stop_mu);
    state_->stopping = true;
  }
  state_->stop_cv.notify_all();
}

}  // namespace wk::api
