#include "cli/options.h"

#include <filesystem>
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "core/core.h"

namespace wk::cli {

CLI::App* AddArea(CLI::App& app, const std::string& name, const std::string& help) {
  CLI::App* area = app.add_subcommand(name, help);
  area->require_subcommand(1);
  return area;
}

void RequireChoice(std::string_view option, std::string_view value,
                   std::initializer_list<std::string_view> choices) {
  std::string list;
  size_t i = 0;
  for (std::string_view c : choices) {
    if (c == value) return;
    if (i++) list += i == choices.size() ? " or " : ", ";
    list += c;
  }
  Fail(kExitUsage, std::string(option) + " must be " + list);
}

std::vector<std::string> SplitList(std::string_view text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int64_t ParseTimeOption(const std::string& text, std::string_view option) {
  std::optional<int64_t> ms = ParseTimeMs(text);
  if (!ms)
    Fail(kExitUsage, std::string(option) + ": not a time: '" + text +
                         "' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  return FloorSeconds(*ms);
}

void WriteOut(std::string_view text) {
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), stdout) != text.size())
    Fail(kExitBadInput, "cannot write the output");
}

void WriteLine(std::string_view text) {
  WriteOut(text);
  WriteOut("\n");
}

void WriteOutput(const std::string& path, std::string_view text) {
  if (path.empty() || path == "-") {
    WriteOut(text);
    return;
  }
  const std::string tmp = path + ".tmp";
  std::FILE* out = std::fopen(tmp.c_str(), "wb");
  bool ok = out != nullptr;
  if (ok) ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  if (out != nullptr && std::fclose(out) != 0) ok = false;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) {
    std::remove(tmp.c_str());
    Fail(kExitBadInput, path + ": cannot write");
  }
}

std::string CliActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "unknown");
}

}  // namespace wk::cli

namespace wk::cli {

std::string BuiltWebDir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const std::filesystem::path web = exe.parent_path() / "web";
  return std::filesystem::exists(web / "index.html", ec) ? web.string() : "";
}

}  // namespace wk::cli
