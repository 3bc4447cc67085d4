// The api tests' harness: the real `watchkeeper serve` started as its own
// process on 127.0.0.1 (a free port it picks and prints), a cpp-httplib client
// to talk to it, accounts made through the library, a small simulated world
// to feed it, and a fingerprint of the store (row counts per table) to show
// that a refused request changed nothing.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "alerts/alerts.h"
#include "api/api.h"
#include "core/core.h"
#include "store/store.h"
#include "testing.h"

namespace wk::testing {

// A server that hangs up on an oversized body must not kill the test with SIGPIPE.
inline const bool kIgnoreSigpipe = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

class ServerProcess {
 public:
  // Starts `watchkeeper serve --db URL --listen 127.0.0.1:0 --password-cost min
  // EXTRA...` and waits for its "listening" line. ok() is false (and error()
  // says why) when it did not start.
  ServerProcess(const std::string& url, const std::vector<std::string>& extra = {},
                const std::string& log_path = "") {
    std::vector<std::string> args = {WK_CLI, "serve", "--db", url, "--listen", "127.0.0.1:0", "--password-cost", "min"};
    args.insert(args.end(), extra.begin(), extra.end());
    int out[2];
    if (pipe(out) != 0) {
      error_ = "pipe failed";
      return;
    }
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      const std::string log = log_path.empty() ? "/dev/null" : log_path;
      int err = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[512];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    nlohmann::json j = nlohmann::json::parse(line.substr(0, line.find('\n')), nullptr, false);
    if (j.is_discarded() || !j.contains("port")) {
      error_ = "the server did not start: '" + line + "'";
      Kill9();
      return;
    }
    port_ = j["port"].get<int>();
  }
  ~ServerProcess() { Stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ok() const { return port_ > 0; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // SIGTERM and wait: the exit status (0 for a clean stop), or -1.
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void Kill9() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  httplib::Client Client(const std::string& token = "") const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    c.set_write_timeout(60, 0);
    c.set_connection_timeout(5, 0);
    if (!token.empty()) c.set_default_headers({{"Authorization", "Bearer " + token}});
    return c;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

// An account made through the library; its API token.
inline std::string MakeAccount(const std::string& url, const std::string& name, api::Role role,
                               const std::string& password = "") {
  Result<store::Store> db = store::Open(url);
  if (!db.ok()) return "";
  Result<api::NewAccount> a = api::AddAccount(*db, "test", name, role);
  if (!a.ok()) return "";
  if (!password.empty() && !api::SetPassword(*db, "test", name, password, api::PasswordCost::kMinimum).ok()) return "";
  return a->token;
}

// Rows per table of every table the store has among those the service
// writes, and the audit chain's rows when the table exists.
inline std::map<std::string, int64_t> StoreFingerprint(const std::string& url) {
  std::map<std::string, int64_t> out;
  Result<store::Store> db = store::Open(url);
  if (!db.ok()) return out;
  for (const char* table : {"api_accounts", "api_sessions", "api_login_throttle", "api_webhooks", "alerts", "alert_events",
                            "alert_vessels", "track_positions", "track_identities", "track_files", "list_versions",
                            "list_entities", "audit_log", "cases", "case_alerts", "case_notes"}) {
    if (!db->TableExists(table)) continue;
    Result<store::Statement> q = db->Prepare(std::string("SELECT count(*) FROM ") + table);
    if (!q.ok() || !q->Step().ok()) continue;
    out[table] = q->Int(0);
  }
  if (db->TableExists("audit_head")) {
    Result<alerts::AuditCheck> check = alerts::VerifyAudit(*db);
    if (check.ok()) {
      out["audit_head_seq"] = check->head_seq;
      out["audit_head_hash"] = static_cast<int64_t>(Fnv1a64(check->head_hash));
      out["audit_intact"] = check->intact ? 1 : 0;
    }
  }
  return out;
}

// A raw TCP connection to the server, for what a well-behaved client would
// not send: unnormalised paths, lying Content-Lengths, bodies that trickle.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  // False once the server has closed the connection (or reset it).
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Everything the server sends until it closes or `timeout_ms` passes
  // without a byte.
  std::string ReadAll(int timeout_ms) {
    std::string out;
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) break;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // One response: its headers and a Content-Length body, or what came
  // before `timeout_ms` passed without a byte.
  std::string ReadResponse(int timeout_ms) {
    std::string out;
    for (;;) {
      const size_t end = out.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length = 0;
        const size_t at = out.find("Content-Length: ");
        if (at != std::string::npos && at < end) length = std::strtoul(out.c_str() + at + 16, nullptr, 10);
        if (out.size() >= end + 4 + length) return out;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return out;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  // The status code of the first response in `raw`, or 0.
  static int StatusOf(const std::string& raw) {
    if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
    return std::atoi(raw.substr(9, 3).c_str());
  }

 private:
  int fd_ = -1;
};

inline nlohmann::json ParseJson(const std::string& text) { return nlohmann::json::parse(text, nullptr, false); }

// A small simulated world (one day, 20 vessels, its fictional designations
// list and ports) written by `watchkeeper simulate` into `dir`.
inline bool SimulateWorld(const std::string& dir) {
  CliRun r = RunCli({"simulate", "--seed", "7", "--vessels", "20", "--days", "1", "--out", dir});
  return r.status == 0;
}

}  // namespace wk::testing
