// Downloading the lists from their publishers with libcurl: conditional
// requests, size caps, verification by parsing, one import transaction.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "lists/parsing.h"
#include "lists/lists_sql.h"
#include "store/store.h"

namespace wk::lists {

using namespace internal;

FetchConfig DefaultFetchConfig() {
  FetchConfig c;
  c.sources = {
      {"un", {"https://scsanctions.un.org/resources/xml/en/consolidated.xml"}},
      {"ofac",
       {"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV"}},
      {"uk", {"https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"}},
      {"eu",
       {"https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"}},
  };
  return c;
}

Result<FetchConfig> ReadFetchConfig(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path, kMaxFieldBytes);  // a config: 1 MiB is plenty
  if (!text.ok()) return text.error();
  FetchConfig c = DefaultFetchConfig();
  size_t line_no = 0;
  for (size_t pos = 0; pos < text->size();) {
    const size_t end = std::min(text->find('\n', pos), text->size());
    std::string_view l = std::string_view(*text).substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (const size_t hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
    l = Trim(l);
    if (l.empty()) continue;
    const size_t eq = l.find('=');
    if (eq == std::string_view::npos) return ErrorAt(path, line_no, "expected 'key = value'");
    const std::string key = Lower(Trim(l.substr(0, eq)));
    const std::string_view value = Trim(l.substr(eq + 1));
    if (key == "timeout" || key == "connect_timeout") {
      long v = 0;
      for (char ch : value) {
        if (ch < '0' || ch > '9') return ErrorAt(path, line_no, key + " must be a number of seconds");
        v = v * 10 + (ch - '0');
        if (v > 86400) return ErrorAt(path, line_no, key + " is more than a day");
      }
      (key == "timeout" ? c.timeout_s : c.connect_timeout_s) = v;
      continue;
    }
    auto it = std::find_if(c.sources.begin(), c.sources.end(), [&](const auto& s) { return s.first == key; });
    if (it == c.sources.end())
      return ErrorAt(path, line_no, "unknown key '" + key + "' (expected un, ofac, uk, eu, timeout, connect_timeout)");
    it->second.clear();
    size_t start = 0;
    for (size_t i = 0; i <= value.size(); ++i) {
      if (i == value.size() || value[i] == ' ' || value[i] == '\t' || value[i] == ',') {
        if (i > start) it->second.emplace_back(value.substr(start, i - start));
        start = i + 1;
      }
    }
    for (const std::string& u : it->second)
      if (!IStartsWith(u, "http://") && !IStartsWith(u, "https://"))
        return ErrorAt(path, line_no, "URL '" + u + "' is not http:// or https://");
    if (it->second.empty()) return ErrorAt(path, line_no, "no URL for " + key);
  }
  return c;
}

std::string_view FetchStatusName(FetchStatus s) {
  switch (s) {
    case FetchStatus::kImported: return "imported";
    case FetchStatus::kNotModified: return "not_modified";
    case FetchStatus::kUnchanged: return "unchanged";
    case FetchStatus::kFailed: break;
  }
  return "failed";
}

namespace {

struct Download {
  long http_status = 0;
  std::string body;
  std::string etag;
  std::string last_modified;
  bool too_big = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  auto* d = static_cast<Download*>(user);
  const size_t bytes = size * n;
  if (d->body.size() + bytes > kMaxFileBytes) {
    d->too_big = true;
    return 0;  // aborts the transfer
  }
  d->body.append(data, bytes);
  return bytes;
}

size_t WriteHeader(char* data, size_t size, size_t n, void* user) {
  auto* d = static_cast<Download*>(user);
  std::string_view line(data, size * n);
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view key = Trim(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (IEquals(key, "ETag")) d->etag = std::string(value);
    if (IEquals(key, "Last-Modified")) d->last_modified = std::string(value);
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a redirect): forget the previous headers.
    d->etag.clear();
    d->last_modified.clear();
  }
  return size * n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<Download> Get(const std::string& url, const FetchConfig& config, const std::string& etag,
                     const std::string& last_modified) {
  GlobalInit();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return MakeError(ErrorCode::kIo, "cannot initialise libcurl");
  Download d;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  if (!etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
  if (!last_modified.empty()) headers = curl_slist_append(headers, ("If-Modified-Since: " + last_modified).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers, curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, config.timeout_s);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "watchkeeper-lists/1");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &d);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &d);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  const CURLcode rc = curl_easy_perform(c);
  if (d.too_big) return MakeError(ErrorCode::kIo, url + ": larger than 1 GiB, refused");
  if (rc != CURLE_OK) {
    std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_PARTIAL_FILE) why += " (transfer truncated)";
    return MakeError(ErrorCode::kIo, url + ": " + why);
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &d.http_status);
  if (d.http_status != 200 && d.http_status != 304)
    return MakeError(ErrorCode::kIo, url + ": HTTP " + std::to_string(d.http_status));
  return d;
}

struct State {
  std::string etag, last_modified;
};

State LoadState(store::Store& db, const std::string& url) {
  State s;
  Result<store::Statement> st = db.Prepare(sql::kFetchState);
  if (!st.ok()) return s;
  st->Bind(1, url);
  if (Result<bool> r = st->Step(); r.ok() && *r) {
    s.etag = std::string(st->Text(0));
    s.last_modified = std::string(st->Text(1));
  }
  return s;
}

