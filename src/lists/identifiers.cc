// Identifiers as the lists write them: normalised values with their check
// digit or shape tested, and numbers found after a keyword in free text.
#include <algorithm>
#include <cctype>

#include "lists/parsing.h"

namespace wk::lists {

Identifier MakeIdentifier(IdType type, std::string_view raw, std::string country,
                          std::string note) {
  Identifier id;
  id.type = type;
  id.country = std::move(country);
  id.note = std::move(note);
  raw = Trim(raw);
  while (!raw.empty() && (raw.back() == '.' || raw.back() == ',' || raw.back() == ';'))
    raw.remove_suffix(1);
  switch (type) {
    case IdType::kImo:
    case IdType::kImoCompany:
    case IdType::kMmsi: {
      std::string digits;
      bool other = false;
      std::string_view r = raw;
      if (IStartsWith(r, "IMO")) r.remove_prefix(3);
      if (IStartsWith(r, "MMSI")) r.remove_prefix(4);
      for (char c : r) {
        if (std::isdigit(static_cast<unsigned char>(c)))
          digits += c;
        else if (c != ' ' && c != ':' && c != '-' && c != '.')
          other = true;
      }
      id.value = other || digits.empty() ? std::string(raw) : digits;
      if (type == IdType::kImo) {
        id.check_digit_valid = !other && digits.size() == 7 &&
                               IsValidImo(static_cast<uint32_t>(std::stoul(digits)));
      } else if (type == IdType::kImoCompany) {
        id.check_digit_valid = !other && digits.size() == 7;  // no check digit: shape only
      } else {
        id.check_digit_valid = !other && digits.size() == 9;
      }
      break;
    }
    case IdType::kSwiftBic: {
      std::string v;
      for (char c : raw)
        if (std::isalnum(static_cast<unsigned char>(c)))
          v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      id.value = v;
      bool ok = v.size() == 8 || v.size() == 11;
      for (size_t k = 0; ok && k < v.size(); ++k) {
        const bool alpha = std::isalpha(static_cast<unsigned char>(v[k])) != 0;
        if (k >= 4 && k < 6 && !alpha) ok = false;  // ISO 3166 country letters
      }
      if (ok && CountryCode(v.substr(4, 2)).empty()) ok = false;
      id.check_digit_valid = ok;
      break;
    }
    default: {
      std::string v;
      for (char c : raw)
        if (c != ' ' && c != '\t')
          v += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      id.value = v;
      id.check_digit_valid = true;
      break;
    }
  }
  return id;
}

namespace internal {

std::vector<std::string> NumbersAfter(std::string_view text, std::string_view keyword, size_t digits) {
  std::vector<std::string> out;
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (keyword.empty()) return out;
  const char first = AsciiLower(keyword[0]);
  for (size_t i = 0; i + keyword.size() <= text.size(); ++i) {
    if (AsciiLower(text[i]) != first || !IEquals(text.substr(i, keyword.size()), keyword)) continue;
    if (i > 0 && alpha(text[i - 1])) continue;
    size_t j = i + keyword.size();
    if (j < text.size() && alpha(text[j]) && !IStartsWith(text.substr(j), " ")) {
      // "IMOVICH": not the keyword; but allow "IMO number" (space first).
      continue;
    }
    // Skip up to 20 characters of separators and the words "number"/"no".
    const size_t limit = std::min(text.size(), j + 20);
    while (j < limit && !digit(text[j]) && text[j] != '\n' && text[j] != ';') ++j;
    size_t k = j;
    while (k < text.size() && digit(text[k])) ++k;
    if (k - j == digits) out.emplace_back(text.substr(j, digits));
    i = k > i ? k - 1 : i;
  }
  return out;
}

}  // namespace internal
}  // namespace wk::lists
