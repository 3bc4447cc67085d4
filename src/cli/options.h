// cli/options: what several subcommands parse and print the same way: an
// area with a required verb, a choice among fixed values (--format), lists
// given as "A,B" or repeated flags, and output written with a clear error.
// (--db is opened by OpenStore in commands.h.)
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace wk::cli {

// `watchkeeper NAME <verb>`: an area whose verb is required.
CLI::App* AddArea(CLI::App& app, const std::string& name, const std::string& help);

// Ends with status 2 and "OPTION must be a, b or c" unless `value` is one of `choices`.
void RequireChoice(std::string_view option, std::string_view value,
                   std::initializer_list<std::string_view> choices);

// The non-empty parts of `text` between `separator`s, as given (not trimmed).
std::vector<std::string> SplitList(std::string_view text, char separator);

// A time option (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC) as Unix seconds, or
// the end with status 2: "OPTION: not a time: 'TEXT' (expected ...)".
int64_t ParseTimeOption(const std::string& text, std::string_view option);

// `--format text`: JSON Lines laid out for people, as a table (a row per
// line, a column per key) or, for one record or rows too wide, as blocks of
// "key  value" lines; arrays of objects one item a line (src/cli/text_table.cc).
std::string JsonLinesAsText(std::string_view jsonl);

// The desk built beside the binary (build/web next to build/watchkeeper:
// index.html and assets/, where assets/land.json is the reports' land), or ""
// when it was not built.
std::string BuiltWebDir();

// Writes `text` to stdout (WriteLine adds a newline), or ends with status 1
// and "cannot write the output".
void WriteOut(std::string_view text);
void WriteLine(std::string_view text);
// Writes `text` to `path` through a file beside it renamed into place, so a
// failure leaves the old file intact; stdout when `path` is empty or "-".
// Ends with status 1 and "PATH: cannot write" on failure.
void WriteOutput(const std::string& path, std::string_view text);

// Who acts from the command line, for the audit trail: "cli:$USER" ("cli:unknown"
// when USER is unset); the `--as` option of changing verbs overrides it.
std::string CliActor();

}  // namespace wk::cli
