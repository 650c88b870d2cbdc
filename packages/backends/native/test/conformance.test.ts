import { describeConformance } from '@geneft/core/testing';
import { nativeBackend, nativeCpuInfo } from '../src';

// Core's suite against the float64 reference, once per kernel set this CPU can run, so the
// portable and AVX2 paths are checked on an AVX-512 machine too. No case is skipped.
for (const isa of nativeCpuInfo().supported) {
  describeConformance(`native (${isa})`, async () => nativeBackend({ isa }));
}
