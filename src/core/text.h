// core/text: trimming, ASCII case, UTF-8, joining and country names: the
// small text pieces every domain needs, written once.
//
// Example:
//   Trim("  KP\xC2\xA0")            -> "KP"
//   CountryCode("Korea, North")    -> "KP"
//   JoinNonEmpty({"a", " ", "b"}, ", ") -> "a, b"
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace wk {

// Leading and trailing ASCII whitespace and U+00A0 (no-break space) removed.
std::string_view Trim(std::string_view s);

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
// ASCII letters folded; other bytes (and every UTF-8 sequence) unchanged.
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);
bool IEquals(std::string_view a, std::string_view b);        // ASCII case-insensitive
bool IStartsWith(std::string_view s, std::string_view prefix);
// Runs of whitespace folded to one space, ends trimmed.
std::string CollapseSpace(std::string_view s);

// `parts` with `sep` between them.
std::string Join(std::span<const std::string> parts, std::string_view sep);
// The trimmed parts that are not empty, with `sep` between them.
std::string JoinNonEmpty(std::initializer_list<std::string_view> parts, std::string_view sep);

// ---- UTF-8 ---------------------------------------------------------------------

// Decodes the sequence at `s[i]`: returns the code point and advances `i`
// past it, or returns -1 and advances one byte (overlong forms, surrogates and
// code points past U+10FFFF are invalid).
int32_t DecodeUtf8(std::string_view s, size_t& i);
// Appends `cp` (at most U+10FFFF) as one to four bytes.
void AppendUtf8(std::string& out, char32_t cp);
bool IsValidUtf8(std::string_view text);
// Offset of the first byte that is not valid UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view text);
// Windows-1252 (as older OFSI and EU files were published) to UTF-8; bytes
// undefined in 1252 become U+FFFD.
std::string Cp1252ToUtf8(std::string_view text);
// `text` itself when it is valid UTF-8, else its Windows-1252 reading,
// converted into `buffer`.
std::string_view Utf8OrConverted(std::string_view text, std::string& buffer);

// ---- Countries ------------------------------------------------------------------

// ISO 3166-1 alpha-2 of a country as the lists, the World Port Index and
// people write it: English names from ICU ("Russian Federation"), the
// lists' spellings ("Korea, North", "DPRK", "Iran (Islamic Republic of)"),
// alpha-2 and alpha-3 codes; case, punctuation and a leading "the" ignored.
// "" when unknown.
std::string CountryCode(std::string_view name);

}  // namespace wk
