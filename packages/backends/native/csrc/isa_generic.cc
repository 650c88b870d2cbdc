// Portable kernels: baseline x86-64 (SSE2) or the target's default SIMD (NEON on arm64).
#define GENEFT_ISA_NAME "generic"
// Tile shapes and block size may be overridden with -D for tuning experiments.
#define GENEFT_LANES 4
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
