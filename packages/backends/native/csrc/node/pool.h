// A fixed set of threads that run the tasks of one call, pulled from a shared counter.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace geneft {

class ThreadPool {
 public:
  /** `threads` workers in all: the calling thread plus threads − 1 helpers. */
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(helpers_.size()) + 1; }

  /** Runs fn(task, worker) for task in [0, tasks); worker ∈ [0, size()). Returns when all are done. */
  void run(int tasks, const std::function<void(int task, int worker)>& fn);

 private:
  void helperLoop(int worker);
  void work(int worker);

  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int, int)>* fn_ = nullptr;
  int tasks_ = 0;
  std::atomic<int> next_{0};
  int busy_ = 0;            // helpers still working on the current generation
  uint64_t generation_ = 0;
  bool stop_ = false;
};

}  // namespace geneft
