// A PDF of a report through headless Chromium (Debian `chromium`), run as a
// child process with its own throwaway profile, bounded in time.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/core.h"
#include "report/report.h"

extern char** environ;

namespace wk::report {
namespace {

std::string Chromium() {
  const char* env = std::getenv("CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

// Waits up to `timeout_s` for `pid`; kills it after. Its exit status, or -1.
int WaitBounded(pid_t pid, int timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -2;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

Status WritePdf(const std::string& html_path, const std::string& pdf_path, int timeout_s) {
  const std::string chromium = Chromium();
  if (access(chromium.c_str(), X_OK) != 0)
    return MakeError(ErrorCode::kIo, chromium + " is not there: install Debian's chromium (scripts/install-deps) for PDF");
  std::error_code ec;
  const std::filesystem::path html = std::filesystem::absolute(html_path, ec);
  const std::filesystem::path pdf = std::filesystem::absolute(pdf_path, ec);
  std::string profile = (std::filesystem::temp_directory_path() / "watchkeeper-chromium-XXXXXX").string();
  if (!mkdtemp(profile.data())) return MakeError(ErrorCode::kIo, "no temporary folder for Chromium's profile");
  std::filesystem::remove(pdf, ec);
  std::vector<std::string> args = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                   "--disable-extensions", "--user-data-dir=" + profile, "--no-pdf-header-footer",
                                   "--print-to-pdf=" + pdf.string(), "file://" + html.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, chromium.c_str(), &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  int status = rc == 0 ? WaitBounded(pid, timeout_s) : -1;
  std::filesystem::remove_all(profile, ec);
  if (rc != 0) return MakeError(ErrorCode::kIo, "cannot start " + chromium);
  if (status == -2) return MakeError(ErrorCode::kIo, "chromium did not finish the PDF within " + std::to_string(timeout_s) + " s");
  Result<std::string> head = ReadFile(pdf.string(), size_t{1} << 30);
  if (!head.ok() || head->rfind("%PDF-", 0) != 0)
    return MakeError(ErrorCode::kIo, "chromium wrote no PDF to " + pdf.string() + " (exit status " + std::to_string(status) + ")");
  return Ok{};
}

Result<std::string> PdfOf(std::string_view html, int timeout_s) {
  std::string dir = (std::filesystem::temp_directory_path() / "watchkeeper-report-XXXXXX").string();
  if (!mkdtemp(dir.data())) return MakeError(ErrorCode::kIo, "no temporary folder for the report");
  const std::string html_path = dir + "/report.html", pdf_path = dir + "/report.pdf";
  Result<std::string> pdf = MakeError(ErrorCode::kIo, "cannot write " + html_path);
  if (std::FILE* f = std::fopen(html_path.c_str(), "wb")) {
    const bool written = std::fwrite(html.data(), 1, html.size(), f) == html.size();
    if (std::fclose(f) == 0 && written) {
      Status s = WritePdf(html_path, pdf_path, timeout_s);
      pdf = s.ok() ? ReadFile(pdf_path, size_t{1} << 30) : Result<std::string>(s.error());
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return pdf;
}

}  // namespace wk::report
