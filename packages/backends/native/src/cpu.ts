import { loadAddon, type NativeIsa } from './addon';

export interface NativeCpuInfo {
  /** Kernel sets this CPU runs, best first. */
  supported: NativeIsa[];
  /** The one "auto" picks. */
  selected: NativeIsa;
  /** Hardware threads. */
  threads: number;
}

/** What the addon found about this CPU. Throws if the addon is not built. */
export function nativeCpuInfo(): NativeCpuInfo {
  const addon = loadAddon();
  return { supported: addon.supportedIsas(), selected: addon.defaultIsa(), threads: addon.hardwareConcurrency() };
}

/**
 * Single-thread peak float32 throughput of a kernel set, in GFLOP/s: a loop of independent
 * fused multiply-adds on registers, timed for about `seconds`. The ceiling the training kernels
 * are measured against.
 */
export function measurePeakGflops(isa: NativeIsa | 'auto' = 'auto', seconds = 0.25): number {
  const addon = loadAddon();
  let iterations = 1e5;
  for (;;) {
    const { flops, seconds: took } = addon.measurePeak(isa, iterations);
    if (took >= seconds) return flops / took / 1e9;
    iterations = Math.ceil(iterations * Math.min(100, (1.2 * seconds) / Math.max(took, 1e-6)));
  }
}
