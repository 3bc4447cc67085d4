// Reading inputs in large chunks, line splitting, and the output buffer.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "ais/ais.h"
#include "ais/input.h"

namespace wk::ais {
namespace {

constexpr size_t kChunk = size_t{1} << 20;       // read() size; longest line kept
constexpr size_t kFlushAt = size_t{1} << 20;     // output buffer high-water mark

struct Fd {
  int fd = -1;
  bool owned = false;
  ~Fd() {
    if (owned && fd >= 0) close(fd);
  }
};

Status OpenInput(const std::string& path, Fd& fd) {
  if (path == "-") {
    fd.fd = 0;
    return Ok{};
  }
  fd.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd.fd < 0) return MakeError(ErrorCode::kIo, path + ": " + std::strerror(errno));
  fd.owned = true;
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise(fd.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return Ok{};
}

// Splits the bytes of `fd` into lines for `dec`; calls `drain` after each
// chunk so output can be flushed. Lines longer than kChunk are counted as
// one malformed line and skipped.
template <typename Drain>
Status PumpLines(int fd, const std::string& path, InputDecoder& dec, Drain&& drain) {
  std::unique_ptr<char[]> buf(new char[kChunk]);
  size_t have = 0;
  bool skipping = false;
  while (true) {
    ssize_t n = read(fd, buf.get() + have, kChunk - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return MakeError(ErrorCode::kIo, path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
    size_t start = 0;
    while (start < have) {
      const char* nl = static_cast<const char*>(std::memchr(buf.get() + start, '\n', have - start));
      if (!nl) break;
      const size_t end = static_cast<size_t>(nl - buf.get());
      if (skipping) {
        skipping = false;
      } else if (!dec.Line(std::string_view(buf.get() + start, end - start))) {
        return MakeError(ErrorCode::kInvalidInput, dec.error());
      }
      start = end + 1;
    }
    if (start == 0 && have == kChunk) {
      if (!skipping && !dec.LongLine()) return MakeError(ErrorCode::kInvalidInput, dec.error());
      skipping = true;
      have = 0;
    } else if (start > 0) {
      std::memmove(buf.get(), buf.get() + start, have - start);
      have -= start;
    }
    drain();
  }
  if (have > 0 && !skipping && !dec.Line(std::string_view(buf.get(), have))) {
    return MakeError(ErrorCode::kInvalidInput, dec.error());
  }
  dec.Finish();
  drain();
  return Ok{};
}

bool WriteAll(std::FILE* out, std::string& buf) {
  bool ok = true;
  if (!buf.empty()) ok = std::fwrite(buf.data(), 1, buf.size(), out) == buf.size();
  buf.clear();
  return ok;
}

}  // namespace

Status DecodeFiles(const std::vector<std::string>& paths, const DecodeOptions& options,
                   std::FILE* out, DecodeStats* stats) {
  std::string buf;
  buf.reserve(kFlushAt + (kFlushAt >> 1));
  std::string static_buf;
  std::FILE* static_file = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> static_owner(nullptr, &std::fclose);
  const bool csv = options.format == OutputFormat::kCsv;
  if (csv) {
    static_file = std::tmpfile();
    if (!static_file) return MakeError(ErrorCode::kIo, std::string("tmpfile: ") + std::strerror(errno));
    static_owner.reset(static_file);
    AppendPositionCsvHeader(buf);
  }
  bool write_ok = true;
  for (const std::string& path : paths) {
    Fd fd;
    if (Status s = OpenInput(path, fd); !s.ok()) return s;
    InputDecoder dec(options, path, options.format == OutputFormat::kNone ? nullptr : &buf,
                     csv ? &static_buf : nullptr, nullptr, stats);
    Status s = PumpLines(fd.fd, path, dec, [&] {
      if (buf.size() >= kFlushAt) write_ok &= WriteAll(out, buf);
      if (static_buf.size() >= kFlushAt) write_ok &= WriteAll(static_file, static_buf);
    });
    write_ok &= WriteAll(out, buf);
    if (!s.ok()) {
      std::fflush(out);
      return s;
    }
  }
  if (csv) {
    write_ok &= WriteAll(static_file, static_buf);
    // The second table: static data, after one blank line.
    buf.push_back('\n');
    AppendStaticCsvHeader(buf);
    write_ok &= WriteAll(out, buf);
    std::rewind(static_file);
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, static_file)) > 0) {
      write_ok &= std::fwrite(chunk, 1, n, out) == n;
    }
  }
  if (std::fflush(out) != 0) write_ok = false;
  if (!write_ok) return MakeError(ErrorCode::kIo, std::string("write: ") + std::strerror(errno));
  return Ok{};
}

Status DecodeBuffer(std::string_view data, std::string_view name, const DecodeOptions& options,
                    std::string& out, DecodeStats* stats) {
  std::string static_buf;
  const bool csv = options.format == OutputFormat::kCsv;
  if (csv) AppendPositionCsvHeader(out);
  InputDecoder dec(options, name, options.format == OutputFormat::kNone ? nullptr : &out,
                   csv ? &static_buf : nullptr, nullptr, stats);
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    bool ok = end - start > kChunk ? dec.LongLine() : dec.Line(data.substr(start, end - start));
    if (!ok) return MakeError(ErrorCode::kInvalidInput, dec.error());
    start = end + 1;
  }
  dec.Finish();
  if (csv) {
    out.push_back('\n');
    AppendStaticCsvHeader(out);
    out += static_buf;
  }
  return Ok{};
}

Status ReadReports(const std::string& path, const ReportSink& sink, DecodeStats* stats,
                   bool strict) {
  Fd fd;
  if (Status s = OpenInput(path, fd); !s.ok()) return s;
  DecodeOptions options;
  options.format = OutputFormat::kNone;
  options.strict = strict;
  InputDecoder dec(options, path, nullptr, nullptr, &sink, stats);
  return PumpLines(fd.fd, path, dec, [] {});
}

void PrintStats(const DecodeStats& s, std::FILE* out) {
  std::fprintf(out, "lines: %llu\n", static_cast<unsigned long long>(s.lines));
  std::fprintf(out, "sentences: %llu\n", static_cast<unsigned long long>(s.sentences));
  std::fprintf(out, "messages: %llu\n", static_cast<unsigned long long>(s.messages));
  for (int t = 0; t < 64; ++t) {
    if (s.by_type[t] == 0) continue;
    if (t == 0) {
      std::fprintf(out, "  csv rows / type 0: %llu\n", static_cast<unsigned long long>(s.by_type[t]));
    } else {
      std::fprintf(out, "  type %d: %llu\n", t, static_cast<unsigned long long>(s.by_type[t]));
    }
  }
  std::fprintf(out, "bad checksums: %llu\n", static_cast<unsigned long long>(s.bad_checksums));
  std::fprintf(out, "malformed lines: %llu\n", static_cast<unsigned long long>(s.malformed));
  std::fprintf(out, "incomplete multi-part messages: %llu\n",
               static_cast<unsigned long long>(s.incomplete));
}

}  // namespace wk::ais
