// Portable kernels: baseline x86-64 (SSE2), the target's default SIMD (NEON on arm64), or
// WebAssembly SIMD128 (the build of @geneft/backend-wasm names them "simd128"/"relaxed-simd").
// Four lanes everywhere, so these shapes and this block size are also the WebAssembly ones.
#ifndef GENEFT_ISA_NAME
#define GENEFT_ISA_NAME "generic"
#endif
// Tile shapes and block size may be overridden with -D for tuning experiments.
#define GENEFT_LANES 4
// The nn tile only groups independent sums (each output still adds its inputs in order), so it
// may differ between targets without changing a single result. In V8 a 2×4 tile (8
// accumulators) beats 4×3, which spills: measured on the canonical model, 1.8× the steps/s.
#if defined(__wasm__) && !defined(GENEFT_NN_OT)
#define GENEFT_NN_OT 2
#define GENEFT_NN_RT 4
#endif
#ifndef GENEFT_NN_OT
#define GENEFT_NN_OT 4
#endif
#ifndef GENEFT_NN_RT
#define GENEFT_NN_RT 3
#endif
#ifndef GENEFT_NT_OT
#define GENEFT_NT_OT 2
#endif
#ifndef GENEFT_NT_IT
#define GENEFT_NT_IT 4
#endif
#ifndef GENEFT_BLOCK
#define GENEFT_BLOCK 256
#endif
#include "engine.inc"

const geneft::KernelTable* geneft::kernelsGeneric() { return &kTable; }
