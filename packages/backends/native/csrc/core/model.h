// Plain data shared by the glue code (the Node addon, the WebAssembly exports) and the per-ISA
// kernel translation units. Freestanding: no standard library beyond <stdint.h>, no exceptions.
//
// Only POD structs and declarations live here: the kernel units are compiled several times with
// different -m flags, so anything with external linkage they define (inline functions, template
// instances, STL code) could be merged by the linker into the generic path and execute
// AVX-512 instructions on a CPU without them.
#pragma once

#include <stdint.h>

namespace geneft {

enum Feature : int32_t { kConcat = 0, kDiff = 1, kSqDiff = 2, kIdealDistance = 3, kIdealOrder = 4 };
enum Activation : int32_t { kTanh = 0, kRelu = 1, kGelu = 2, kLinear = 3 };
enum Loss : int32_t { kBce = 0, kMse = 1 };
enum OptimizerKind : int32_t { kAdam = 0, kAdamW = 1, kSgd = 2 };

constexpr int kMaxLayers = 64;
// Pairs per block are at most this (GENEFT_BLOCK of each kernel set); the training pairs are
// padded to a multiple of it so a block may read whole vectors past the last pair.
constexpr int kMaxBlockLanes = 512;
// Every parameter tensor and scratch row starts on a 64-byte boundary (16 floats).
constexpr int kAlignFloats = 16;

struct Hyper {
  int32_t optimizer;
  int32_t loss;
  double lrEncoder, lrDecoder, wdEncoder, wdDecoder;
  double beta1, beta2, eps, momentum;
};

/** One training run: shape, data, parameters and optimizer state (all owned by the glue code). */
struct RunState {
  // shape
  int32_t n, dim;
  int32_t feature;     // Feature
  int32_t activation;  // Activation (hidden layers)
  float threshold;     // τ of the ideal decoders
  int32_t featureSize;  // width of the decoder input F
  int32_t nlayers;      // hidden layers + the output layer
  int32_t in[kMaxLayers], out[kMaxLayers];
  int64_t wOff[kMaxLayers], bOff[kMaxLayers];  // offsets into params (floats)
  int64_t encSize;   // n·dim, padded: decoder tensors start at encSize
  int64_t nparams;   // total floats (padded)

  Hyper hyper;

  // training pairs, padded with zeros to a multiple of the block size
  int32_t m;
  const int32_t* tx;
  const int32_t* ty;
  const float* label;

  float* params;
  float* grads;
  float* moment1;  // Adam m / SGD momentum buffer
  float* moment2;  // Adam v
  int64_t t;       // optimizer steps taken
};

/** Per-thread work memory; large enough for every run the thread may advance. */
struct Scratch {
  float* base;
  int64_t floats;  // capacity of base
  int32_t* ints;   // 2 × blockLanes pair coordinates (predict)
};

/** Kernels compiled for one instruction set. */
struct KernelTable {
  const char* name;
  int32_t lanes;
  int32_t blockLanes;
  /** Floats of scratch a run needs. */
  int64_t (*scratchFloats)(const RunState* run);
  /** k optimizer steps; returns the mean training loss at the last step (before its update). */
  double (*trainSteps)(RunState* run, Scratch* scratch, int64_t k);
  /** Blocks of training pairs (the unit of work split across threads within a run). */
  int32_t (*blockCount)(const RunState* run);
  /** Adds the loss gradient of blocks [first, last) into grads; the blocks' loss sum if wantLoss. */
  double (*gradients)(const RunState* run, Scratch* scratch, float* grads, int32_t first, int32_t last,
                      int32_t wantLoss);
  /** One optimizer update from run->grads. */
  void (*update)(RunState* run);
  /** Decoder outputs of all n² pairs into out (float64, pair order). */
  void (*predict)(const RunState* run, Scratch* scratch, double* out);
  /** Runs `iterations` of a register-resident FMA loop; returns the flops executed. */
  double (*fmaLoop)(int64_t iterations);
};

const KernelTable* kernelsGeneric();
#if defined(__x86_64__) || defined(_M_X64)
const KernelTable* kernelsAvx2();
const KernelTable* kernelsAvx512();
#endif

}  // namespace geneft
