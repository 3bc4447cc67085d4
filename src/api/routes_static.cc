// The desk's files (web/, built by npm at make time into a folder given to
// `watchkeeper serve --web DIR`): index.html at / and the files directly
// inside DIR/assets at /assets/NAME. They hold code, no data: everything the
// desk shows comes from /api/v1 with the token of a login, so the files are
// served without one. The folder is read once, at the first request, into
// memory; a request names a file of that listing or gets 404, so no request
// path ever reaches the filesystem.
#include <filesystem>
#include <map>
#include <mutex>

#include "api/service.h"
#include "core/core.h"

namespace wk::api {
namespace {

constexpr size_t kMaxWebFileBytes = size_t{64} << 20;

struct WebFile {
  std::string body, type, etag;
};
using WebFiles = std::map<std::string, WebFile, std::less<>>;

// cpp-httplib (Debian's, built with Brotli) compresses every answer whose
// type is text/*, application/javascript or application/json when the client
// accepts br, at Brotli's slowest quality: over a second for the bundle and
// three for the land. The big files are named so that it does not (types a
// browser accepts the same), small ones are left to it.
std::string_view TypeOf(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "application/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/geo+json";  // the land and the DPRK's outline
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "";
}

// "/" -> index.html, "/assets/desk.js" -> assets/desk.js.
WebFiles LoadWebFiles(const std::string& dir) {
  WebFiles files;
  auto add = [&](const std::filesystem::path& path, const std::string& key) {
    const std::string_view type = TypeOf(path);
    if (type.empty()) return;
    Result<std::string> body = ReadFile(path.string(), kMaxWebFileBytes);
    if (!body.ok()) return;
    WebFile f{std::move(body).value(), std::string(type), ""};
    f.etag = "\"" + HashHex(Fnv1a64(f.body)) + "\"";
    files.emplace(key, std::move(f));
  };
  std::error_code ec;
  add(std::filesystem::path(dir) / "index.html", "/");
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(dir) / "assets", ec))
    if (entry.is_regular_file(ec)) add(entry.path(), "/assets/" + entry.path().filename().string());
  return files;
}

const WebFiles& FilesOf(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, WebFiles> loaded;
  std::lock_guard<std::mutex> lock(mu);
  auto it = loaded.find(dir);
  if (it == loaded.end()) it = loaded.emplace(dir, dir.empty() ? WebFiles{} : LoadWebFiles(dir)).first;
  return it->second;
}

void Serve(Call& call, std::string_view key) {
  const WebFiles& files = FilesOf(call.config().web_dir);
  auto it = files.find(key);
  if (it == files.end()) {
    if (files.empty()) Throw(404, "the desk is not built here: build the web target, or start serve with --web DIR");
    Throw(404, "no such file");
  }
  const WebFile& f = it->second;
  httplib::Response& res = call.res;
  res.headers.erase("Content-Security-Policy");
  res.headers.erase("Cache-Control");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                 "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", f.etag);
  if (call.req.get_header_value("If-None-Match") == f.etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(f.body, f.type);
}

void Index(Call& call) { Serve(call, "/"); }

void Asset(Call& call) {
  const std::string key = "/assets/" + std::string(call.Param("file"));
  Serve(call, key);
}

}  // namespace

void AddStaticRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/", Role::kViewer, false, BodyKind::kNone, Index});
  routes.push_back({"GET", "/index.html", Role::kViewer, false, BodyKind::kNone, Index});
  routes.push_back({"GET", "/assets/{file}", Role::kViewer, false, BodyKind::kNone, Asset});
}

}  // namespace wk::api
