import { describeConformance } from '@geneft/core/testing';
import { nativeBackend, nativeCpuInfo } from '../src';

// Core's suite against the float64 reference, once per kernel set this CPU can run, so the
// portable and AVX2 paths are checked on an AVX-512 machine too. No case is skipped; the
// factory is synchronous, so the suite sees the many-runs mode and runs its section too.
for (const isa of nativeCpuInfo().supported) {
  describeConformance(`native (${isa})`, () => nativeBackend({ isa }));
}
