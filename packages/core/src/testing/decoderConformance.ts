import { resolveExperiment } from '../config/experiment';
import type { DeepPartial, ExperimentConfig } from '../config/types';
import { decoderOf } from '../decoder/registry';
import type { DecoderOptions } from '../decoder/types';
import { initParams } from '../model/init';
import { packParams } from '../model/layout';
import type { Layer } from '../model/params';
import { Prng } from '../random/prng';
import { runExperiment } from '../run/run';
import { assertClose } from './compare';
import { globalRunner, type TestRunner } from './runner';

export interface DecoderConformanceOptions {
  runner?: TestRunner;
  /** the rest of the experiment the decoder is checked in (default: greater, n = 8, d = 2, Adam 1e-2). */
  experiment?: DeepPartial<ExperimentConfig>;
  /** relative tolerance of the finite-difference check (default 1e-5). */
  tolerance?: number;
}

/**
 * Checks a decoder kind (core's, or one a plugin registered) the way the reference backend
 * relies on it: initial layers of the declared shapes and seeded; a backward pass that matches
 * central finite differences for the layers and for both latents; rows independent of each
 * other; gradients written, not added; and a run on the reference backend that lowers the loss.
 */
export function describeDecoderConformance(label: string, decoderBlock: DecoderOptions, options: DecoderConformanceOptions = {}): void {
  const t = options.runner ?? globalRunner();
  const tolerance = options.tolerance ?? 1e-5;
  const configOf = (seed = 0) =>
    resolveExperiment({
      task: { relation: 'greater', n: 8, trainFraction: 0.75 },
      encoder: { dim: 2 },
      dynamics: { lrEncoder: 1e-2, lrDecoder: 1e-2 },
      budget: { steps: 200, evalEvery: 50 },
      ...options.experiment,
      decoder: decoderBlock,
      seed,
    });

  t.describe(`decoder conformance: ${label}`, () => {
    t.it('init: layers of the declared shapes, the same for the same seed', () => {
      const [a, b] = [initParams(configOf(3)), initParams(configOf(3))]; // initParams checks the shapes
      assertClose(packParams(a), packParams(b), 0, 'initial parameters of one seed, made twice');
    });

    t.it('backward matches central finite differences (layers and both latents)', () => {
      const config = configOf();
      const { network, layers, pairs, m, dim } = probe(config);
      const weights = Float64Array.from({ length: m }, (_, r) => 0.5 + r / m); // L = Σ c_r · out_r
      const loss = () => network.forward(layers, pairs, m).outputs.reduce((s, z, r) => s + weights[r] * z, 0);
      const grads = { weights: layers.map((l) => new Float64Array(l.weight.length)), biases: layers.map((l) => new Float64Array(l.bias.length)) };
      const gradPairs = new Float64Array(m * 2 * dim);
      network.forward(layers, pairs, m).backward(weights, grads, gradPairs);
      const numeric = (values: Float64Array) =>
        Float64Array.from(values, (x, i) => {
          const h = 1e-6 * Math.max(1, Math.abs(x));
          values[i] = x + h;
          const up = loss();
          values[i] = x - h;
          const down = loss();
          values[i] = x;
          return (up - down) / (2 * h);
        });
      layers.forEach((l, i) => {
        assertClose(grads.weights[i], numeric(l.weight), tolerance, `∂L/∂weight of layer ${i}`, 1e-4);
        assertClose(grads.biases[i], numeric(l.bias), tolerance, `∂L/∂bias of layer ${i}`, 1e-4);
      });
      assertClose(gradPairs, numeric(pairs), tolerance, '∂L/∂(e_x, e_y)', 1e-4);
    });

    t.it('rows are independent: a batch gives what each pair gives alone', () => {
      const { network, layers, pairs, m, dim } = probe(configOf());
      const together = network.forward(layers, pairs, m).outputs;
      const alone = Array.from({ length: m }, (_, r) => network.forward(layers, pairs.slice(r * 2 * dim, (r + 1) * 2 * dim), 1).outputs[0]);
      assertClose(together, alone, 1e-12, 'outputs of the batch vs pair by pair');
    });

    t.it('backward writes its gradients rather than adding to them', () => {
      const { network, layers, pairs, m, dim } = probe(configOf());
      const run = (fill: number) => {
        const grads = { weights: layers.map((l) => new Float64Array(l.weight.length).fill(fill)), biases: layers.map((l) => new Float64Array(l.bias.length).fill(fill)) };
        const gradPairs = new Float64Array(m * 2 * dim).fill(fill);
        network.forward(layers, pairs, m).backward(new Float64Array(m).fill(1), grads, gradPairs);
        return [...grads.weights.flatMap((w) => [...w]), ...grads.biases.flatMap((b) => [...b]), ...gradPairs];
      };
      assertClose(run(7), run(0), 0, 'gradients over buffers holding 7 vs 0');
    });

    t.it('trains on the reference backend: the training loss goes down', async () => {
      const result = await runExperiment(configOf(), { dynamics: 'reference', earlyStop: false });
      const [first, last] = [result.trace[0].trainLoss, result.trace.at(-1)!.trainLoss];
      if (!(last < first)) throw new Error(`training loss went from ${first} to ${last} in ${result.steps} steps`);
    }, 60_000);
  });
}

/** The kind's network at a seeded random point: its initial layers, perturbed, and m random pairs. */
function probe(config: ExperimentConfig) {
  const dim = config.encoder.dim;
  const { decoder, options } = decoderOf(config.decoder);
  const random = Prng.fromSeed(11).split('decoder-conformance');
  const layers: Layer[] = initParams(config).layers.map((l) => ({
    ...l,
    weight: l.weight.map((w) => w + 0.1 * random.normal()),
    bias: l.bias.map((b) => b + 0.1 * random.normal()),
  }));
  const m = 5;
  const pairs = Float64Array.from({ length: m * 2 * dim }, () => 0.5 * random.normal());
  return { network: decoder.network(options, dim), layers, pairs, m, dim };
}
