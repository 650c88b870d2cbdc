#include "plan.h"

namespace geneft {

const char* planRun(const RunDesc& d, RunState* s) {
  if (d.feature < kConcat || d.feature > kIdealOrder) return "unknown feature map";
  if (d.activation < kTanh || d.activation > kLinear) return "unknown activation";
  if (d.hyper.optimizer < kAdam || d.hyper.optimizer > kSgd) return "unknown optimizer";
  if (d.hyper.loss < kBce || d.hyper.loss > kMse) return "unknown loss";
  if (d.n < 1 || d.dim < 1) return "n and dim must be positive";
  if (d.nlayers < 1 || d.nlayers > kMaxLayers) return "between 1 and 64 decoder layers are supported";
  if (static_cast<int64_t>(d.n) * d.n > INT32_MAX) return "n is too large";
  if (d.m < 1) return "the training set is empty";
  s->n = d.n;
  s->dim = d.dim;
  s->feature = d.feature;
  s->threshold = d.threshold;
  s->activation = d.activation;
  s->featureSize = d.feature == kConcat ? 2 * d.dim : d.feature <= kSqDiff ? d.dim : 1;
  s->nlayers = d.nlayers;
  int64_t cursor = paddedFloats(static_cast<int64_t>(d.n) * d.dim);
  s->encSize = cursor;
  for (int l = 0; l < d.nlayers; l++) {
    s->in[l] = d.layers[2 * l];
    s->out[l] = d.layers[2 * l + 1];
    if (s->in[l] < 1 || s->out[l] < 1) return "decoder layer sizes must be positive";
    if (l > 0 && s->in[l] != s->out[l - 1]) return "decoder layer sizes do not chain";
    s->wOff[l] = cursor;
    cursor += paddedFloats(static_cast<int64_t>(s->in[l]) * s->out[l]);
    s->bOff[l] = cursor;
    cursor += paddedFloats(s->out[l]);
  }
  if (s->in[0] != s->featureSize) return "first decoder layer does not match the input width";
  if (s->out[d.nlayers - 1] != 1) return "the last decoder layer must have one output";
  s->nparams = cursor;
  s->hyper = d.hyper;
  s->m = d.m;
  return nullptr;
}

int64_t packedSize(const RunState* s) {
  int64_t size = static_cast<int64_t>(s->n) * s->dim;
  for (int l = 0; l < s->nlayers; l++) size += static_cast<int64_t>(s->in[l]) * s->out[l] + s->out[l];
  return size;
}

const char* fillPairs(const RunDesc& d, int32_t* tx, int32_t* ty, float* label) {
  const int32_t pairs = d.n * d.n;
  for (int32_t r = 0; r < d.m; r++) {
    const int32_t p = d.train[r];
    if (p < 0 || p >= pairs) return "training pair index out of range";
    tx[r] = p / d.n;
    ty[r] = p % d.n;
    label[r] = d.labels[p] ? 1.0f : 0.0f;
  }
  return nullptr;
}

// Explicit loops rather than memcpy: this file is built freestanding for WebAssembly too.
namespace {
void copyFloats(float* to, const float* from, int64_t count) {
  for (int64_t i = 0; i < count; i++) to[i] = from[i];
}
}  // namespace

void readPacked(const RunState* s, float* out) {
  int64_t k = static_cast<int64_t>(s->n) * s->dim;
  copyFloats(out, s->params, k);
  for (int l = 0; l < s->nlayers; l++) {
    const int64_t w = static_cast<int64_t>(s->in[l]) * s->out[l];
    copyFloats(out + k, s->params + s->wOff[l], w);
    k += w;
    copyFloats(out + k, s->params + s->bOff[l], s->out[l]);
    k += s->out[l];
  }
}

void writePacked(RunState* s, const float* in) {
  int64_t k = static_cast<int64_t>(s->n) * s->dim;
  copyFloats(s->params, in, k);
  for (int l = 0; l < s->nlayers; l++) {
    const int64_t w = static_cast<int64_t>(s->in[l]) * s->out[l];
    copyFloats(s->params + s->wOff[l], in + k, w);
    k += w;
    copyFloats(s->params + s->bOff[l], in + k, s->out[l]);
    k += s->out[l];
  }
}

double stepCost(const RunState* s) {
  double macs = 0;
  for (int l = 0; l < s->nlayers; l++) macs += static_cast<double>(s->in[l]) * s->out[l];
  return macs * s->m;
}

}  // namespace geneft
