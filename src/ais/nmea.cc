#include "ais/nmea.h"

#include <cstring>

namespace wk::ais {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses a run of digits (at most 18); false if empty or not all digits.
bool ParseDigits(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits).
int64_t EpochTextMs(std::string_view s) {
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  int64_t v;
  if (!ParseDigits(whole, &v)) return kUnknownTime;
  if (whole.size() == 13) return dot == std::string_view::npos ? v : kUnknownTime;
  if (whole.size() != 10) return kUnknownTime;
  int64_t ms = v * 1000;
  if (dot != std::string_view::npos) {
    std::string_view frac = s.substr(dot + 1);
    int scale = 100;
    for (char c : frac) {
      if (!IsDigit(c)) return kUnknownTime;
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  return ms;
}

// Time from a receiver prefix before the sentence: epoch seconds or ms, or a
// date-time ParseTimeMs understands, followed by separators.
int64_t PrefixTimeMs(std::string_view prefix) {
  while (!prefix.empty() && (prefix.back() == ' ' || prefix.back() == ',' ||
                             prefix.back() == ';' || prefix.back() == '\t' ||
                             prefix.back() == ':' || prefix.back() == '|')) {
    prefix.remove_suffix(1);
  }
  while (!prefix.empty() && (prefix.front() == ' ' || prefix.front() == '[')) prefix.remove_prefix(1);
  if (!prefix.empty() && prefix.back() == ']') prefix.remove_suffix(1);
  if (prefix.empty() || prefix.size() > 40) return kUnknownTime;
  int64_t ms = EpochTextMs(prefix);
  if (ms != kUnknownTime) return ms;
  if (auto t = ParseTimeMs(prefix)) return *t;
  return kUnknownTime;
}

// `$PGHP,1,yyyy,mm,dd,HH,MM,SS,mmm,...`: the DMA receiver time header.
int64_t PghpTimeMs(std::string_view line) {
  int64_t f[8];
  size_t pos = 6;  // after "$PGHP,"
  for (int i = 0; i < 8; ++i) {
    size_t end = line.find(',', pos);
    if (end == std::string_view::npos) return kUnknownTime;
    if (!ParseDigits(line.substr(pos, end - pos), &f[i])) return kUnknownTime;
    pos = end + 1;
  }
  if (f[0] != 1 || f[2] < 1 || f[2] > 12 || f[3] < 1 || f[3] > 31 || f[4] > 23 || f[5] > 59 ||
      f[6] > 60 || f[7] > 999 || f[1] < 1970 || f[1] > 9999) {
    return kUnknownTime;
  }
  int64_t days = DaysFromCivil(f[1], static_cast<unsigned>(f[2]), static_cast<unsigned>(f[3]));
  return ((days * 24 + f[4]) * 60 + f[5]) * 60000 + f[6] * 1000 + f[7];
}

int ChannelIndex(char c) {
  switch (c) {
    case 'A': return 0;
    case 'B': return 1;
    case '1': return 2;
    case '2': return 3;
    case 'C': return 4;
    default: return 5;
  }
}

}  // namespace

int64_t TagBlockTimeMs(std::string_view body) {
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find(',', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view field = body.substr(pos, end - pos);
    if (field.size() > 2 && field[0] == 'c' && field[1] == ':') {
      int64_t v;
      std::string_view digits = field.substr(2);
      if (ParseDigits(digits, &v)) {
        // Seconds until 2286; 12+ digits can only be milliseconds.
        return digits.size() >= 12 ? v : v * 1000;
      }
    }
    pos = end + 1;
  }
  return kUnknownTime;
}

LineKind NmeaReader::Feed(std::string_view line, uint64_t line_no) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line[0] == '#') return LineKind::kSkipped;
  if (line[0] == '$') {
    if (line.size() > 6 && line.substr(0, 6) == "$PGHP,") {
      int64_t t = PghpTimeMs(line);
      if (t != kUnknownTime) pending_time_ms_ = t;
    }
    return LineKind::kSkipped;
  }

