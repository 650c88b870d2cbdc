// AVX-512F kernels (16 lanes, 32 vector registers). Built with -mavx512f -mavx2 -mfma; only
// called when the CPU and the OS (XCR0) support AVX-512 state (see dispatch.cc).
#if defined(__x86_64__) || defined(_M_X64)
#define GENEFT_ISA_NAME "avx512"
// Tile shapes and block size may be overridden with -D for tuning experiments.
#define GENEFT_LANES 16
#ifndef GENEFT_NN_OT
#define GENEFT_NN_OT 6
#endif
#ifndef GENEFT_NN_RT
#define GENEFT_NN_RT 4
#endif
#ifndef GENEFT_NT_OT
#define GENEFT_NT_OT 4
#endif
#ifndef GENEFT_NT_IT
#define GENEFT_NT_IT 4
#endif
#ifndef GENEFT_BLOCK
#define GENEFT_BLOCK 512
#endif
#include "../core/engine.inc"

const geneft::KernelTable* geneft::kernelsAvx512() { return &kTable; }
#endif
