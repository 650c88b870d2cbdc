import type { MlpDecoderConfig } from '../config/types';
import type { Layer } from '../model/params';
import { denseForward } from './dense';
import type { Decoder } from './types';

const intOption = (description: string, minimum: number, dflt: number, maximum: number) =>
  ({ type: 'integer', minimum, maximum, default: dflt, description }) as const;

/**
 * An MLP fed by a combiner of the two latents: `concat` [e_x, e_y] (2d inputs), `diff`
 * e_x − e_y or `sqdiff` (e_x − e_y)² (d inputs); `depth` hidden layers of `width`, then one
 * output unit. Initialised as PyTorch's nn.Linear: weight and bias ~ U(−1/√fan_in, 1/√fan_in),
 * stream "decoder/<layer>", weight rows first, then the bias.
 */
export const mlpDecoder: Decoder<MlpDecoderConfig> = {
  description: 'An MLP fed by a combiner of the two latents.',
  options: {
    combine: { enum: ['concat', 'diff', 'sqdiff'], default: 'concat', description: '[e1, e2], e1 − e2 or (e1 − e2)².' },
    width: intOption('Hidden width.', 1, 50, 4096),
    depth: intOption('Number of hidden layers (0: a linear readout).', 0, 3, 64),
    activation: { enum: ['tanh', 'relu', 'gelu', 'linear'], default: 'tanh', description: 'Hidden activation.' },
  },
  layers(config, dim) {
    const sizes: [number, number][] = [];
    let fanIn = config.combine === 'concat' ? 2 * dim : dim;
    for (let l = 0; l < config.depth; l++) {
      sizes.push([fanIn, config.width]);
      fanIn = config.width;
    }
    sizes.push([fanIn, 1]);
    return sizes;
  },
  init(config, dim, random) {
    return this.layers(config, dim).map(([fanIn, out], l): Layer => {
      const r = random(String(l));
      const bound = 1 / Math.sqrt(fanIn);
      const weight = new Float64Array(out * fanIn);
      const bias = new Float64Array(out);
      for (let i = 0; i < weight.length; i++) weight[i] = r.uniform(-bound, bound);
      for (let i = 0; i < out; i++) bias[i] = r.uniform(-bound, bound);
      return { out, in: fanIn, weight, bias };
    });
  },
  network(config, dim) {
    const { combine, activation } = config;
    return {
      forward(layers, pairs, m) {
        // concat's input is the pair rows themselves.
        const input = combine === 'concat' ? pairs : new Float64Array(m * dim);
        if (combine !== 'concat') {
          for (let r = 0; r < m; r++) {
            for (let k = 0; k < dim; k++) {
              const d = pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k];
              input[r * dim + k] = combine === 'sqdiff' ? d * d : d;
            }
          }
        }
        const pass = denseForward(layers, activation, input, m);
        return {
          outputs: pass.outputs,
          backward(gradOutputs, grads, gradPairs) {
            const g = pass.backward(gradOutputs, grads);
            if (combine === 'concat') {
              gradPairs.set(g);
              return;
            }
            for (let r = 0; r < m; r++) {
              for (let k = 0; k < dim; k++) {
                const local = combine === 'sqdiff' ? 2 * (pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k]) : 1;
                const gd = g[r * dim + k] * local;
                gradPairs[r * 2 * dim + k] = gd;
                gradPairs[r * 2 * dim + dim + k] = -gd;
              }
            }
          },
        };
      },
    };
  },
};
