/**
 * Exactness against PyTorch: Debian's python3-torch (float64) and the reference backend start
 * from the same params.json and split, run 50 full-batch steps, and must agree to 1e-9 relative
 * (per tensor, relative to its largest entry). The peer model is tools/torch_peer/geneft_torch.py.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  initParams,
  makeDataset,
  paramsFromJson,
  paramsShapeOf,
  paramsToJson,
  ReferenceTrainer,
  resolveExperiment,
  type ExperimentConfig,
  type Params,
} from '@geneft/core';
import { conformanceCases } from '@geneft/core/testing';

const PYTHON = '/usr/bin/python3';
const PEER = join(__dirname, '..', '..', '..', 'tools', 'torch_peer', 'geneft_torch.py');
const STEPS = 50;

function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

const available = torchAvailable();
if (!available && process.env.CI) {
  throw new Error(`${PYTHON} cannot import torch: CI must install python3-torch (see .ci/run)`);
}
const describeTorch = available ? describe : describe.skip;

/** Extra configurations beyond the conformance cases: the paper's canonical model and unequal rates. */
function extraCases(): { name: string; config: ExperimentConfig }[] {
  return [
    {
      name: 'canonical (mod 3, n=30, concat 3×50 tanh, adam)',
      config: resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 }, budget: { steps: 100 } }),
    },
    {
      name: 'bipartite, sqdiff relu, adamw, rates 3e-2/1e-3, wd',
      config: resolveExperiment({
        task: { relation: 'bipartite', n: 12, a: 4, trainFraction: 0.5 },
        encoder: { dim: 3 },
        decoder: { kind: 'mlp', combine: 'sqdiff', width: 16, depth: 2, activation: 'relu' },
        dynamics: { optimizer: 'adamw', lrEncoder: 3e-2, lrDecoder: 1e-3, weightDecayEncoder: 0.1, weightDecayDecoder: 0.01 },
      }),
    },
    {
      name: 'greater, diff gelu, sgd momentum, mse',
      config: resolveExperiment({
        task: { relation: 'greater', n: 10 },
        decoder: { kind: 'mlp', combine: 'diff', width: 12, depth: 2, activation: 'gelu' },
        dynamics: { optimizer: 'sgd', momentum: 0.5, lrEncoder: 0.1, lrDecoder: 0.05, loss: 'mse', weightDecayEncoder: 1e-3 },
      }),
    },
  ];
}

function tensorsOf(p: Params): [string, Float64Array][] {
  return [['embeddings', p.embeddings], ...p.layers.flatMap((l, i): [string, Float64Array][] => [[`decoder[${i}].weight`, l.weight], [`decoder[${i}].bias`, l.bias]])];
}

describeTorch('reference backend vs PyTorch float64', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-torch-'));
  const cases = [...conformanceCases(), ...extraCases()];

  it.each(cases.map((c) => [c.name, c.config] as const))('%s: 50 steps agree to 1e-9', async (_name, config) => {
    const data = makeDataset(config.task);
    const params = initParams(config);
    const input = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    const output = `${input}.out.json`;
    writeFileSync(
      input,
      JSON.stringify({ config, params: paramsToJson(params), train: Array.from(data.train), labels: Array.from(data.labels), steps: STEPS, dtype: 'float64' }),
    );
    execFileSync(PYTHON, [PEER, 'train', input, output], { env: { ...process.env, OMP_NUM_THREADS: '1' } });
    const peer = JSON.parse(readFileSync(output, 'utf8')) as { losses: number[]; params: unknown };

    const trainer = new ReferenceTrainer({ config, data, params });
    const losses: number[] = [];
    for (let s = 0; s < STEPS; s++) losses.push(await trainer.step(1));
    const ours = await trainer.readParams();
    const theirs = paramsFromJson(peer.params, paramsShapeOf(config));

    for (let s = 0; s < STEPS; s++) expect(Math.abs(losses[s] - peer.losses[s]) / Math.abs(peer.losses[s])).toBeLessThan(1e-9);
    const theirTensors = tensorsOf(theirs);
    for (const [i, [name, a]] of tensorsOf(ours).entries()) {
      const b = theirTensors[i][1];
      const scale = Math.max(...Array.from(b, Math.abs), 1e-12);
      const worst = Math.max(...Array.from(a, (x, j) => Math.abs(x - b[j])));
      expect({ name, relative: worst / scale }).toEqual({ name, relative: expect.any(Number) });
      expect(worst / scale).toBeLessThan(1e-9);
    }
    // The run must have moved the parameters, or the comparison proves nothing.
    const moved = Math.max(...Array.from(ours.embeddings, (x, j) => Math.abs(x - params.embeddings[j])));
    expect(moved).toBeGreaterThan(1e-4);
  }, 120_000);
});
