#include <charconv>

#include "core/core.h"

namespace wk {
namespace {

void AppendDigits(std::string& out, int64_t value, int width) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value < 0 ? -value : value);
  int len = static_cast<int>(end - buf);
  if (value < 0) out.push_back('-');
  for (int i = len; i < width; ++i) out.push_back('0');
  out.append(buf, end);
}

// Reads exactly `n` digits at text[pos...], advancing pos.
bool ReadDigits(std::string_view text, size_t& pos, int n, int& value) {
  if (pos + n > text.size()) return false;
  value = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return true;
}

}  // namespace

CivilTime ToCivil(int64_t unix_s) {
  int64_t days = unix_s / 86400;
  int64_t secs = unix_s % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  // Inverse of DaysFromCivil (H. Hinnant's civil_from_days).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilTime{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d),
                   static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                   static_cast<int>(secs % 60)};
}

void AppendTime(std::string& out, int64_t unix_s) {
  CivilTime c = ToCivil(unix_s);
  AppendDigits(out, c.year, 4);
  out.push_back('-');
  AppendDigits(out, c.month, 2);
  out.push_back('-');
  AppendDigits(out, c.day, 2);
  out.push_back('T');
  AppendDigits(out, c.hour, 2);
  out.push_back(':');
  AppendDigits(out, c.minute, 2);
  out.push_back(':');
  AppendDigits(out, c.second, 2);
  out.push_back('Z');
}

void AppendTimeMs(std::string& out, int64_t unix_ms) {
  int64_t s = unix_ms / 1000;
  int64_t ms = unix_ms % 1000;
  if (ms < 0) {
    ms += 1000;
    --s;
  }
  AppendTime(out, s);
  if (ms != 0) {
    out.pop_back();
    out.push_back('.');
    AppendDigits(out, ms, 3);
    out.push_back('Z');
  }
}

std::string FormatTime(int64_t unix_s) {
  std::string out;
  AppendTime(out, unix_s);
  return out;
}

std::string FormatTimeMs(int64_t unix_ms) {
  std::string out;
  AppendTimeMs(out, unix_ms);
  return out;
}

std::optional<int64_t> ParseTimeMs(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '"')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\r'))
    text.remove_suffix(1);
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  if (text.size() >= 10 && text[2] == '/' && text[5] == '/') {
    // DD/MM/YYYY HH:MM:SS
    if (!ReadDigits(text, pos, 2, day) || text[pos++] != '/' || !ReadDigits(text, pos, 2, month) ||
        text[pos++] != '/' || !ReadDigits(text, pos, 4, year))
      return std::nullopt;
  } else {
    if (!ReadDigits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' ||
        !ReadDigits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-' ||
        !ReadDigits(text, pos, 2, day))
      return std::nullopt;
  }
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    if (!ReadDigits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
        !ReadDigits(text, pos, 2, minute))
      return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, pos, 2, second)) return std::nullopt;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int scale = 100;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          ms += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
      }
    }
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  if (pos != text.size()) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  // No 30 February: the day must exist in that month of that year.
  constexpr int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kMonthDays[month - 1] || (month == 2 && day == 29 && !leap)) return std::nullopt;
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 86400 + hour * 3600 + minute * 60 + second) * 1000) + ms;
}

}  // namespace wk
