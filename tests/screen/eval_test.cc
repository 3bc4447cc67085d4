// A smaller run of the bench's evaluation (bench/screen_bench.cc): the set is
// built from the real lists now, and the quality targets are asserted.
#include <gtest/gtest.h>

#include "lists/lists.h"
#include "screen/screen.h"
#include "support/screen_eval.h"
#include "testing.h"

namespace wk::screen {
namespace {

using namespace screen_eval;

TEST(ScreenEval, MeetsRecallAndPrecisionTargetsOnTheRealLists) {
  WK_REQUIRE_SHARED("lists/un/UN_consolidated.xml");
  Result<std::vector<lists::Entity>> all = ReadSharedLists(testing::SharedData(""));
  ASSERT_TRUE(all.ok()) << all.error().message;  // a list that fails to parse fails the evaluation
  ASSERT_GT(all->size(), 1000u);
  Index index = Index::Build(std::move(*all));
  EvalSources sources;
  sources.wpi_csv = testing::SharedData("ports/WPI.csv");
  const std::string fx = testing::SharedData("screening-eval/yente-fixtures/");
  sources.person_csvs = {fx + "validation_report__negatives_global.csv",
                         fx + "validation_report__negatives_us.csv",
                         fx + "candidate_generation_benchmark__positives_us_congress_untreated.csv"};
  std::vector<EvalCase> cases = BuildEvalSet(index.entities(), sources, 800, 42);
  size_t positives = 0;
  for (const EvalCase& c : cases) positives += !c.expected_id.empty();
  ASSERT_GE(positives, 700u);
  ASSERT_GE(cases.size() - positives, 700u);
  EvalResult r = RunEval(index, cases, kDefaultThreshold);
  std::string confusions;
  for (const std::string& line : r.confusions) confusions += line + "\n";
  EXPECT_GE(r.recall(), 0.98) << confusions;
  EXPECT_GE(r.precision(), 0.98) << confusions;
  std::printf("recall %.4f precision %.4f on %zu queries (tp %zu fn %zu fp %zu tn %zu)\n",
              r.recall(), r.precision(), cases.size(), r.tp, r.fn, r.fp, r.tn);
}

}  // namespace
}  // namespace wk::screen
