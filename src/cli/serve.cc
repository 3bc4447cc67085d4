// watchkeeper serve: option parsing over api::Server, which does the work.
// SIGINT and SIGTERM stop it cleanly (running requests finish).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "api/api.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/core.h"

namespace wk::cli {
namespace {

struct ServeArgs {
  std::string db = "watchkeeper.db", listen = "127.0.0.1:8080", cors_origin, session_ttl = "8h",
              password_cost = "interactive", upload_dir, ports, web;
  unsigned threads = 8;
  int64_t max_json_kib = 1024, max_upload_mib = 256, read_timeout_s = 5, body_timeout_s = 60,
          reload_interval_s = 2, login_max_failures = 5, login_lock_s = 30;
};

// "8h", "30m", "90s" or plain seconds.
int64_t ParseDuration(const std::string& text, std::string_view option) {
  if (text.empty()) Fail(kExitUsage, std::string(option) + ": empty duration");
  int64_t unit = 1;
  std::string digits = text;
  switch (text.back()) {
    case 's': unit = 1; digits.pop_back(); break;
    case 'm': unit = 60; digits.pop_back(); break;
    case 'h': unit = 3600; digits.pop_back(); break;
    case 'd': unit = 86400; digits.pop_back(); break;
    default: break;
  }
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
    Fail(kExitUsage, std::string(option) + ": not a duration: '" + text + "' (e.g. 8h, 30m, 90s)");
  return std::stoll(digits) * unit;
}

void Serve(const ServeArgs& a) {
  api::ServerConfig c;
  c.store_url = a.db;
  const size_t colon = a.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) Fail(kExitUsage, "--listen must be HOST:PORT");
  c.host = a.listen.substr(0, colon);
  const std::string port = a.listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535)
    Fail(kExitUsage, "--listen: the port must be a number from 0 to 65535");
  c.port = std::stoi(port);
  c.threads = a.threads;
  c.cors_origin = a.cors_origin;
  if (a.max_json_kib < 1 || a.max_upload_mib < 1) Fail(kExitUsage, "body limits must be at least 1");
  c.max_json_bytes = static_cast<size_t>(a.max_json_kib) << 10;
  c.max_upload_bytes = static_cast<size_t>(a.max_upload_mib) << 20;
  if (a.read_timeout_s < 1 || a.body_timeout_s < 1 || a.reload_interval_s < 1)
    Fail(kExitUsage, "timeouts and intervals must be at least 1 s");
  c.read_timeout_s = a.read_timeout_s;
  c.body_timeout_s = a.body_timeout_s;
  c.reload_interval_s = a.reload_interval_s;
  c.upload_dir = a.upload_dir;
  c.ports_file = a.ports;
  c.web_dir = a.web.empty() ? BuiltWebDir() : a.web == "none" ? "" : a.web;
  if (!c.web_dir.empty() && !std::filesystem::exists(std::filesystem::path(c.web_dir) / "index.html"))
    Fail(kExitUsage, "--web " + a.web + ": no index.html there (build the desk: cmake --build build --target web)");
  c.login.session_ttl_s = ParseDuration(a.session_ttl, "--session-ttl");
  if (a.login_max_failures < 1 || a.login_lock_s < 1) Fail(kExitUsage, "login limits must be at least 1");
  c.login.max_failures = static_cast<int>(a.login_max_failures);
  c.login.lock_s = a.login_lock_s;
  RequireChoice("--password-cost", a.password_cost, {"interactive", "min"});
  c.password_cost = a.password_cost == "min" ? api::PasswordCost::kMinimum : api::PasswordCost::kInteractive;

  // Signals go to one thread that stops the server; the workers never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Result<std::unique_ptr<api::Server>> server = api::Server::Start(c);
  if (!server.ok()) Fail(server.error().code == ErrorCode::kInvalidInput ? kExitUsage : kExitBadInput,
                         server.error().message);
  std::string line;
  JsonWriter w(line);
  w.BeginObject().Field("listening", "http://" + c.host + ":" + std::to_string((*server)->port()))
      .Field("port", (*server)->port()).Field("threads", c.threads).EndObject();
  WriteLine(line);
  std::fflush(stdout);
  std::cerr << "watchkeeper: serving " << a.db << " on http://" << c.host << ":" << (*server)->port()
            << "/api/v1 (Ctrl-C stops)\n";
  if (!c.web_dir.empty())
    std::cerr << "watchkeeper: the desk is at http://" << c.host << ":" << (*server)->port() << "/ (from " << c.web_dir
              << ")\n";
  api::Server* s = server->get();
  std::thread waiter([s, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    s->Stop();
  });
  waiter.detach();
  s->Wait();
  std::cerr << "watchkeeper: stopped\n";
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the store over HTTP: JSON REST under /api/v1 with accounts (docs/service.md)");
  cmd->add_option("--db", a->db, kDbHelp);
  cmd->add_option("--listen", a->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free port)");
  cmd->add_option("--threads", a->threads, "worker threads, each serving one connection at a time (default 8)");
  cmd->add_option("--cors-origin", a->cors_origin, "the one origin allowed to call from a browser (default none)");
  cmd->add_option("--session-ttl", a->session_ttl, "how long a login session lasts (default 8h; s, m, h, d)");
  cmd->add_option("--max-json-kib", a->max_json_kib, "largest JSON body in KiB (default 1024)");
  cmd->add_option("--max-upload-mib", a->max_upload_mib, "largest upload in MiB (default 256)");
  cmd->add_option("--read-timeout", a->read_timeout_s, "seconds a read from a connection may wait (default 5)");
  cmd->add_option("--body-timeout", a->body_timeout_s, "seconds a whole request body may take (default 60)");
  cmd->add_option("--reload-interval", a->reload_interval_s,
                  "seconds between looks for a new list version (default 2)");
  cmd->add_option("--ports", a->ports, "ports for the alert rules after uploads (CSV; default the built-in table)");
  cmd->add_option("--upload-dir", a->upload_dir, "folder for uploads on their way in (default the system's)");
  cmd->add_option("--login-max-failures", a->login_max_failures,
                  "failed logins in a row before an account or address is locked (default 5)");
  cmd->add_option("--login-lock", a->login_lock_s, "seconds of the first lock, doubled each failure (default 30)");
  cmd->add_option("--web", a->web,
                  "the desk's built files (default: the web/ folder beside the binary, when built; none: no desk)");
  cmd->add_option("--password-cost", a->password_cost,
                  "Argon2id cost of passwords set through the API: interactive (default) or min (tests)");
  cmd->callback([a] { Serve(*a); });
}

}  // namespace wk::cli
