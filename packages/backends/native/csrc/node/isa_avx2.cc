// AVX2 + FMA kernels (8 lanes, 16 vector registers). Built with -mavx2 -mfma; only called when
// the CPU reports both (see dispatch.cc).
#if defined(__x86_64__) || defined(_M_X64)
#define GENEFT_ISA_NAME "avx2"
// Tile shapes and block size may be overridden with -D for tuning experiments.
#define GENEFT_LANES 8
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
#include "../core/engine.inc"

const geneft::KernelTable* geneft::kernelsAvx2() { return &kTable; }
#endif
