import type { Encoder } from './types';

/**
 * Core's encoder: a trainable embedding table, initialised i.i.d. N(0, initScale²) from the
 * stream "embeddings", row by row.
 */
export const embeddingEncoder: Encoder = {
  init(n, dim, config, random) {
    const r = random('embeddings');
    const latents = new Float64Array(n * dim);
    for (let i = 0; i < latents.length; i++) latents[i] = config.initScale * r.normal();
    return latents;
  },
  pairFeatures(latents, n, dim, pairs) {
    const out = new Float64Array(pairs.length * 2 * dim);
    for (let r = 0; r < pairs.length; r++) {
      const x = Math.floor(pairs[r] / n);
      const y = pairs[r] % n;
      for (let k = 0; k < dim; k++) {
        out[r * 2 * dim + k] = latents[x * dim + k];
        out[r * 2 * dim + dim + k] = latents[y * dim + k];
      }
    }
    return out;
  },
  backward(gradPairs, n, dim, pairs, gradLatents) {
    gradLatents.fill(0);
    for (let r = 0; r < pairs.length; r++) {
      const x = Math.floor(pairs[r] / n);
      const y = pairs[r] % n;
      for (let k = 0; k < dim; k++) gradLatents[x * dim + k] += gradPairs[r * 2 * dim + k];
      for (let k = 0; k < dim; k++) gradLatents[y * dim + k] += gradPairs[r * 2 * dim + dim + k];
    }
  },
};
