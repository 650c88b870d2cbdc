// A run's description → its RunState layout, checked; and the packed parameter form. Shared by
// the Node addon (node/run.cc, which owns the memory with the C++ library) and the WebAssembly
// exports (which own it with malloc): freestanding, errors are returned as messages.
#pragma once

#include <stdint.h>

#include "model.h"

namespace geneft {

/** One run as the glue code receives it: enums as integers, parameters packed, unpadded. */
struct RunDesc {
  int32_t n, dim;
  int32_t feature;     // Feature
  int32_t activation;  // Activation
  float threshold;
  int32_t nlayers;
  const int32_t* layers;  // [in, out] of each decoder layer
  Hyper hyper;
  int32_t m;               // training pairs
  const int32_t* train;    // m pair indices (x·n + y)
  const uint8_t* labels;   // n² labels
};

/** count rounded up to whole 64-byte lines. */
inline int64_t paddedFloats(int64_t count) { return (count + kAlignFloats - 1) / kAlignFloats * kAlignFloats; }

/** Room for the training pairs: whole blocks of the widest kernel set (padding pairs are (0, 0)). */
inline int64_t pairCapacity(int32_t m) { return (static_cast<int64_t>(m) + kMaxBlockLanes - 1) / kMaxBlockLanes * kMaxBlockLanes; }

/**
 * Checks `d` and fills the shape, parameter offsets and hyper-parameters of `s` (not its
 * pointers, not t). Returns nullptr, or what is wrong (a static string).
 */
const char* planRun(const RunDesc& d, RunState* s);

/** Floats of the packed (unpadded) parameter form: E, W0, b0, W1, b1, … */
int64_t packedSize(const RunState* s);

/**
 * Fills tx, ty and label (pairCapacity(m) entries each, already zeroed) from the description's
 * pair indices. Returns nullptr, or what is wrong.
 */
const char* fillPairs(const RunDesc& d, int32_t* tx, int32_t* ty, float* label);

void readPacked(const RunState* s, float* out);
void writePacked(RunState* s, const float* in);

/** Relative cost of one step (multiply-adds), for load balancing. */
double stepCost(const RunState* s);

}  // namespace geneft
