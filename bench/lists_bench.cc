// Parsing the real list files into entities, beside the baseline a user
// would otherwise write: Python's ElementTree / csv reading the same file
// (python3 from Debian, run in the same process tree, timed in Python).
// The baseline only splits records; ours also builds the full entities
// (names, scripts, identifiers with check digits, dates, countries).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "lists/lists.h"

namespace {

double BestMs(const std::string& path, size_t& entities) {
  double best = 1e18;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    wk::Result<wk::lists::ListFile> r = wk::lists::ReadListFile(path);
    const auto t1 = std::chrono::steady_clock::now();
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      return -1;
    }
    entities = r->entities.size();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

// Best of three, measured inside Python so interpreter start-up is excluded.
double PythonMs(const std::string& path, bool xml) {
  const std::string script =
      xml ? "import sys,time,xml.etree.ElementTree as ET\n"
            "b=1e18\n"
            "for _ in range(3):\n"
            " t=time.perf_counter(); r=ET.parse(sys.argv[1]).getroot()\n"
            " n=sum(1 for e in r.iter() if e.tag in ('INDIVIDUAL','ENTITY'))\n"
            " b=min(b,time.perf_counter()-t)\n"
            "print(b*1000)\n"
          : "import sys,time,csv\n"
            "b=1e18\n"
            "for _ in range(3):\n"
            " t=time.perf_counter()\n"
            " with open(sys.argv[1],encoding='utf-8',errors='replace',newline='') as f: n=sum(1 for r in csv.reader(f))\n"
            " b=min(b,time.perf_counter()-t)\n"
            "print(b*1000)\n";
  const std::string cmd = "/usr/bin/python3 -c \"$WK_PY\" '" + path + "'";
  setenv("WK_PY", script.c_str(), 1);
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  double ms = -1;
  if (std::fscanf(p, "%lf", &ms) != 1) ms = -1;
  pclose(p);
  return ms;
}

}  // namespace

int main() {
  const std::string root = std::string(WK_SHARED_DIR) + "/data/lists/";
  struct File {
    const char* rel;
    bool xml;
  };
  const File files[] = {
      {"un/UN_consolidated.xml", true},
      {"ofac/sdn-csv-2024-05-03/sdn.csv", false},
      {"uk/sanctionsconlist-2018-04-13.csv", false},
  };
  std::printf("%-40s %9s %10s %12s %8s\n", "file", "entities", "ours_ms", "python_ms", "ratio");
  for (const File& f : files) {
    const std::string path = root + f.rel;
    if (!std::filesystem::exists(path)) {
      std::printf("%-40s absent (../shared/data/lists)\n", f.rel);
      continue;
    }
    size_t n = 0;
    const double ours = BestMs(path, n);
    const double py = PythonMs(path, f.xml);
    std::printf("%-40s %9zu %10.1f %12.1f %7.1fx\n", f.rel, n, ours, py, ours > 0 && py > 0 ? py / ours : 0.0);
  }
  return 0;
}
