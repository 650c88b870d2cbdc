// The WebAssembly module's C ABI around the portable engine (../../native/csrc/core): one run per
// handle, advanced k steps per call. The JS side (src/engine.ts) writes a run's arrays into
// linear memory through geneft_alloc and reads results back from it. A module instance is
// single-threaded; many-run blocks use one instance per worker thread (src/workers.ts).
// Built freestanding on wasi-libc's malloc and libm: no C++ library, no exceptions, no imports.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/plan.h"

#define GENEFT_EXPORT(name) extern "C" __attribute__((export_name(#name)))

using namespace geneft;

namespace {

struct WasmRun {
  RunState state;
  Scratch scratch;
  int32_t* tx;
  int32_t* ty;
  float* label;
};

const char* lastError = "";

/** Zeroed floats on a 64-byte boundary, whole lines; null when memory cannot grow. */
float* floats(int64_t count) {
  const size_t bytes = static_cast<size_t>(paddedFloats(count > 0 ? count : 1)) * sizeof(float);
  void* p = aligned_alloc(64, bytes);
  if (p) memset(p, 0, bytes);
  return static_cast<float*>(p);
}

void release(WasmRun* r) {
  free(r->state.params);
  free(r->state.grads);
  free(r->state.moment1);
  free(r->state.moment2);
  free(r->scratch.base);
  free(r->scratch.ints);
  free(r->tx);
  free(r->ty);
  free(r->label);
  free(r);
}

}  // namespace

/** Bytes for the JS side to fill (64-byte aligned); null when memory cannot grow. */
GENEFT_EXPORT(geneft_alloc) void* geneftAlloc(uint32_t bytes) { return aligned_alloc(64, (bytes + 63u) & ~63u); }

GENEFT_EXPORT(geneft_free) void geneftFree(void* p) { free(p); }

/** Why the last geneft_create returned null (a NUL-terminated static string). */
GENEFT_EXPORT(geneft_error) const char* geneftError() { return lastError; }

/** The kernel set's name ("simd128" or "relaxed-simd"). */
GENEFT_EXPORT(geneft_isa) const char* geneftIsa() { return kernelsGeneric()->name; }

/**
 * A run from its description (arrays in linear memory, copied: the caller may free them), or
 * null with geneft_error() saying why. params is the packed form E, W0, b0, W1, b1, …
 */
GENEFT_EXPORT(geneft_create)
WasmRun* geneftCreate(int32_t n, int32_t dim, int32_t feature, int32_t activation, float threshold, int32_t nlayers,
                      const int32_t* layers, int32_t optimizer, int32_t loss, double lrEncoder, double lrDecoder,
                      double wdEncoder, double wdDecoder, double beta1, double beta2, double eps, double momentum,
                      int32_t m, const int32_t* train, const uint8_t* labels, const float* params) {
  RunDesc d{};
  d.n = n;
  d.dim = dim;
  d.feature = feature;
  d.activation = activation;
  d.threshold = threshold;
  d.nlayers = nlayers;
  d.layers = layers;
  d.hyper = Hyper{optimizer, loss, lrEncoder, lrDecoder, wdEncoder, wdDecoder, beta1, beta2, eps, momentum};
  d.m = m;
  d.train = train;
  d.labels = labels;
  WasmRun* r = static_cast<WasmRun*>(calloc(1, sizeof(WasmRun)));
  if (!r) {
    lastError = "out of memory";
    return nullptr;
  }
  RunState& s = r->state;
  if (const char* error = planRun(d, &s)) {
    lastError = error;
    free(r);
    return nullptr;
  }
  const int64_t cap = pairCapacity(s.m);
  const KernelTable* k = kernelsGeneric();
  r->tx = reinterpret_cast<int32_t*>(floats(cap));
  r->ty = reinterpret_cast<int32_t*>(floats(cap));
  r->label = floats(cap);
  s.params = floats(s.nparams);
  s.grads = floats(s.nparams);
  s.moment1 = floats(s.nparams);
  s.moment2 = floats(s.hyper.optimizer == kSgd ? 1 : s.nparams);
  r->scratch.floats = k->scratchFloats(&s);
  r->scratch.base = floats(r->scratch.floats);
  r->scratch.ints = reinterpret_cast<int32_t*>(floats(2 * kMaxBlockLanes));
  if (!r->tx || !r->ty || !r->label || !s.params || !s.grads || !s.moment1 || !s.moment2 || !r->scratch.base ||
      !r->scratch.ints) {
    lastError = "out of memory";
    release(r);
    return nullptr;
  }
  if (const char* error = fillPairs(d, r->tx, r->ty, r->label)) {
    lastError = error;
    release(r);
    return nullptr;
  }
  s.tx = r->tx;
  s.ty = r->ty;
  s.label = r->label;
  s.t = 0;
  writePacked(&s, params);
  return r;
}

