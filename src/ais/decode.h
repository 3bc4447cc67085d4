// Private to src/ais/: message decoders. One pass over the bits writes the
// gpsd-compatible JSON object (field names, order, types and scaling of
// `gpsdecode -s` from gpsd 3.22) and/or fills the value types of ais.h.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "ais/ais.h"
#include "ais/bits.h"

namespace wk::ais {

// A write cursor into a buffer that has room for one whole record (see
// OutBuffer). It mirrors the std::string members the formatters use, so the
// same formatting code serves both, without a capacity check per character.
class Writer {
 public:
  explicit Writer(char* p) : p_(p) {}
  void push_back(char c) { *p_++ = c; }
  void append(const char* s, size_t n) {
    std::memcpy(p_, s, n);
    p_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  Writer& operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  char* end() const { return p_; }

 private:
  char* p_;
};

// Output storage that is grown (and zero-filled) only when it runs short;
// `used` bytes of it are the output. Flushed with one fwrite.
class OutBuffer {
 public:
  // More than the JSON of any one message (at most 1024 payload characters).
  static constexpr size_t kRecordRoom = size_t{1} << 15;

  Writer Begin() {
    Reserve(kRecordRoom);
    return Writer(buf_.data() + used_);
  }
  void End(const Writer& w) { used_ = static_cast<size_t>(w.end() - buf_.data()); }
  void Append(std::string_view s) {
    Reserve(s.size());
    std::memcpy(buf_.data() + used_, s.data(), s.size());
    used_ += s.size();
  }
  void push_back(char c) {
    Reserve(1);
    buf_[used_++] = c;
  }
  std::string_view view() const { return std::string_view(buf_.data(), used_); }
  size_t size() const { return used_; }
  void clear() { used_ = 0; }

 private:
  void Reserve(size_t n) {
    if (buf_.size() - used_ < n) buf_.resize(std::max(2 * buf_.size(), used_ + n + (size_t{1} << 20)));
  }
  std::string buf_;
  size_t used_ = 0;
};

// Why a loaded message cannot be decoded ("message too short": under the
// 38 bits of type, repeat and MMSI; a type 24 part number other than 0 or 1,
// undefined in ITU-R M.1371-5), or null when it can.
const char* MessageDefect(const Bits& bits);

// Appends one JSON object (no newline) for the message; `time_ms` adds "t"
// when known. The message must have no MessageDefect.
void AppendMessageJson(const Bits& bits, int64_t time_ms, Writer& out);

// Type 6/8 application-specific payloads gpsd decodes (IMO 236/289, inland
// ERI, AtoN monitoring): appends their fields and returns true, or returns
// false so the caller prints "data". `start` is the first bit after DAC/FID.
bool AppendBinaryJson(const Bits& bits, int type, int dac, int fid, int start, Writer& out);

// Appends `,"data":"BITS:HEX"` for bits [start, end).
void AppendDataHex(const Bits& bits, int start, int end, Writer& out);

enum ReportKind : int { kNoReport = 0, kPositionReport = 1, kStaticReport = 2 };

// Fills `pos` and/or `stat` from a message; returns which were filled.
// Reuses the strings in `stat` (no allocation once they have grown).
int ExtractReports(const Bits& bits, int64_t time_ms, PositionReport* pos, StaticReport* stat);

// Ship type texts as gpsd prints them ("shiptype_text").
const char* ShipTypeText(unsigned type);

// Literal append without strlen.
template <typename Out, size_t N>
inline void Lit(Out& out, const char (&s)[N]) {
  out.append(s, N - 1);
}

template <typename Out>
inline void AppendUnsigned(Out& out, uint64_t v) {
  char buf[24];
  char* end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, static_cast<size_t>(end - buf));
}
template <typename Out>
inline void AppendSigned(Out& out, int64_t v) {
  char buf[24];
  char* end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, static_cast<size_t>(end - buf));
}
// printf("%.*f") exactly ("nan" for NaN).
template <typename Out>
inline void AppendFixed(Out& out, double v, int decimals) {
  char buf[350];
  if (std::isnan(v)) {
    out.append("nan", 3);
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (r.ec != std::errc()) {
    out.append("0", 1);
    return;
  }
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}
template <typename Out>
inline void AppendBool(Out& out, bool v) {
  if (v) {
    out.append("true", 4);
  } else {
    out.append("false", 5);
  }
}
// A JSON string of ASCII text (six-bit text, table entries): escapes '"',
// '\\' and control characters; other bytes are copied.
void AppendJsonText(Writer& out, std::string_view text);
// "2024-01-01T00:00:00Z", with ".mmm" when the milliseconds are not zero.
void AppendIsoTime(Writer& out, int64_t unix_ms);

}  // namespace wk::ais
