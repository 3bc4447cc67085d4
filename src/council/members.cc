#include <algorithm>
#include <cassert>
#include <cctype>

#include "council/council.h"

namespace wk::council {
namespace {

bool IsCode(std::string_view s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

// Other names UN records and users give members.
struct Alias {
  std::string_view name, code;
};
constexpr Alias kAliases[] = {
    {"ussr", "SU"}, {"soviet union", "SU"}, {"union of soviet socialist republics", "SU"},
    {"russia", "RU"}, {"uk", "GB"}, {"united kingdom of great britain and northern ireland", "GB"},
    {"britain", "GB"}, {"usa", "US"}, {"united states of america", "US"}, {"vietnam", "VN"},
    {"south korea", "KR"}, {"korea, republic of", "KR"}, {"cote d'ivoire", "CI"},
    {"ivory coast", "CI"}, {"turkiye", "TR"}, {"türkiye", "TR"}, {"syrian arab republic", "SY"},
    {"united republic of tanzania", "TZ"}, {"czechia", "CZ"}, {"people's republic of china", "CN"},
    {"republic of china", "CN"}, {"democratic republic of the congo", "CD"}, {"zaire", "CD"},
    {"libyan arab jamahiriya", "LY"}, {"upper volta", "BF"}, {"dahomey", "BJ"},
    {"byelorussian ssr", "BY"}, {"ukrainian ssr", "UA"}, {"west germany", "DE"},
    {"east germany", "DD"}, {"iran (islamic republic of)", "IR"},
    {"bolivia (plurinational state of)", "BO"}, {"venezuela (bolivarian republic of)", "VE"},
};

}  // namespace

std::optional<Date> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
  int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  unsigned m = static_cast<unsigned>((t[5] - '0') * 10 + (t[6] - '0'));
  unsigned d = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1u : 0u)) return std::nullopt;
  return static_cast<Date>(DaysFromCivil(y, m, d));
}

std::optional<Date> ParseDateOrTime(std::string_view t) {
  if (auto d = ParseDate(t)) return d;
  if (t.size() <= 10 || t[10] != 'T' || !ParseDate(t.substr(0, 10))) return std::nullopt;
  std::optional<int64_t> ms = ParseTimeMs(t);
  if (!ms) return std::nullopt;
  int64_t days = *ms / 86400000;
  if (*ms < 0 && *ms % 86400000 != 0) --days;
  return static_cast<Date>(days);
}

std::string FormatDate(Date date) {
  std::string s = FormatTime(static_cast<int64_t>(date) * 86400);
  return s.substr(0, 10);
}

int SeatsOn(Date date) { return date < kEnlargement ? 11 : 15; }
int ThresholdOn(Date date) { return date < kEnlargement ? 7 : 9; }

Result<Members> Members::Parse(std::string_view csv, std::string_view filename) {
  Members m;
  std::vector<std::string> f;
  size_t line_no = 0;
  bool header = false;
  auto fail = [&](const std::string& why) { return ErrorAt(filename, line_no, why); };
  while (!csv.empty()) {
    size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!SplitCsvLine(line, ',', f)) return fail("unbalanced quote");
    if (!header) {
      if (f.size() < 5 || f[0] != "code" || f[1] != "name" || f[2] != "seat" || f[3] != "from" ||
          f[4] != "until")
        return fail("expected the header code,name,seat,from,until,source,note");
      header = true;
      continue;
    }
    if (f.size() < 5) return fail("expected at least 5 fields, found " + std::to_string(f.size()));
    Membership r;
    if (!IsCode(f[0])) return fail("code \"" + f[0] + "\" is not an ISO 3166 alpha-2 code");
    r.code = f[0];
    if (f[1].empty()) return fail("empty name");
    r.name = f[1];
    if (f[2] == "permanent") {
      r.seat = Seat::kPermanent;
    } else if (f[2] == "elected") {
      r.seat = Seat::kElected;
    } else {
      return fail("seat \"" + f[2] + "\" is neither permanent nor elected");
    }
    auto from = ParseDate(f[3]);
    if (!from) return fail("from \"" + f[3] + "\" is not a date YYYY-MM-DD");
    r.from = *from;
    if (!f[4].empty()) {
      auto until = ParseDate(f[4]);
      if (!until) return fail("until \"" + f[4] + "\" is not a date YYYY-MM-DD");
      if (*until < r.from) return fail("until is before from");
      r.until = *until;
    }
    if (f.size() > 5) r.source = f[5];
    if (f.size() > 6) r.note = f[6];
    m.rows_.push_back(std::move(r));
  }
  if (!header) return ErrorAt(filename, 0, "no header");
  m.known_until_ = FullCouncilUntil(m);
  return m;
}

// The first end of a term, after the last term began, the day after which
// fewer members are seated than the Charter's seats.
Date Members::FullCouncilUntil(const Members& m) {
  Date last_from = 0;
  std::vector<Date> ends;
  for (const Membership& r : m.rows_) {
    last_from = std::max(last_from, r.from);
    if (r.until) ends.push_back(*r.until);
  }
  std::sort(ends.begin(), ends.end());
  for (Date end : ends)
    if (end >= last_from && static_cast<int>(m.On(end + 1).size()) < SeatsOn(end + 1)) return end;
  return ends.empty() ? last_from : std::max(last_from, ends.back());
}

Status Members::RequireKnown(Date date) const {
  if (date <= known_until_) return Ok{};
  return MakeError(ErrorCode::kInvalidInput,
                   "the Council's members after " + FormatDate(known_until_) +
                       " are not known (data/council/members.csv ends there): nothing on " +
                       FormatDate(date) + " can be told");
}

const Members& Members::Default() {
  static const Members* members = [] {
    Result<Members> m = Parse(EmbeddedMembersText(), "data/council/members.csv");
    assert(m.ok());  // checked by tests/council
    return new Members(std::move(m).value());
  }();
  return *members;
}

std::vector<const Membership*> Members::On(Date date) const {
  std::vector<const Membership*> out;
  for (const Membership& r : rows_)
    if (r.On(date)) out.push_back(&r);
  std::sort(out.begin(), out.end(), [](const Membership* a, const Membership* b) {
    if (a->seat != b->seat) return a->seat == Seat::kPermanent;
    return a->code < b->code;
  });
  return out;
}

const Membership* Members::Find(std::string_view code, Date date) const {
  for (const Membership& r : rows_)
    if (r.code == code && r.On(date)) return &r;
  return nullptr;
}

std::optional<std::string> Members::CodeOfName(std::string_view name) const {
  std::string l = Lower(name);
  for (const Membership& r : rows_)
    if (Lower(r.name) == l) return r.code;
  for (const Alias& a : kAliases)
    if (a.name == l) return std::string(a.code);
  return std::nullopt;
}

std::string Members::NameOf(std::string_view code, Date date) const {
  const Membership* best = nullptr;
  for (const Membership& r : rows_) {
    if (r.code != code) continue;
    if (r.On(date)) return r.name;
    if (!best || r.from > best->from) best = &r;
  }
  return best ? best->name : std::string(code);
}

}  // namespace wk::council
