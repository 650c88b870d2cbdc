import { arch } from 'node:os';
import { initParams, makeDataset, packParams, resolveExperiment, type DeepPartial, type ExperimentConfig } from '@geneft/core';
import { wasmBackend } from '../src';
import { describeBuilt } from './helpers';

// SIMD128 has no fused multiply-add and the engine's block order is fixed, so the wasm build
// does exactly the arithmetic of the native addon's portable kernels on x86-64 (SSE2, where
// the compiler cannot contract a·b + c either): the same bits, step after step.
function nativeGeneric(): { nativeBackend: (o: { isa: 'generic' }) => import('@geneft/core').Backend } | string {
  if (arch() !== 'x64') return `native portable kernels contract into FMA on ${arch()}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: the addon may not be built
    const native = require('@geneft/backend-native');
    native.nativeCpuInfo();
    return native;
  } catch (error) {
    return `@geneft/backend-native is not built (${(error as Error).message.split('\n')[0]})`;
  }
}

const CASES: [string, DeepPartial<ExperimentConfig>][] = [
  ['canonical', { task: { relation: 'mod', k: 3, n: 30 }, decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' } }],
  [
    'sqdiff gelu sgd mse',
    {
      task: { relation: 'bipartite', a: 5, n: 16, trainFraction: 0.8 },
      decoder: { kind: 'mlp', combine: 'sqdiff', width: 9, depth: 2, activation: 'gelu' },
      dynamics: { optimizer: 'sgd', momentum: 0.9, lrEncoder: 0.05, lrDecoder: 0.05, loss: 'mse' },
    },
  ],
  ['diff relu adamw', { task: { relation: 'greater', n: 40 }, encoder: { dim: 3 }, decoder: { kind: 'mlp', combine: 'diff', width: 17, depth: 2, activation: 'relu' }, dynamics: { optimizer: 'adamw', weightDecayDecoder: 0.1 } }],
];

const native = nativeGeneric();
describeBuilt('wasm simd128 and the native addon', () => {
  (typeof native === 'string' ? it.skip : it).each(CASES)(`%s: identical losses and parameters to native "generic"${typeof native === 'string' ? ` (skipped: ${native})` : ''}`, async (_name, partial) => {
    if (typeof native === 'string') return;
    const config = resolveExperiment(partial);
    const spec = { config, data: makeDataset(config.task), params: initParams(config) };
    const [ours, theirs] = [await (await wasmBackend({ isa: 'simd128' })).createTrainer(spec), await native.nativeBackend({ isa: 'generic' }).createTrainer(spec)];
    for (const k of [1, 9, 90, 400]) expect(await ours.step(k)).toBe(await theirs.step(k));
    expect(packParams(await ours.readParams())).toEqual(packParams(await theirs.readParams()));
    expect(await ours.predict()).toEqual(await theirs.predict());
    ours.dispose();
    theirs.dispose();
  }, 60_000);
});
