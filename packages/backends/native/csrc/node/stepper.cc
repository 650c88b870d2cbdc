#include "stepper.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace geneft {

RunStepper::RunStepper(const KernelTable* kernels, Run* run, int threads) : kernels_(kernels), run_(run) {
  slots_ = std::max(1, std::min(threads, static_cast<int>(kernels->blockCount(run->state()))));
  scratch_.resize(slots_);
  for (ScratchBuffer& s : scratch_) s.reserve(kernels->scratchFloats(run->state()));
  if (slots_ > 1) {
    pool_ = std::make_unique<ThreadPool>(slots_);
    for (int t = 1; t < slots_; t++) grads_.emplace_back(run->state()->nparams);
    loss_.assign(slots_, 0.0);
  }
}

double RunStepper::step(int64_t k) {
  RunState* s = run_->state();
  if (slots_ == 1) return kernels_->trainSteps(s, scratch_[0].get(), k);
  const int32_t blocks = kernels_->blockCount(s);
  double loss = NAN;
  for (int64_t step = 0; step < k; step++) {
    const int32_t wantLoss = step == k - 1;
    pool_->run(slots_, [&](int slot, int worker) {
      float* g = slot == 0 ? s->grads : grads_[slot - 1].data();
      std::memset(g, 0, sizeof(float) * s->nparams);
      const int32_t first = static_cast<int32_t>(static_cast<int64_t>(blocks) * slot / slots_);
      const int32_t last = static_cast<int32_t>(static_cast<int64_t>(blocks) * (slot + 1) / slots_);
      loss_[slot] = kernels_->gradients(s, scratch_[worker].get(), g, first, last, wantLoss);
    });
    for (int t = 1; t < slots_; t++) {
      const float* g = grads_[t - 1].data();
      for (int64_t i = 0; i < s->nparams; i++) s->grads[i] += g[i];
    }
    kernels_->update(s);
    if (wantLoss) {
      double sum = 0;
      for (double l : loss_) sum += l;
      loss = sum / s->m;
    }
  }
  return loss;
}

}  // namespace geneft
