import fc from 'fast-check';
import { embeddingEncoder, Prng, resolveExperiment } from '@geneft/core';

describe('the embedding encoder', () => {
  it('its backward is the adjoint of pairFeatures: ⟨F(E), G⟩ = ⟨E, Fᵀ(G)⟩ for any pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.integer(), (n, dim, raw, seed) => {
        const pairs = Int32Array.from(raw, (p) => p % (n * n));
        const r = Prng.fromSeed(seed);
        const latents = Float64Array.from({ length: n * dim }, () => r.normal());
        const g = Float64Array.from({ length: pairs.length * 2 * dim }, () => r.normal());
        const features = embeddingEncoder.pairFeatures(latents, n, dim, pairs);
        const back = new Float64Array(n * dim).fill(99); // written, not added to
        embeddingEncoder.backward(g, n, dim, pairs, back);
        const lhs = features.reduce((s, f, i) => s + f * g[i], 0);
        const rhs = latents.reduce((s, e, i) => s + e * back[i], 0);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it('row r of the pair features is [e_x | e_y] of pair r = x·n + y', () => {
    const latents = Float64Array.of(0, 1, 10, 11, 20, 21); // n = 3, d = 2
    expect(Array.from(embeddingEncoder.pairFeatures(latents, 3, 2, Int32Array.of(1, 8, 3)))).toEqual([0, 1, 10, 11, 20, 21, 20, 21, 10, 11, 0, 1]);
  });

  it('initial latents are N(0, initScale²) from the seed', () => {
    const config = resolveExperiment({ task: { n: 200 }, encoder: { dim: 5, initScale: 0.5 } });
    const e = embeddingEncoder.init(200, 5, config.encoder, (label) => Prng.fromSeed(1).split(label));
    const mean = e.reduce((s, x) => s + x, 0) / e.length;
    const sd = Math.sqrt(e.reduce((s, x) => s + (x - mean) ** 2, 0) / e.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.03);
    expect(embeddingEncoder.init(200, 5, config.encoder, (label) => Prng.fromSeed(1).split(label))).toEqual(e);
  });
});
