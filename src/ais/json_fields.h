// Private to src/ais/: the field helpers of the hot JSON writer (decode.cc,
// decode_binary.cc). Each appends `,"key":value` to a Writer; keys are string
// literals, so their length is known at compile time. No allocation.
#pragma once

#include <cstdint>
#include <string_view>

#include "ais/bits.h"
#include "ais/decode.h"

namespace wk::ais {

// ,"key":
template <size_t N>
inline void Key(Writer& out, const char (&key)[N]) {
  out.push_back(',');
  out.push_back('"');
  out.append(key, N - 1);
  out.push_back('"');
  out.push_back(':');
}

template <size_t N>
inline void U(Writer& out, const char (&key)[N], uint64_t v) {
  Key(out, key);
  AppendUnsigned(out, v);
}
template <size_t N>
inline void I(Writer& out, const char (&key)[N], int64_t v) {
  Key(out, key);
  AppendSigned(out, v);
}
template <size_t N>
inline void Bo(Writer& out, const char (&key)[N], bool v) {
  Key(out, key);
  AppendBool(out, v);
}
// printf("%.*f") of `v`.
template <size_t N>
inline void Fx(Writer& out, const char (&key)[N], double v, int decimals) {
  Key(out, key);
  AppendFixed(out, v, decimals);
}
template <size_t N>
inline void S(Writer& out, const char (&key)[N], std::string_view v) {
  Key(out, key);
  AppendJsonText(out, v);
}
// Six-bit text of `chars` characters at bit `pos`, trimmed as gpsd prints it.
template <size_t N>
inline void Txt(Writer& out, const char (&key)[N], const Bits& b, int pos, int chars) {
  char buf[Bits::kMaxChars];
  const size_t n = b.Text(pos, chars, buf);
  S(out, key, std::string_view(buf, n));
}

// At least two digits: "07", "12", "123".
inline void AppendDigits2(Writer& out, uint64_t v) {
  if (v < 10) out.push_back('0');
  AppendUnsigned(out, v);
}

// "DDTHH:MMZ" and "MM-DDTHH:MMZ" (quoted by the keyed forms), as gpsd prints
// ETAs and the times of application-specific messages.
inline void AppendDayTime(Writer& out, uint64_t day, uint64_t hour, uint64_t minute) {
  AppendDigits2(out, day);
  out.push_back('T');
  AppendDigits2(out, hour);
  out.push_back(':');
  AppendDigits2(out, minute);
  out.push_back('Z');
}
template <size_t N>
inline void DayTime(Writer& out, const char (&key)[N], uint64_t day, uint64_t hour,
                    uint64_t minute) {
  Key(out, key);
  out.push_back('"');
  AppendDayTime(out, day, hour, minute);
  out.push_back('"');
}
template <size_t N>
inline void MonthDayTime(Writer& out, const char (&key)[N], uint64_t month, uint64_t day,
                         uint64_t hour, uint64_t minute) {
  Key(out, key);
  out.push_back('"');
  AppendDigits2(out, month);
  out.push_back('-');
  AppendDayTime(out, day, hour, minute);
  out.push_back('"');
}

}  // namespace wk::ais
