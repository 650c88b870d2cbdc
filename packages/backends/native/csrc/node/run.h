// Owned storage behind a RunState (C++ library containers; the layout comes from core/plan.h),
// and the per-thread scratch memory.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "../core/model.h"
#include "../core/plan.h"

namespace geneft {

/** A float array on a 64-byte boundary. */
class AlignedFloats {
 public:
  AlignedFloats() = default;
  explicit AlignedFloats(int64_t count);
  AlignedFloats(AlignedFloats&&) noexcept;
  AlignedFloats& operator=(AlignedFloats&&) noexcept;
  AlignedFloats(const AlignedFloats&) = delete;
  AlignedFloats& operator=(const AlignedFloats&) = delete;
  ~AlignedFloats();
  float* data() const { return data_; }
  int64_t size() const { return size_; }

 private:
  float* data_ = nullptr;
  int64_t size_ = 0;
};

/** Everything the JS side describes about one run, copied out of the JS arrays. */
struct RunSpec {
  int32_t n = 0, dim = 0;
  int32_t feature = kConcat;
  float threshold = 0.1f;
  int32_t activation = kTanh;
  std::vector<int32_t> layers;  // [in, out] of each decoder layer
  Hyper hyper{};
  std::vector<int32_t> train;   // pair indices
  std::vector<uint8_t> labels;  // n² labels
  std::vector<float> params;    // packed: E, W0, b0, W1, b1, … (no padding)
};

/** A run's memory: parameters, gradients, optimizer moments and training data. */
class Run {
 public:
  explicit Run(const RunSpec& spec);
  RunState* state() { return &state_; }
  const RunState* state() const { return &state_; }
  /** Number of floats in the packed (unpadded) parameter form. */
  int64_t packedSize() const { return geneft::packedSize(&state_); }
  void readPacked(float* out) const { geneft::readPacked(&state_, out); }
  void writePacked(const float* in) { geneft::writePacked(&state_, in); }
  /** Relative cost of one step (multiply-adds), for load balancing. */
  double cost() const { return stepCost(&state_); }

 private:
  RunState state_{};
  AlignedFloats params_, grads_, moment1_, moment2_;
  std::vector<int32_t> tx_, ty_;
  std::vector<float> labels_;
};

/** Work memory for one thread, grown on demand (never during a step). */
class ScratchBuffer {
 public:
  void reserve(int64_t floats);
  Scratch* get() { return &scratch_; }

 private:
  AlignedFloats floats_;
  std::vector<int32_t> ints_;
  Scratch scratch_{};
};

}  // namespace geneft
