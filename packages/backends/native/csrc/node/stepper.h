// Advances one run, optionally splitting its blocks of training pairs across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "../core/model.h"
#include "pool.h"
#include "run.h"

namespace geneft {

/**
 * With one thread this is the kernels' trainSteps. With T threads, each step gives every thread
 * a contiguous range of blocks and its own gradient buffer, then adds the buffers in thread
 * order: results are deterministic for a given T, and differ from T = 1 only by rounding.
 */
class RunStepper {
 public:
  RunStepper(const KernelTable* kernels, Run* run, int threads);
  /** k steps; the mean training loss at the last one. */
  double step(int64_t k);
  /** Memory for predict() on the calling thread. */
  Scratch* scratch() { return scratch_[0].get(); }
  int threads() const { return slots_; }

 private:
  const KernelTable* kernels_;
  Run* run_;
  int slots_;
  std::unique_ptr<ThreadPool> pool_;
  std::vector<ScratchBuffer> scratch_;  // per executing thread
  std::vector<AlignedFloats> grads_;    // per slot after the first (slot 0 uses run->grads)
  std::vector<double> loss_;
};

}  // namespace geneft