  // Find the sentence start, reading a tag block on the way.
  int64_t time_ms = kUnknownTime;
  size_t bang = std::string_view::npos;
  size_t start = 0;
  for (size_t i = line[0] == '!' ? line.size() : 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '!') {
      bang = i;
      break;
    }
    if (c == '\\') {
      size_t close = line.find('\\', i + 1);
      if (close == std::string_view::npos) return Malformed("unterminated tag block");
      std::string_view block = line.substr(i + 1, close - i - 1);
      size_t star = block.rfind('*');
      bool valid = false;
      if (star != std::string_view::npos && star + 3 == block.size()) {
        int hi = HexValue(block[star + 1]), lo = HexValue(block[star + 2]);
        uint8_t sum = 0;
        for (size_t k = 0; k < star; ++k) sum ^= static_cast<uint8_t>(block[k]);
        valid = hi >= 0 && lo >= 0 && sum == ((hi << 4) | lo);
      }
      if (valid) {
        int64_t t = TagBlockTimeMs(block.substr(0, star));
        if (t != kUnknownTime) time_ms = t;
      }
      if (time_ms == kUnknownTime && i > start) time_ms = PrefixTimeMs(line.substr(start, i - start));
      start = close + 1;
      i = close;
      continue;
    }
  }
  if (line[0] == '!') bang = 0;
  if (bang == std::string_view::npos) {
    if (start == line.size() && start > 0) {
      // A tag block alone on its line: its time is for the next sentence.
      if (time_ms != kUnknownTime) pending_time_ms_ = time_ms;
      return LineKind::kSkipped;
    }
    return Malformed("no NMEA sentence");
  }
  if (time_ms == kUnknownTime && bang > start) time_ms = PrefixTimeMs(line.substr(start, bang - start));

  std::string_view s = line.substr(bang);
  if (s.size() < 7 || s[3] != 'V' || s[4] != 'D' || (s[5] != 'M' && s[5] != 'O') || s[6] != ',') {
    return Malformed("not a VDM/VDO sentence");
  }
  // Checksum over the characters between '!' and '*', eight at a time.
  const void* star_ptr = std::memchr(s.data() + 1, '*', s.size() - 1);
  if (!star_ptr) return Malformed("no checksum");
  const size_t star = static_cast<size_t>(static_cast<const char*>(star_ptr) - s.data());
  if (star + 2 >= s.size()) return Malformed("no checksum");
  uint64_t wide = 0;
  size_t k = 1;
  for (; k + 8 <= star; k += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + k, 8);
    wide ^= w;
  }
  wide ^= wide >> 32;
  wide ^= wide >> 16;
  wide ^= wide >> 8;
  uint8_t sum = static_cast<uint8_t>(wide);
  for (; k < star; ++k) sum ^= static_cast<uint8_t>(s[k]);
  int hi = HexValue(s[star + 1]), lo = HexValue(s[star + 2]);
  if (hi < 0 || lo < 0) return Malformed("checksum is not hex");
  if (sum != ((hi << 4) | lo)) {
    reason_ = "bad checksum";
    return LineKind::kBadChecksum;
  }
  // Trailing receiver fields: the first epoch time among them.
  if (time_ms == kUnknownTime && star + 3 < s.size() && s[star + 3] == ',') {
    size_t pos = star + 4;
    while (pos <= s.size()) {
      size_t end = s.find(',', pos);
      if (end == std::string_view::npos) end = s.size();
      int64_t t = EpochTextMs(s.substr(pos, end - pos));
      if (t != kUnknownTime) {
        time_ms = t;
        break;
      }
      pos = end + 1;
    }
  }

  // Fields: total, number, seq id, channel, payload, fill bits. The usual
  // shape ("1,1,,A,PAYLOAD,0") is read by position; anything else by commas.
  std::string_view body = s.substr(7, star - 7);
  std::string_view f[6];
  const char* b = body.data();
  const size_t bn = body.size();
  size_t p = 4;
  bool fast = bn >= 8 && b[1] == ',' && b[3] == ',';
  if (fast) {
    f[0] = body.substr(0, 1);
    f[1] = body.substr(2, 1);
    if (b[p] == ',') {
      f[2] = {};
      p += 1;
    } else if (p + 1 < bn && b[p + 1] == ',') {
      f[2] = body.substr(p, 1);
      p += 2;
    } else {
      fast = false;
    }
  }
  if (fast) {
    if (p < bn && b[p] == ',') {
      f[3] = {};
      p += 1;
    } else if (p + 1 < bn && b[p + 1] == ',') {
      f[3] = body.substr(p, 1);
      p += 2;
    } else {
      fast = false;
    }
  }
  if (fast && bn >= p + 2 && b[bn - 2] == ',') {
    f[4] = body.substr(p, bn - 2 - p);
    f[5] = body.substr(bn - 1);
    fast = f[4].find(',') == std::string_view::npos;
  } else {
    fast = false;
  }
  if (!fast) {
    for (int i = 0; i < 5; ++i) {
      size_t comma = body.find(',');
      if (comma == std::string_view::npos) return Malformed("too few fields");
      f[i] = body.substr(0, comma);
      body.remove_prefix(comma + 1);
    }
    f[5] = body;
  }
  if (f[0].size() != 1 || f[1].size() != 1 || !IsDigit(f[0][0]) || !IsDigit(f[1][0])) {
    return Malformed("bad fragment count or number");
  }
  const int total = f[0][0] - '0', number = f[1][0] - '0';
  if (total < 1 || number < 1 || number > total) return Malformed("bad fragment count or number");
  if (f[2].size() > 1 || (f[2].size() == 1 && !IsDigit(f[2][0]))) return Malformed("bad sequence id");
  if (f[3].size() > 1) return Malformed("bad channel");
  if (f[5].size() != 1 || f[5][0] < '0' || f[5][0] > '5') return Malformed("bad fill bits");
  const int fill = f[5][0] - '0';
  std::string_view payload = f[4];
  // A later fragment may be empty (the message ends with the fragment
  // before it); a message cannot start with nothing.
  if (payload.empty() && number == 1) return Malformed("empty payload");
  if (payload.size() > static_cast<size_t>(Bits::kMaxChars)) return Malformed("payload too long");

  if (time_ms == kUnknownTime) time_ms = pending_time_ms_;
  pending_time_ms_ = kUnknownTime;
  const char channel = f[3].empty() ? 0 : f[3][0];

  if (total == 1) {
    message_.payload = payload;
    message_.fill_bits = fill;
    message_.time_ms = time_ms;
    message_.channel = channel;
    message_.fragments = 1;
    return LineKind::kMessage;
  }

  const int ci = ChannelIndex(channel), si = f[2].empty() ? 10 : f[2][0] - '0';
  if (orphans_) {
    if (number > 1 && !first_seen_[ci][si]) return LineKind::kOrphan;
    if (number == 1) first_seen_[ci][si] = true;
  }
  Slot& slot = slots_[ci][si];
  if (slot.busy && line_no - slot.start_line > kMaxSpanLines) {
    slot.busy = false;  // stale
    ++incomplete_;
  }
  if (number == 1) {
    if (slot.busy) ++incomplete_;
    slot.busy = true;
    slot.total = total;
    slot.next = 2;
    slot.start_line = line_no;
    slot.time_ms = time_ms;
    slot.len = 0;
  } else if (!slot.busy || slot.total != total || slot.next != number) {
    // Out of order, or its first fragment was lost: drop it and what came before.
    ++incomplete_;
    slot.busy = false;
    return LineKind::kFragment;
  } else {
    ++slot.next;
    if (slot.time_ms == kUnknownTime) slot.time_ms = time_ms;
  }
  if (slot.len + payload.size() > sizeof(slot.payload)) {
    slot.busy = false;
    return Malformed("payload too long");
  }
  std::memcpy(slot.payload + slot.len, payload.data(), payload.size());
  slot.len += static_cast<int>(payload.size());
  if (number < total) return LineKind::kFragment;
  slot.busy = false;
  message_.payload = std::string_view(slot.payload, static_cast<size_t>(slot.len));
  message_.fill_bits = fill;
  message_.time_ms = slot.time_ms;
  message_.channel = channel;
  message_.fragments = total;
  return LineKind::kMessage;
}

void NmeaReader::StartRegion(bool orphans) {
  Finish();
  pending_time_ms_ = kUnknownTime;
  orphans_ = orphans;
  for (auto& row : first_seen_) {
    for (bool& seen : row) seen = false;
  }
}

void NmeaReader::Finish() {
  for (auto& row : slots_) {
    for (Slot& slot : row) {
      if (slot.busy) ++incomplete_;
      slot.busy = false;
    }
  }
}

}  // namespace wk::ais
