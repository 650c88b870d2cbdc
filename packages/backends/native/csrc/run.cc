#include "run.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace geneft {

namespace {

int64_t padded(int64_t count) { return (count + kAlignFloats - 1) / kAlignFloats * kAlignFloats; }

// Padding pairs are (0, 0); their loss gradient is masked to zero.
constexpr int64_t kPairPad = kMaxBlockLanes;

}  // namespace

AlignedFloats::AlignedFloats(int64_t count) : size_(count) {
  const size_t bytes = static_cast<size_t>(padded(count > 0 ? count : 1)) * sizeof(float);
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
  s.n = spec.n;
  s.dim = spec.dim;
  s.feature = spec.feature;
  s.threshold = spec.threshold;
  s.activation = spec.activation;
  s.featureSize = spec.feature == kConcat ? 2 * spec.dim : spec.feature <= kSqDiff ? spec.dim : 1;
  s.nlayers = static_cast<int32_t>(spec.layerIn.size());
  if (s.n < 1 || s.dim < 1) throw std::invalid_argument("n and dim must be positive");
  if (s.nlayers < 1 || s.nlayers > kMaxLayers || spec.layerOut.size() != spec.layerIn.size())
    throw std::invalid_argument("between 1 and " + std::to_string(kMaxLayers) + " decoder layers are supported");
  if (spec.layerIn[0] != s.featureSize) throw std::invalid_argument("first decoder layer does not match the input width");
  if (spec.layerOut.back() != 1) throw std::invalid_argument("the last decoder layer must have one output");

  int64_t cursor = padded(static_cast<int64_t>(s.n) * s.dim);
  s.encSize = cursor;
  packedSize_ = static_cast<int64_t>(s.n) * s.dim;
  for (int l = 0; l < s.nlayers; l++) {
    s.in[l] = spec.layerIn[l];
    s.out[l] = spec.layerOut[l];
    if (s.in[l] < 1 || s.out[l] < 1) throw std::invalid_argument("decoder layer sizes must be positive");
    if (l > 0 && s.in[l] != s.out[l - 1]) throw std::invalid_argument("decoder layer sizes do not chain");
    s.wOff[l] = cursor;
    cursor += padded(static_cast<int64_t>(s.in[l]) * s.out[l]);
    s.bOff[l] = cursor;
    cursor += padded(s.out[l]);
    packedSize_ += static_cast<int64_t>(s.in[l]) * s.out[l] + s.out[l];
  }
  s.nparams = cursor;
  if (static_cast<int64_t>(spec.params.size()) != packedSize_)
    throw std::invalid_argument("parameter array has " + std::to_string(spec.params.size()) + " values, expected " +
                                std::to_string(packedSize_));
  s.hyper = spec.hyper;

  const int64_t pairs = static_cast<int64_t>(s.n) * s.n;
  if (static_cast<int64_t>(spec.labels.size()) != pairs) throw std::invalid_argument("labels must have n² entries");
  if (spec.train.empty()) throw std::invalid_argument("the training set is empty");
  if (pairs > INT32_MAX) throw std::invalid_argument("n is too large");
  s.m = static_cast<int32_t>(spec.train.size());
  const int64_t cap = (s.m + kPairPad - 1) / kPairPad * kPairPad;
  tx_.assign(cap, 0);
  ty_.assign(cap, 0);
  labels_.assign(cap, 0.0f);
  for (int32_t r = 0; r < s.m; r++) {
    const int32_t p = spec.train[r];
    if (p < 0 || p >= pairs) throw std::invalid_argument("training pair index out of range");
    tx_[r] = p / s.n;
    ty_[r] = p % s.n;
    labels_[r] = spec.labels[p] ? 1.0f : 0.0f;
  }
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

void Run::readPacked(float* out) const {
  const RunState& s = state_;
  const float* p = s.params;
  int64_t k = static_cast<int64_t>(s.n) * s.dim;
  std::memcpy(out, p, sizeof(float) * k);
  for (int l = 0; l < s.nlayers; l++) {
    const int64_t w = static_cast<int64_t>(s.in[l]) * s.out[l];
    std::memcpy(out + k, p + s.wOff[l], sizeof(float) * w);
    k += w;
    std::memcpy(out + k, p + s.bOff[l], sizeof(float) * s.out[l]);
    k += s.out[l];
  }
}

void Run::writePacked(const float* in) {
  RunState& s = state_;
  float* p = s.params;
  int64_t k = static_cast<int64_t>(s.n) * s.dim;
  std::memcpy(p, in, sizeof(float) * k);
  for (int l = 0; l < s.nlayers; l++) {
    const int64_t w = static_cast<int64_t>(s.in[l]) * s.out[l];
    std::memcpy(p + s.wOff[l], in + k, sizeof(float) * w);
    k += w;
    std::memcpy(p + s.bOff[l], in + k, sizeof(float) * s.out[l]);
    k += s.out[l];
  }
}

double Run::cost() const {
  double macs = 0;
  for (int l = 0; l < state_.nlayers; l++) macs += static_cast<double>(state_.in[l]) * state_.out[l];
  return macs * state_.m;
}

void ScratchBuffer::reserve(int64_t floats) {
  if (floats > floats_.size()) floats_ = AlignedFloats(floats);
  if (ints_.empty()) ints_.assign(2 * kMaxBlockLanes, 0);
  scratch_.base = floats_.data();
  scratch_.floats = floats_.size();
  scratch_.ints = ints_.data();
}

}  // namespace geneft
