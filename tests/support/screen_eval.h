// The screening evaluation harness, shared by tests/screen and bench/screen_*:
// a labelled query set built from the real lists in ../shared at run time,
// and the recall and precision of the matcher on it. Test and benchmark
// support, not library code: src/ never names ../shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "lists/lists.h"
#include "screen/screen.h"

namespace wk::screen_eval {

using screen::Index;

// One labelled query of the evaluation set, built from the real lists at run
// time (never stored in the repository).
struct EvalCase {
  std::string query;
  std::optional<lists::Schema> schema;
  std::string expected_id;  // the entity it must find; "" for a negative
  std::string variant;      // how it was made: "typo1", "romanisation", "negative:port"...
  std::string origin;       // the listed or outside name it was made from
};

struct EvalSources {
  std::string wpi_csv;             // ports/WPI.csv: port names
  std::vector<std::string> person_csvs;  // CSVs with a full_name column (non-listed people)
};

// Builds about `positives` positive cases (listed names with the variants the
// matcher must handle) and about as many negatives (non-listed names of the
// same kinds: people from `sources`, ports as ships and companies, and listed
// Korean tokens recombined into names nobody on the lists bears).
// Deterministic for a given seed.
std::vector<EvalCase> BuildEvalSet(const std::vector<lists::Entity>& entities,
                                   const EvalSources& sources, size_t positives, uint64_t seed);

struct EvalResult {
  size_t tp = 0, fn = 0, fp = 0, tn = 0;
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 0; }
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 0; }
  std::vector<std::string> confusions;  // one line per miss or false alarm
};

// Screens every case (on `threads` threads) at `threshold` and counts: a
// positive is a true positive when its entity is among the matches (a false
// negative otherwise, and also a false positive if something else matched);
// a negative with any match is a false positive.
EvalResult RunEval(const Index& index, const std::vector<EvalCase>& cases, double threshold,
                   unsigned threads = 0);

// The real list files under `shared_data` (../shared/data) that load
// together: UN, OFAC, UK and EU. Missing files are skipped.
std::vector<std::string> SharedListFiles(const std::string& shared_data);

// The entities of every SharedListFiles file, in that order. A file that
// fails to parse fails the whole read: "PATH: FILE:LINE: reason", so a
// parser regression fails the evaluation instead of shrinking it.
Result<std::vector<lists::Entity>> ReadSharedLists(const std::string& shared_data);

}  // namespace wk::screen_eval
