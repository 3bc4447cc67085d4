// Private to src/ais/: the message bit vector. An AIS payload is "armoured"
// ASCII, six bits per character (ITU-R M.1371-5 / IEC 61162-1 table 7); this
// unpacks it into big-endian bytes so that any field of up to 57 bits is one
// 64-bit load and two shifts.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace wk::ais {

// 6-bit value of an armoured payload character, or 0xFF when the character
// is not one of '0'..'W', '`'..'w'.
struct SixbitTable {
  uint8_t v[256];
  constexpr SixbitTable() : v() {
    for (int i = 0; i < 256; ++i) v[i] = 0xFF;
    for (int c = '0'; c <= 'W'; ++c) v[c] = static_cast<uint8_t>(c - '0');
    for (int c = '`'; c <= 'w'; ++c) v[c] = static_cast<uint8_t>(c - '0' - 8);
  }
};
inline constexpr SixbitTable kSixbit{};

// The 6-bit text alphabet (ITU-R M.1371-5 Table 47): 0 '@', 1..26 'A'..'Z',
// 32 ' ', 48..57 '0'..'9'.
inline constexpr char kSixbitChar[65] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

class Bits {
 public:
  static constexpr int kMaxChars = 1024;            // armoured characters
  static constexpr int kMaxBits = kMaxChars * 6;

  // Unpacks `armoured` (minus `fill_bits` at the end). False when a character
  // is not a payload character or the payload is too long or empty.
  bool Load(std::string_view armoured, int fill_bits) {
    const size_t n = armoured.size();
    if (n == 0 || n > kMaxChars || fill_bits < 0 || fill_bits > 5) return false;
    uint8_t* out = bytes_;
    uint8_t bad = 0;
    const auto* in = reinterpret_cast<const uint8_t*>(armoured.data());
    size_t i = 0;
    // Four characters make three bytes.
    for (; i + 4 <= n; i += 4) {
      const uint8_t a = kSixbit.v[in[i]], b = kSixbit.v[in[i + 1]], c = kSixbit.v[in[i + 2]],
                    d = kSixbit.v[in[i + 3]];
      bad |= a | b | c | d;
      const uint32_t w = (static_cast<uint32_t>(a) << 18) | (static_cast<uint32_t>(b & 0x3F) << 12) |
                         (static_cast<uint32_t>(c & 0x3F) << 6) | (d & 0x3Fu);
      out[0] = static_cast<uint8_t>(w >> 16);
      out[1] = static_cast<uint8_t>(w >> 8);
      out[2] = static_cast<uint8_t>(w);
      out += 3;
    }
    uint64_t acc = 0;
    int acc_bits = 0;
    for (; i < n; ++i) {
      uint8_t v = kSixbit.v[in[i]];
      bad |= v;
      acc = (acc << 6) | (v & 0x3F);
      acc_bits += 6;
      if (acc_bits >= 8) {
        acc_bits -= 8;
        *out++ = static_cast<uint8_t>(acc >> acc_bits);
      }
    }
    if (bad & 0x80) return false;
    if (acc_bits > 0) *out++ = static_cast<uint8_t>(acc << (8 - acc_bits));
    // Zero padding so reads past the end see zeros (and never leave the array).
    std::memset(out, 0, 16);
    nbits_ = static_cast<int>(n * 6) - fill_bits;
    // Clear the fill bits themselves.
    const int last = nbits_;
    if (fill_bits > 0) {
      uint8_t* p = bytes_ + (last >> 3);
      if (last & 7) {
        *p &= static_cast<uint8_t>(0xFF << (8 - (last & 7)));
        ++p;
      }
      while (p < out) *p++ = 0;
    }
    return true;
  }

  int size() const { return nbits_; }
  const uint8_t* bytes() const { return bytes_; }

  // Unsigned field of `len` (1..57) bits at bit `pos`; zeros past the end.
  uint64_t U(int pos, int len) const {
    if (pos >= nbits_ || pos < 0) return 0;  // past the end reads as zeros
    const uint8_t* p = bytes_ + (pos >> 3);
    uint64_t w = (uint64_t{p[0]} << 56) | (uint64_t{p[1]} << 48) | (uint64_t{p[2]} << 40) |
                 (uint64_t{p[3]} << 32) | (uint64_t{p[4]} << 24) | (uint64_t{p[5]} << 16) |
                 (uint64_t{p[6]} << 8) | uint64_t{p[7]};
    w <<= (pos & 7);
    return w >> (64 - len);
  }
  // Two's complement signed field.
  int64_t S(int pos, int len) const {
    uint64_t u = U(pos, len);
    const uint64_t sign = uint64_t{1} << (len - 1);
    return static_cast<int64_t>(u ^ sign) - static_cast<int64_t>(sign);
  }
  bool B(int pos) const { return U(pos, 1) != 0; }

  // Six-bit text of `chars` characters at `pos`, written to `out` (which must
  // hold `chars` bytes). '@' (0) ends the text (ITU-R M.1371-5 Table 47
  // note: "@" is "not available"); blanks are kept. Characters past the end
  // of the message are not read. Returns the length.
  size_t RawText(int pos, int chars, char* out) const {
    int n = 0;
    for (int i = 0; i < chars; ++i) {
      if (pos + 6 * i >= nbits_) break;
      const char c = kSixbitChar[U(pos + 6 * i, 6)];
      if (c == '@') break;
      out[n++] = c;
    }
    return static_cast<size_t>(n);
  }
  // RawText with trailing blanks removed, as gpsd prints text.
  size_t Text(int pos, int chars, char* out) const {
    return TrimTrailingBlanks(out, RawText(pos, chars, out));
  }
  // The length of out[0, n) without its trailing blanks and '@'.
  static size_t TrimTrailingBlanks(const char* out, size_t n) {
    while (n > 0 && (out[n - 1] == '@' || out[n - 1] == ' ')) --n;
    return n;
  }

 private:
  int nbits_ = 0;
  uint8_t bytes_[kMaxBits / 8 + 24] = {};
};

}  // namespace wk::ais
