// Reading inputs in large chunks, line splitting, and the output buffer.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

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
  // A device that never ends (/dev/zero, /dev/urandom) is no capture; a
  // terminal and a pipe are read as they come.
  struct stat st;
  if (fstat(fd.fd, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) && !isatty(fd.fd))
    return MakeError(ErrorCode::kInvalidInput, path + ": a device, not a file of AIS");
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

// Anything read as AIS: an NMEA sentence (whatever its checksum) or a row of
// an AIS CSV layout.
uint64_t AisSeen(const DecodeStats& s) { return s.sentences + s.messages + s.bad_checksums; }

Status NoAis(const std::string& path) {
  return MakeError(ErrorCode::kInvalidInput,
                   "no AIS in " + (path == "-" ? std::string("stdin") : path) +
                       ": no NMEA sentence and no AIS CSV row");
}

bool WriteAll(std::FILE* out, OutBuffer& buf) {
  bool ok = true;
  if (buf.size()) ok = std::fwrite(buf.view().data(), 1, buf.size(), out) == buf.size();
  buf.clear();
  return ok;
}

void AppendHeader(OutBuffer& out, void (*header)(std::string&)) {
  std::string s;
  header(s);
  out.Append(s);
}

// Cores not busy with other work (1-minute load average): a second thread
// only pays when a core is free for it; on a loaded machine it waits.
double IdleCores() {
  const unsigned cores = std::thread::hardware_concurrency();
  double load[1];
  if (cores < 2 || getloadavg(load, 1) != 1) return 0;
  return cores - load[0];
}

void AddStats(DecodeStats& into, const DecodeStats& from) {
  into.lines += from.lines;
  into.sentences += from.sentences;
  into.messages += from.messages;
  for (int i = 0; i < 64; ++i) into.by_type[i] += from.by_type[i];
  into.bad_checksums += from.bad_checksums;
  into.malformed += from.malformed;
  into.incomplete += from.incomplete;
}

// Where to cut [begin, end) into two regions for two threads: just after a
// newline near the middle, where the next line is a sentence ('!') and no time
// header is waiting for it. 0 when there is no such place nearby.
size_t FindSplit(const char* data, size_t begin, size_t end) {
  const size_t limit = end - begin < 4096 ? begin : begin + (end - begin) / 2 + (end - begin) / 4;
  size_t at = begin + (end - begin) / 2;
  while (at < limit) {
    const char* nl = static_cast<const char*>(std::memchr(data + at, '\n', limit - at));
    if (!nl) return 0;
    at = static_cast<size_t>(nl - data) + 1;
    if (at < end && data[at] == '!') return at;
  }
  return 0;
}

// Calls `line` for each line of data[begin, end), which ends with '\n'.
template <typename Fn>
bool ForLines(const char* data, size_t begin, size_t end, Fn&& line) {
  while (begin < end) {
    const char* nl = static_cast<const char*>(std::memchr(data + begin, '\n', end - begin));
    const size_t stop = nl ? static_cast<size_t>(nl - data) : end;
    if (!line(std::string_view(data + begin, stop - begin))) return false;
    begin = stop + 1;
  }
  return true;
}

// The two-thread path for NMEA to JSON Lines or none, not strict: each block
// is cut in two regions; the first continues the stream's state, the second
// starts empty on another thread and keeps the later fragments of messages
// begun before it (orphans). The first region's decoder then takes the
// orphans, and the messages they complete are spliced into the second
// region's output where one sequential pass would have printed them. Output
// and counts equal the sequential run's; a boundary that is not clean (a
// time header waiting) is redone sequentially.
Status PumpParallel(int fd, const std::string& path, const DecodeOptions& options,
                    std::FILE* out, DecodeStats* stats, bool& write_ok) {
  constexpr size_t kBlock = size_t{4} << 20;
  std::unique_ptr<char[]> buf(new char[kBlock]);
  const bool json = options.format == OutputFormat::kJsonl;
  OutBuffer outs[2], splice;
  DecodeStats local[2];
  InputDecoder dec0(options, path, json ? &outs[0] : nullptr, nullptr, nullptr, &local[0]);
  InputDecoder dec1(options, path, json ? &outs[1] : nullptr, nullptr, nullptr, &local[1]);
  InputDecoder* cur = &dec0;
  InputDecoder* other = &dec1;
  OutBuffer* cur_out = &outs[0];
  OutBuffer* other_out = &outs[1];
  std::vector<std::pair<size_t, size_t>> splices;
  auto write = [&](std::string_view v) {
    if (!v.empty()) write_ok &= std::fwrite(v.data(), 1, v.size(), out) == v.size();
  };
  auto flush_cur = [&] {
    write(cur_out->view());
    cur_out->clear();
  };
  size_t have = 0;
  bool skipping = false;
  bool eof = false;
  while (!eof) {
    // Fill the block.
    while (have < kBlock) {
      ssize_t n = read(fd, buf.get() + have, kBlock - have);
      if (n < 0) {
        if (errno == EINTR) continue;
        return MakeError(ErrorCode::kIo, path + ": " + std::strerror(errno));
      }
      if (n == 0) {
        eof = true;
        break;
      }
      have += static_cast<size_t>(n);
    }
    const char* data = buf.get();
    size_t begin = 0;
    if (skipping) {
      const char* nl = static_cast<const char*>(std::memchr(data, '\n', have));
      if (!nl) {
        have = 0;
        continue;
      }
      skipping = false;
      begin = static_cast<size_t>(nl - data) + 1;
    }
    // The complete lines: up to the last newline.
    size_t end = begin;
    for (size_t i = have; i > begin; --i) {
      if (data[i - 1] == '\n') {
        end = i;
        break;
      }
    }
    if (end == begin && have == kBlock && begin == 0) {
      cur->LongLine();
      skipping = true;
      have = 0;
      continue;
    }
    if (eof && end < have) end = have;  // the last line has no newline
    size_t split = cur->is_nmea() ? FindSplit(data, begin, end) : 0;
    if (split == 0) {
      ForLines(data, begin, end, [&](std::string_view l) { return cur->Line(l); });
    } else {
      other->AssumeNmea();
      other->StartRegion();
      cur->ContinueStream();
      std::thread worker([&] {
        ForLines(data, split, end, [&](std::string_view l) { return other->Line(l); });
      });
      ForLines(data, begin, split, [&](std::string_view l) { return cur->Line(l); });
      worker.join();
      if (cur->has_pending_time()) {
        // Not a clean boundary: the second region again, sequentially.
        ForLines(data, split, end, [&](std::string_view l) { return cur->Line(l); });
        // Forget what the other thread did (its counts and output).
        other->DiscardRegion();
        other_out->clear();
        flush_cur();
      } else {
        splice.clear();
        splices.clear();
        cur->AdoptOrphans(*other, splice, splices);
        flush_cur();
        // The second region's output with the spliced messages in place.
        size_t from = 0, splice_from = 0;
        const std::string_view o = other_out->view(), sp = splice.view();
        for (const auto& [offset, splice_end] : splices) {
          write(o.substr(from, offset - from));
          write(sp.substr(splice_from, splice_end - splice_from));
          from = offset;
          splice_from = splice_end;
        }
        write(o.substr(from));
        other_out->clear();
        std::swap(cur, other);
        std::swap(cur_out, other_out);
      }
    }
    flush_cur();
    std::memmove(buf.get(), buf.get() + end, have - end);
    have -= end;
  }
  dec0.Finish();
  dec1.Finish();
  flush_cur();
  if (stats) {
    AddStats(*stats, local[0]);
    AddStats(*stats, local[1]);
  }
  return Ok{};
}

}  // namespace

