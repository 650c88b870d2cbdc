import { checkTanh } from '@geneft/core/testing';
import fc from 'fast-check';
import { nativeBackend, nativeCpuInfo } from '../src';

// The engine's tanh is a rational function fitted by tools/numerics/fit-tanh.py: within 6 float32
// ulps of tanh (the fit's own float32 emulation gives 5.7), capped at exactly 1 from 9.25 on. It is
// not exactly monotone: between x ≈ 4 and 9, where tanh is within a few ulps of 1, neighbouring
// floats may step back by up to 4 ulps (rounding in the float32 evaluation), never more than
// its accuracy bound.
const GRID = [
  ...Array.from({ length: 2401 }, (_, i) => i / 200), // 0 … 12 in steps of 0.005
  1e-30, 1e-20, 1e-10, 1e-6, 3e-4, 9.2499, 9.25, 9.26, 30, 1e4, 3e38,
];

describe.each(nativeCpuInfo().supported)('tanh of the %s kernels', (isa) => {
  it('is within 6 ulps of float32 tanh, odd, bounded by 1 and monotone within 6 ulps, on a dense grid and beyond 9.25', async () => {
    const check = await checkTanh(await nativeBackend({ isa }), GRID);
    expect(check).toMatchObject({ aboveOne: 0, notOdd: 0 });
    expect(check.maxUlp).toBeLessThanOrEqual(6);
    expect(check.maxDecreaseUlp).toBeLessThanOrEqual(6);
  });

  it('holds for any float32 point (fast-check)', async () => {
    const backend = await nativeBackend({ isa });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.float({ min: -40, max: 40, noNaN: true }), { minLength: 1, maxLength: 60 }), async (xs) => {
        const check = await checkTanh(backend, xs);
        return check.maxUlp <= 6 && check.maxDecreaseUlp <= 6 && check.aboveOne === 0 && check.notOdd === 0;
      }),
      { numRuns: 40 },
    );
  });
});
