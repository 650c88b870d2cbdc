/**
 * The bilinear decoder: logit = e_xᵀ M e_y + b, with M = W, or (W + Wᵀ)/2 when `symmetric`
 * (a symmetric relation such as an equivalence gives the same logit for (x, y) and (y, x)).
 *
 * Parameters: one layer of in = d², out = 1, i.e. W flattened row-major (W[i][j] at i·d + j) and
 * the bias b: exactly PyTorch's nn.Bilinear(d, d, 1), whose weight is 1 × d × d. Keeping to
 * core's affine-layer form means params.json, the packed layout and every optimizer work unchanged.
 *
 * @type {import('@geneft/core').Decoder<{ kind: 'bilinear', symmetric: boolean }>}
 */
const bilinearDecoder = {
  description: 'e_xᵀ W e_y + b (nn.Bilinear(d, d, 1)); symmetric: W replaced by (W + Wᵀ)/2.',
  options: {
    symmetric: { type: 'boolean', default: false, description: 'Use (W + Wᵀ)/2, so the logit of (x, y) is that of (y, x).' },
  },

  layers: (_config, dim) => [[dim * dim, 1]],

  // nn.Bilinear's init: weight and bias ~ U(−1/√d, 1/√d); the stream is derived from the run's seed.
  init(_config, dim, random) {
    const r = random('bilinear');
    const bound = 1 / Math.sqrt(dim);
    const weight = Float64Array.from({ length: dim * dim }, () => r.uniform(-bound, bound));
    const bias = Float64Array.of(r.uniform(-bound, bound));
    return [{ in: dim * dim, out: 1, weight, bias }];
  },

  network({ symmetric }, dim) {
    /** M[i][j] from the layer's W. */
    const entry = (w, i, j) => (symmetric ? (w[i * dim + j] + w[j * dim + i]) / 2 : w[i * dim + j]);
    return {
      forward(layers, pairs, m) {
        const { weight, bias } = layers[0];
        const outputs = new Float64Array(m);
        for (let r = 0; r < m; r++) {
          const ex = r * 2 * dim; // e_x starts here in `pairs`, e_y at ex + dim
          let s = bias[0];
          for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) s += pairs[ex + i] * entry(weight, i, j) * pairs[ex + dim + j];
          outputs[r] = s;
        }
        return {
          outputs,
          backward(gradOutputs, grads, gradPairs) {
            const gw = grads.weights[0];
            const gb = grads.biases[0];
            gw.fill(0);
            gb.fill(0);
            for (let r = 0; r < m; r++) {
              const g = gradOutputs[r];
              const ex = r * 2 * dim;
              gb[0] += g;
              for (let i = 0; i < dim; i++) {
                for (let j = 0; j < dim; j++) {
                  const outer = g * pairs[ex + i] * pairs[ex + dim + j];
                  // ∂(e_xᵀ M e_y)/∂W[i][j]: the outer product, split over W[i][j] and W[j][i] when symmetric.
                  if (symmetric) {
                    gw[i * dim + j] += outer / 2;
                    gw[j * dim + i] += outer / 2;
                  } else gw[i * dim + j] += outer;
                }
              }
              for (let i = 0; i < dim; i++) {
                let toX = 0; // (M e_y)_i
                let toY = 0; // (Mᵀ e_x)_i
                for (let j = 0; j < dim; j++) {
                  toX += entry(weight, i, j) * pairs[ex + dim + j];
                  toY += pairs[ex + j] * entry(weight, j, i);
                }
                gradPairs[ex + i] = g * toX;
                gradPairs[ex + dim + i] = g * toY;
              }
            }
          },
        };
      },
    };
  },
};

module.exports = { bilinearDecoder };