Status DecodeFiles(const std::vector<std::string>& paths, const DecodeOptions& options,
                   std::FILE* out, DecodeStats* stats) {
  DecodeStats local_stats;
  if (stats == nullptr) stats = &local_stats;
  OutBuffer buf, static_buf;
  std::FILE* static_file = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> static_owner(nullptr, &std::fclose);
  const bool csv = options.format == OutputFormat::kCsv;
  if (csv) {
    static_file = std::tmpfile();
    if (!static_file) return MakeError(ErrorCode::kIo, std::string("tmpfile: ") + std::strerror(errno));
    static_owner.reset(static_file);
    AppendHeader(buf, AppendPositionCsvHeader);
  }
  bool write_ok = true;
  const bool parallel = !options.strict && options.format != OutputFormat::kCsv &&
                        (options.threads > 1 || (options.threads == 0 && IdleCores() >= 1.5));
  for (const std::string& path : paths) {
    Fd fd;
    if (Status s = OpenInput(path, fd); !s.ok()) return s;
    const uint64_t seen_before = AisSeen(*stats);
    if (parallel) {
      const std::string name = path == "-" ? "stdin" : path;
      Status s = PumpParallel(fd.fd, name, options, out, stats, write_ok);
      if (!s.ok()) {
        std::fflush(out);
        return s;
      }
      if (AisSeen(*stats) == seen_before) return NoAis(path);
      continue;
    }
    const std::string name = path == "-" ? "stdin" : path;
    InputDecoder dec(options, name, options.format == OutputFormat::kNone ? nullptr : &buf,
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
    if (AisSeen(*stats) == seen_before) {
      std::fflush(out);
      return NoAis(path);
    }
  }
  if (csv) {
    write_ok &= WriteAll(static_file, static_buf);
    // The second table: static data, after one blank line.
    buf.push_back('\n');
    AppendHeader(buf, AppendStaticCsvHeader);
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
  OutBuffer buf, static_buf;
  const bool csv = options.format == OutputFormat::kCsv;
  if (csv) AppendPositionCsvHeader(out);
  InputDecoder dec(options, name, options.format == OutputFormat::kNone ? nullptr : &buf,
                   csv ? &static_buf : nullptr, nullptr, stats);
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    bool ok = end - start > kChunk ? dec.LongLine() : dec.Line(data.substr(start, end - start));
    if (buf.size() >= kFlushAt) {
      out.append(buf.view());
      buf.clear();
    }
    if (!ok) {
      out.append(buf.view());
      return MakeError(ErrorCode::kInvalidInput, dec.error());
    }
    start = end + 1;
  }
  dec.Finish();
  out.append(buf.view());
  if (csv) {
    out.push_back('\n');
    AppendStaticCsvHeader(out);
    out.append(static_buf.view());
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
  const std::string name = path == "-" ? "stdin" : path;
  DecodeStats local_stats;
  if (stats == nullptr) stats = &local_stats;
  const uint64_t seen_before = AisSeen(*stats);
  InputDecoder dec(options, name, nullptr, nullptr, &sink, stats);
  if (Status s = PumpLines(fd.fd, path, dec, [] {}); !s.ok()) return s;
  if (AisSeen(*stats) == seen_before) return NoAis(path);
  return Ok{};
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
