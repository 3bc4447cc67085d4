// Micro benchmarks of the AIS decoder on the real captures, in memory: the
// NMEA layer plus decoding alone (--format none), with JSON Lines, and with
// the report sink ReadReports uses. Whole-process figures beside gpsdecode,
// wc -l and libais are in bench/ais_decode_bench.sh.
#include <benchmark/benchmark.h>

#include <string>

#include "ais/ais.h"

namespace {

const std::string& Corpus() {
  static const std::string corpus = [] {
    std::string all;
    const std::string root = std::string(WK_SHARED_DIR) + "/data/ais/";
    for (const char* f : {"dma-aislib/stream_example.txt", "aisdb/test_data_20211101.nm4",
                          "gpsd-regress/ais-nmea-type6-fid55.log", "gpsd-regress/sample.aivdm",
                          "dma-aislib/decode_encode_messages.txt", "libais/test.aivdm"}) {
      if (auto text = wk::ReadFile(root + f); text.ok()) all += *text;
    }
    return all;
  }();
  return corpus;
}

void Run(benchmark::State& state, wk::ais::OutputFormat format) {
  const std::string& corpus = Corpus();
  if (corpus.empty()) {
    state.SkipWithError("no captures under WK_SHARED_DIR/data/ais");
    return;
  }
  wk::ais::DecodeOptions options;
  options.format = format;
  std::string out;
  uint64_t sentences = 0;
  for (auto _ : state) {
    out.clear();
    wk::ais::DecodeStats stats;
    (void)wk::ais::DecodeBuffer(corpus, "bench", options, out, &stats);
    sentences += stats.sentences;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}

void BM_DecodeNone(benchmark::State& state) { Run(state, wk::ais::OutputFormat::kNone); }
void BM_DecodeJsonl(benchmark::State& state) { Run(state, wk::ais::OutputFormat::kJsonl); }
void BM_DecodeCsv(benchmark::State& state) { Run(state, wk::ais::OutputFormat::kCsv); }
BENCHMARK(BM_DecodeNone);
BENCHMARK(BM_DecodeJsonl);
BENCHMARK(BM_DecodeCsv);

}  // namespace

BENCHMARK_MAIN();