Status SaveState(store::Store& db, const std::string& url, const Download& d) {
  Result<store::Statement> st = db.Prepare(sql::kSaveFetchState);
  if (!st.ok()) return st.error();
  const auto now = std::chrono::system_clock::now();
  st->Bind(1, url).Bind(2, d.etag).Bind(3, d.last_modified);
  st->Bind(4, FormatTime(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()));
  return st->Run();
}

// Parses the downloaded files of one source.
Result<ListFile> ParseDownloads(const std::string& source, const std::vector<std::string>& urls,
                                const std::vector<Download>& files) {
  OfacCsvInput ofac;
  int main_index = -1;
  for (size_t i = 0; i < files.size(); ++i) {
    const Format f = DetectFormat(files[i].body);
    switch (f) {
      case Format::kOfacAltCsv:
        ofac.alt = files[i].body;
        ofac.alt_name = urls[i];
        break;
      case Format::kOfacAddCsv:
        ofac.add = files[i].body;
        ofac.add_name = urls[i];
        break;
      case Format::kOfacCommentsCsv:
        ofac.comments = files[i].body;
        ofac.comments_name = urls[i];
        break;
      default:
        if (main_index >= 0)
          return ErrorAt(urls[i], 0, "a second main list file for " + source + " (" + std::string(FormatName(f)) + ")");
        main_index = static_cast<int>(i);
    }
  }
  if (main_index < 0) return ErrorAt(urls[0], 0, "no main list file among the downloads");
  const Download& main = files[static_cast<size_t>(main_index)];
  const std::string& name = urls[static_cast<size_t>(main_index)];
  Result<ListFile> list = [&]() -> Result<ListFile> {
    if (DetectFormat(main.body) == Format::kOfacSdnCsv) {
      ofac.sdn = main.body;
      ofac.sdn_name = name;
      return ParseOfacCsv(ofac);
    }
    return ParseList(main.body, name);
  }();
  if (!list.ok()) return list.error();
  if (list->source != source)
    return ErrorAt(name, 0, "expected a " + source + " list, got " + std::string(FormatName(list->format)));
  if (list->entities.empty()) return ErrorAt(name, 0, "the list has no entries; refusing to replace the current one");
  return list;
}

}  // namespace

namespace {

// One source: download (conditionally), verify, import in its own
// transaction, then remember the validators.
Result<FetchResult> FetchOne(store::Store& db, const FetchConfig& config, const std::string& src,
                             const std::vector<std::string>& urls) {
  FetchResult r;
  r.source = src;
  r.urls = urls;
  // The first URL is the list itself: ask conditionally. Companions are
  // fetched only when it changed, and then unconditionally.
  const State st = LoadState(db, urls[0]);
  Result<Download> first = Get(urls[0], config, st.etag, st.last_modified);
  if (!first.ok()) return first.error();
  Result<std::vector<ListVersion>> cur = CurrentVersions(db, src);
  if (!cur.ok()) return cur.error();
  if (first->http_status == 304) {
    r.status = FetchStatus::kNotModified;
    if (!cur->empty()) r.version = cur->front();
    return r;
  }
  std::vector<Download> files;
  files.push_back(std::move(*first));
  for (size_t i = 1; i < urls.size(); ++i) {
    Result<Download> d = Get(urls[i], config, "", "");
    if (!d.ok()) return d.error();
    files.push_back(std::move(*d));
  }
  for (const Download& d : files) r.bytes += static_cast<int64_t>(d.body.size());
  Result<ListFile> list = ParseDownloads(src, urls, files);
  if (!list.ok()) return list.error();
  // Same entities as the current version: nothing to import.
  if (!cur->empty() && cur->front().content_hash == EntitiesContentHash(list->entities)) {
    r.status = FetchStatus::kUnchanged;
    r.version = cur->front();
  } else {
    Result<std::vector<ListVersion>> versions = ImportLists(db, {*list});
    if (!versions.ok()) return versions.error();
    r.status = FetchStatus::kImported;
    r.version = versions->front();
  }
  // Validators are remembered only once the content is safely stored.
  for (size_t i = 0; i < urls.size(); ++i)
    if (Status s = SaveState(db, urls[i], files[i]); !s.ok()) return s.error();
  return r;
}

}  // namespace

Result<std::vector<FetchResult>> FetchLists(store::Store& db, const FetchConfig& config, std::string_view source) {
  if (Status s = EnsureListTables(db); !s.ok()) return s.error();
  std::vector<std::pair<std::string, std::vector<std::string>>> wanted;
  for (const auto& s : config.sources)
    if (source == "all" || source.empty() || s.first == source) wanted.push_back(s);
  if (wanted.empty())
    return MakeError(ErrorCode::kInvalidInput, "unknown source '" + std::string(source) + "' (un, ofac, uk, eu or all)");
  std::vector<FetchResult> results;
  for (const auto& [src, urls] : wanted) {
    if (urls.empty()) continue;
    Result<FetchResult> r = FetchOne(db, config, src, urls);
    if (r.ok()) {
      results.push_back(std::move(*r));
      continue;
    }
    // One source failing leaves the others' updates in place.
    FetchResult failed;
    failed.source = src;
    failed.urls = urls;
    failed.status = FetchStatus::kFailed;
    failed.error = r.error().message;
    Result<std::vector<ListVersion>> cur = CurrentVersions(db, src);
    if (cur.ok() && !cur->empty()) failed.version = cur->front();
    results.push_back(std::move(failed));
  }
  return results;
}

}  // namespace wk::lists
