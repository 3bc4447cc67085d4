// Dates as the lists write them, normalised to "YYYY", "YYYY-MM" or
// "YYYY-MM-DD".
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "lists/parsing.h"

namespace wk::lists::internal {

namespace {

int MonthOf(std::string_view m) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (m.size() < 3) return 0;
  for (int i = 0; i < 12; ++i)
    if (IStartsWith(m, kMonths[i])) return i + 1;
  return 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Parses up to six digits; longer runs are no date part (-1).
int ToInt(std::string_view s) {
  if (s.size() > 6) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Ymd(int y, int m, int d) {
  if (y < 1000 || y > 2999) return "";
  char buf[16];
  if (m < 1 || m > 12) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d < 1 || d > 31) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  std::string_view t = Trim(text);
  for (std::string_view p : {"circa ", "approximately ", "approx. ", "c. ", "ca. ", "about "})
    if (IStartsWith(t, p)) t = Trim(t.substr(p.size()));
  // Cut a time part ("2018-02-16T00:00:00" or "1960-01-31 00:00").
  if (t.size() > 10 && (t[10] == 'T' || t[10] == ' ') && t[4] == '-') t = t.substr(0, 10);
  if (AllDigits(t) && t.size() == 4) return Ymd(ToInt(t), 0, 0);
  // YYYY-MM-DD / YYYY-MM
  if (t.size() >= 7 && t[4] == '-' && AllDigits(t.substr(0, 4)) && AllDigits(t.substr(5, 2))) {
    const int d = t.size() == 10 && t[7] == '-' && AllDigits(t.substr(8, 2)) ? ToInt(t.substr(8, 2)) : 0;
    return Ymd(ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), d);
  }
  // DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY (00 for unknown parts), MM/YYYY
  for (char sep : {'/', '.', '-'}) {
    if (t.size() == 10 && t[2] == sep && t[5] == sep && AllDigits(t.substr(0, 2)) &&
        AllDigits(t.substr(3, 2)) && AllDigits(t.substr(6, 4)))
      return Ymd(ToInt(t.substr(6, 4)), ToInt(t.substr(3, 2)), ToInt(t.substr(0, 2)));
    if (t.size() == 7 && t[2] == sep && AllDigits(t.substr(0, 2)) && AllDigits(t.substr(3, 4)))
      return Ymd(ToInt(t.substr(3, 4)), ToInt(t.substr(0, 2)), 0);
  }
  // "31 Jan 1960", "Jan 1960", "31-Jan-1960"
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == ' ' || t[i] == '-') {
      if (i > start) parts.push_back(t.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() == 3 && AllDigits(parts[0]) && parts[0].size() <= 2 && MonthOf(parts[1]) && AllDigits(parts[2]) &&
      parts[2].size() == 4)
    return Ymd(ToInt(parts[2]), MonthOf(parts[1]), ToInt(parts[0]));
  if (parts.size() == 2 && MonthOf(parts[0]) && AllDigits(parts[1]) && parts[1].size() == 4)
    return Ymd(ToInt(parts[1]), MonthOf(parts[0]), 0);
  return "";
}

}  // namespace wk::lists::internal
