#include "run.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace geneft {

AlignedFloats::AlignedFloats(int64_t count) : size_(count) {
  const size_t bytes = static_cast<size_t>(paddedFloats(count > 0 ? count : 1)) * sizeof(float);
  data_ = static_cast<float*>(std::aligned_alloc(64, bytes));
  if (!data_) throw std::bad_alloc();
  std::memset(data_, 0, bytes);
}

AlignedFloats::AlignedFloats(AlignedFloats&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

AlignedFloats& AlignedFloats::operator=(AlignedFloats&& other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

AlignedFloats::~AlignedFloats() { std::free(data_); }

Run::Run(const RunSpec& spec) {
  RunState& s = state_;
  if (spec.layers.size() % 2 != 0) throw std::invalid_argument("layers must hold [in, out] pairs");
  RunDesc d{};
  d.n = spec.n;
  d.dim = spec.dim;
  d.feature = spec.feature;
  d.activation = spec.activation;
  d.threshold = spec.threshold;
  d.nlayers = static_cast<int32_t>(std::min<size_t>(spec.layers.size() / 2, INT32_MAX));
  d.layers = spec.layers.data();
  d.hyper = spec.hyper;
  d.m = static_cast<int32_t>(std::min<size_t>(spec.train.size(), INT32_MAX));
  d.train = spec.train.data();
  d.labels = spec.labels.data();
  if (const char* error = planRun(d, &s)) throw std::invalid_argument(error);
  if (static_cast<int64_t>(spec.labels.size()) != static_cast<int64_t>(s.n) * s.n)
    throw std::invalid_argument("labels must have n² entries");
  const int64_t packed = packedSize();
  if (static_cast<int64_t>(spec.params.size()) != packed)
    throw std::invalid_argument("parameter array has " + std::to_string(spec.params.size()) + " values, expected " +
                                std::to_string(packed));

  const int64_t cap = pairCapacity(s.m);
  tx_.assign(cap, 0);
  ty_.assign(cap, 0);
  labels_.assign(cap, 0.0f);
  if (const char* error = fillPairs(d, tx_.data(), ty_.data(), labels_.data())) throw std::invalid_argument(error);
  s.tx = tx_.data();
  s.ty = ty_.data();
  s.label = labels_.data();

  params_ = AlignedFloats(s.nparams);
  grads_ = AlignedFloats(s.nparams);
  moment1_ = AlignedFloats(s.nparams);
  moment2_ = AlignedFloats(s.hyper.optimizer == kSgd ? 1 : s.nparams);
  s.params = params_.data();
  s.grads = grads_.data();
  s.moment1 = moment1_.data();
  s.moment2 = moment2_.data();
  s.t = 0;
  writePacked(spec.params.data());
}

void ScratchBuffer::reserve(int64_t floats) {
  if (floats > floats_.size()) floats_ = AlignedFloats(floats);
  if (ints_.empty()) ints_.assign(2 * kMaxBlockLanes, 0);
  scratch_.base = floats_.data();
  scratch_.floats = floats_.size();
  scratch_.ints = ints_.data();
}

}  // namespace geneft
