import fc from 'fast-check';
import { checkParams, initParams, packedSize, packParams, paramLayout, paramsShapeOf, resolveExperiment, unpackParams } from '@geneft/core';

const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 7 }, decoder: { kind: 'mlp', width: 5, depth: 2, combine: 'concat' } });

describe('packed parameter layout', () => {
  it('is [E | W0 | b0 | W1 | b1 | …] with PyTorch-layout weights', () => {
    const shape = paramsShapeOf(config);
    const layout = paramLayout(shape);
    expect(layout.encoderSize).toBe(14);
    expect(layout.layers).toEqual([
      { in: 4, out: 5, weight: 14, bias: 34 },
      { in: 5, out: 5, weight: 39, bias: 64 },
      { in: 5, out: 1, weight: 69, bias: 74 },
    ]);
    expect(packedSize(shape)).toBe(7 * 2 + (4 * 5 + 5) + (5 * 5 + 5) + (5 + 1));
    const params = initParams(config);
    const theta = packParams(params);
    expect(theta[layout.layers[1].weight + 2 * 5 + 3]).toBe(params.layers[1].weight[2 * 5 + 3]);
    expect(theta[layout.layers[2].bias]).toBe(params.layers[2].bias[0]);
  });

  it('round-trips exactly in float64 and to float32 rounding in float32, for any shape', () => {
    const shapes = fc.record({
      n: fc.integer({ min: 2, max: 9 }),
      dim: fc.integer({ min: 1, max: 4 }),
      layers: fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(shapes, fc.integer(), (shape, seed) => {
        const size = packedSize(shape);
        let x = seed;
        const values = Float64Array.from({ length: size }, () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1 + 1e-9);
        const params = unpackParams(values, shape);
        checkParams(params, shape);
        expect(packParams(params)).toEqual(values);
        const single = packParams(params, new Float32Array(size));
        expect(Array.from(single)).toEqual(Array.from(values, Math.fround));
      }),
    );
  });

  it('refuses parameters of another shape, naming both', () => {
    const other = initParams(resolveExperiment({ ...config, decoder: { ...config.decoder, width: 6 } }));
    expect(() => checkParams(other, paramsShapeOf(config), 'engine')).toThrow(/^engine: parameters do not fit the model \(expected n=7, dim=2, layers \[\[4,5\],\[5,5\],\[5,1\]\]; got .*\[4,6\]/);
    expect(() => packParams(other, new Float32Array(3))).toThrow('the target holds 3');
  });
});