GENEFT_EXPORT(geneft_destroy) void geneftDestroy(WasmRun* r) { release(r); }

/** k optimizer steps; the mean training loss at the last one (before its update). */
GENEFT_EXPORT(geneft_step) double geneftStep(WasmRun* r, double k) {
  return kernelsGeneric()->trainSteps(&r->state, &r->scratch, static_cast<int64_t>(k));
}

/** Decoder outputs of all n² pairs into out (float64, pair order). */
GENEFT_EXPORT(geneft_predict) void geneftPredict(WasmRun* r, double* out) {
  kernelsGeneric()->predict(&r->state, &r->scratch, out);
}

GENEFT_EXPORT(geneft_packed_size) int32_t geneftPackedSize(WasmRun* r) { return static_cast<int32_t>(packedSize(&r->state)); }
GENEFT_EXPORT(geneft_read_params) void geneftReadParams(WasmRun* r, float* out) { readPacked(&r->state, out); }
GENEFT_EXPORT(geneft_write_params) void geneftWriteParams(WasmRun* r, const float* in) { writePacked(&r->state, in); }
GENEFT_EXPORT(geneft_steps) double geneftSteps(WasmRun* r) { return static_cast<double>(r->state.t); }

// A run's whole training state — parameters and optimizer moments in the engine's own layout, and
// its step count — so a batch can move a run to another instance of the same build and go on
// with identical bits (src/group.ts). Gradients are not state: every step recomputes them.
namespace {
int moments(const WasmRun* r) { return r->state.hyper.optimizer == kSgd ? 1 : 2; }
}  // namespace

/** Floats of a run's state: the parameters and one (SGD) or two (Adam, AdamW) moment buffers. */
GENEFT_EXPORT(geneft_state_size) int32_t geneftStateSize(WasmRun* r) {
  return static_cast<int32_t>(r->state.nparams * (1 + moments(r)));
}
GENEFT_EXPORT(geneft_read_state) void geneftReadState(WasmRun* r, float* out) {
  const RunState& s = r->state;
  const size_t bytes = sizeof(float) * static_cast<size_t>(s.nparams);
  memcpy(out, s.params, bytes);
  memcpy(out + s.nparams, s.moment1, bytes);
  if (moments(r) == 2) memcpy(out + 2 * s.nparams, s.moment2, bytes);
}
GENEFT_EXPORT(geneft_write_state) void geneftWriteState(WasmRun* r, const float* in, double steps) {
  RunState& s = r->state;
  const size_t bytes = sizeof(float) * static_cast<size_t>(s.nparams);
  memcpy(s.params, in, bytes);
  memcpy(s.moment1, in + s.nparams, bytes);
  if (moments(r) == 2) memcpy(s.moment2, in + 2 * s.nparams, bytes);
  s.t = static_cast<int64_t>(steps);
}
GENEFT_EXPORT(geneft_cost) double geneftCost(WasmRun* r) { return stepCost(&r->state); }

/** `iterations` of a register-resident multiply-add loop; the flops executed. */
GENEFT_EXPORT(geneft_fma_loop) double geneftFmaLoop(double iterations) {
  return kernelsGeneric()->fmaLoop(static_cast<int64_t>(iterations));
}
