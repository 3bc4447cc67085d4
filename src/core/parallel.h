// core/parallel: one rule for how many threads a batch job uses, and one
// chunked parallel loop.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace wk {

// Threads for CPU-bound work over independent items: every core, at most 8
// (past that our jobs are memory-bound), at least 1. `requested` > 0 wins.
inline unsigned WorkerThreads(unsigned requested = 0) {
  if (requested > 0) return requested;
  return std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
}

// Calls `f(begin, end, worker)` on chunks of [0, n) of `chunk` items from
// `threads` workers (the caller's thread is worker 0), each chunk once,
// chunks handed out in order. Returns when every chunk is done. `worker` is
// in [0, threads): index per-worker scratch with it.
template <typename F>
void ParallelForChunks(size_t n, size_t chunk, unsigned threads, F&& f) {
  if (chunk == 0) chunk = 1;
  threads = std::max(1u, threads);
  const size_t chunks = (n + chunk - 1) / chunk;
  if (threads > chunks) threads = static_cast<unsigned>(std::max<size_t>(1, chunks));
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    for (size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
      const size_t begin = c * chunk;
      f(begin, std::min(n, begin + chunk), worker);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace wk
