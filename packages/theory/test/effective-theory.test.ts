import {
  initParams,
  makeDataset,
  referenceBackend,
  resolveExperiment,
  runExperiment,
  type DeepPartial,
  type ExperimentConfig,
} from '@geneft/core';
import { decoderJacobian, linearizeDecoder } from '../src/decoder-jacobian';
import { reponDynamics, ReponTrainer } from '../src/repon-dynamics';
import { reponBoundary } from '../src/phase-boundary';
import { reponProbability } from '../src/repon-probability';
import {
  clusterCaptureProbability,
  clusterConservedQuantity,
  clusterCriticalRateRatio,
  clusterCriticalRateRatioAsPrinted,
  simulateClusterCapture,
} from '../src/cluster-capture';
import { criticalRateRatio } from '../src/repon-probability';

function config(partial: DeepPartial<ExperimentConfig>): ExperimentConfig {
  return resolveExperiment(partial);
}

describe('decoder Jacobian', () => {
  const decoders: DeepPartial<ExperimentConfig>['decoder'][] = [
    { kind: 'mlp', combine: 'concat', activation: 'tanh' },
    { kind: 'mlp', combine: 'diff', activation: 'gelu', depth: 2, width: 7 },
    { kind: 'mlp', combine: 'sqdiff', activation: 'relu', depth: 1, width: 9 },
    { kind: 'ideal-distance' },
    { kind: 'ideal-order' },
  ];
  test.each(decoders.map((d) => [JSON.stringify(d), d]))('values match core and gradients match finite differences: %s', async (_name, decoder) => {
    const cfg = config({ task: { relation: 'mod', k: 3, n: 8 }, encoder: { dim: 2, initScale: 0.15 }, decoder, seed: 3 });
    const params = initParams(cfg);
    const data = makeDataset(cfg.task);
    const trainer = await referenceBackend().createTrainer({ config: cfg, data, params });
    const outputs = await trainer.predict();
    const { n, dim, embeddings, layers } = params;
    const h = 1e-6;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        const u = embeddings.slice(p * dim, p * dim + dim);
        const v = embeddings.slice(q * dim, q * dim + dim);
        const jac = decoderJacobian(cfg, layers, u, v);
        expect(jac.value).toBeCloseTo(outputs[p * n + q], 12);
        if (p === q) continue; // both arguments move together on the diagonal
        for (let k = 0; k < dim; k++) {
          const up = u.slice();
          const um = u.slice();
          up[k] += h;
          um[k] -= h;
          const fd = (decoderJacobian(cfg, layers, up, v).value - decoderJacobian(cfg, layers, um, v).value) / (2 * h);
          // kinks (relu, the ideal decoders' thresholds) are skipped where the difference straddles one
          if (Math.abs(fd - jac.du[k]) > 1e-5) {
            const kink = decoder?.kind !== 'mlp' || decoder.activation === 'relu';
            expect(kink).toBe(true);
          }
        }
      }
    }
    trainer.dispose();
  });

  test('the linearisation is exact at the centroid and first-order around it', () => {
    const cfg = config({ task: { relation: 'mod', k: 3, n: 6 }, seed: 1 });
    const params = initParams(cfg);
    const { A, b, center } = linearizeDecoder(cfg, params);
    const { n, dim, embeddings } = params;
    const q = 4;
    const partner = embeddings.slice(q * dim, q * dim + dim);
    const at = (x: Float64Array) => decoderJacobian(cfg, params.layers, x, partner).value;
    const linear = (x: Float64Array) => b[q] + A[q * dim] * x[0] + A[q * dim + 1] * x[1];
    expect(linear(center)).toBeCloseTo(at(center), 12);
    const near = Float64Array.of(center[0] + 1e-3, center[1] - 2e-3);
    expect(Math.abs(linear(near) - at(near))).toBeLessThan(1e-5);
    expect(A.length).toBe(2 * n * dim);
  });
});

describe('repon effective theory as a core Dynamics', () => {
  test("core's runExperiment drives it; evaluate/predict/readParams are consistent", async () => {
    const cfg = config({
      task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.6 },
      dynamics: { lrEncoder: 0.2, lrDecoder: 0.2 },
      budget: { steps: 3000, evalEvery: 250 },
    });
    const result = await runExperiment(cfg, { dynamics: reponDynamics() });
    expect(result.backend).toBe('repon-theory');
    expect(result.trace.length).toBeGreaterThan(1);
    expect(result.trace.at(-1)!.trainLoss).toBeLessThan(result.trace[0].trainLoss);
    expect(result.trainAccuracy).toBeGreaterThan(0.9);

    const trainer = (await reponDynamics().createTrainer({ config: cfg, data: makeDataset(cfg.task), params: initParams(cfg) })) as ReponTrainer;
    const before = await trainer.evaluate();
    const lossAtStep = await trainer.step(1);
    expect(lossAtStep).toBeCloseTo(before.trainLoss, 12);
    await trainer.step(99);
    expect(trainer.stepsDone).toBe(100);
    const after = await trainer.evaluate();
    expect(after.trainLoss).toBeLessThan(before.trainLoss);
    const params = await trainer.readParams();
    expect(Array.from(params.embeddings)).toEqual(Array.from(trainer.repons.state.x));
    expect((await trainer.predict()).length).toBe(144);
    await trainer.writeParams(initParams(cfg));
    expect((await trainer.evaluate()).trainLoss).toBeCloseTo(before.trainLoss, 12);
  });

  test('at initialisation the linearised model reproduces the decoder at the centroid', async () => {
    const cfg = config({ task: { relation: 'mod', k: 3, n: 10 }, encoder: { initScale: 1e-4 } });
    const params = initParams(cfg);
    const data = makeDataset(cfg.task);
    const theory = await reponDynamics().createTrainer({ config: cfg, data, params });
    const reference = await referenceBackend().createTrainer({ config: cfg, data, params });
    const zt = await theory.predict();
    const zr = await reference.predict();
    // tiny embeddings: the decoder is nearly linear over their spread
    for (let i = 0; i < zt.length; i++) expect(Math.abs(zt[i] - zr[i])).toBeLessThan(1e-6);
  });
});

describe('predicted phase boundary', () => {
  const cfg = config({ task: { relation: 'mod', k: 3, n: 30 }, encoder: { initScale: 0.25 } });
  const boundary = reponBoundary(cfg, { seeds: 4 });

  test('the spreads come from the initial parameters; the ratio is σ_a²/(2σ_c²)', () => {
    expect(boundary.sigmaC).toBeCloseTo(0.25 / Math.SQRT2, 12);
    expect(Math.abs(boundary.sigmaCEmpirical - boundary.sigmaC) / boundary.sigmaC).toBeLessThan(0.15);
    expect(boundary.sigmaA).toBeGreaterThan(0);
    expect(Math.abs(boundary.jacobianMean)).toBeLessThan(boundary.sigmaA);
    expect(boundary.criticalRatio).toBeCloseTo(boundary.sigmaA ** 2 / (2 * boundary.sigmaC ** 2), 12);
    expect(boundary.probability(1, boundary.criticalRatio)).toBeCloseTo(0.5, 12);
    expect(boundary.probabilityMultiOutput(1, boundary.criticalRatioMultiOutput)).toBeCloseTo(0.5, 8);
    expect(boundary.ratioFor(0.9)).toBeLessThan(boundary.criticalRatio);
    expect(boundary.ratioFor(0.1)).toBeGreaterThan(boundary.criticalRatio);
    expect(boundary.outputsPerRepon).toBe(45); // 2·675/30
    expect(boundary.criticalRatioMultiOutput).toBeGreaterThan(boundary.criticalRatio);
    expect(reponProbability({ sigmaA: boundary.sigmaA, sigmaC: boundary.sigmaC, etaEncoder: 2, etaDecoder: 2 * boundary.criticalRatio })).toBeCloseTo(0.5, 12);
  });

  test('is measured, not assumed: a larger initial decoder moves it as σ_a², a wider encoder init as 1/σ_c²', () => {
    const wide = reponBoundary(config({ task: { relation: 'mod', k: 3, n: 30 }, encoder: { initScale: 0.5 } }), { seeds: 4 });
    expect(wide.sigmaC).toBeCloseTo(2 * boundary.sigmaC, 12);
    // σ_a also shifts a little, since the Jacobian is taken at the (now wider) embeddings
    expect(wide.criticalRatio / boundary.criticalRatio).toBeCloseTo((wide.sigmaA / boundary.sigmaA) ** 2 / 4, 10);
    const narrow = reponBoundary(config({ task: { relation: 'mod', k: 3, n: 30 }, encoder: { initScale: 0.25 }, decoder: { width: 10, depth: 1 } }), { seeds: 4 });
    expect(narrow.sigmaA).not.toBeCloseTo(boundary.sigmaA, 3);
  });
});

describe('one repon facing a rigid cluster of N (science.md D5)', () => {
  const a = 0.7;
  const s = 0.4;
  const etaEncoder = 0.05;
  for (const N of [1, 2, 5, 10]) {
    test(`N = ${N}: the simulated (N + 1)-repon flow joins below (1 + 1/N)a²/σ² and memorizes above`, () => {
      const critical = clusterCriticalRateRatio(a, s, N);
      const below = simulateClusterCapture(a, s, { clusterSize: N, etaEncoder, etaDecoder: 0.9 * critical * etaEncoder });
      const above = simulateClusterCapture(a, s, { clusterSize: N, etaEncoder, etaDecoder: 1.1 * critical * etaEncoder });
      expect(below.outcome).toBe('join');
      expect(above.outcome).toBe('memorize');
      expect(below.clusterSpread).toBe(0); // the cluster stays rigid
      expect(clusterConservedQuantity(a, s, { clusterSize: N, etaEncoder, etaDecoder: 0.9 * critical * etaEncoder })).toBeGreaterThan(0);
      // the printed factor 4(1 + 1/N) puts the boundary (1 + 1/N)² lower: between the two, the repon still joins
      const printed = clusterCriticalRateRatioAsPrinted(a, s, N);
      expect(printed).toBeCloseTo(critical / (1 + 1 / N) ** 2, 12);
      const between = simulateClusterCapture(a, s, { clusterSize: N, etaEncoder, etaDecoder: Math.sqrt(printed * critical) * etaEncoder });
      expect(between.outcome).toBe('join');
    });
  }

  test('N = 1 is Theorem 2/3 (half-separation σ/2, factor 2)', () => {
    const sigmaA = 0.3;
    const sigmaC = 0.2;
    const p = { etaEncoder: 0.01, etaDecoder: 0.004 };
    expect(clusterCaptureProbability({ clusterSize: 1, ...p, sigmaA, sigmaSeparation: 2 * sigmaC })).toBeCloseTo(reponProbability({ ...p, sigmaA, sigmaC }), 12);
    expect(criticalRateRatio(sigmaA, sigmaC)).toBeCloseTo(clusterCriticalRateRatio(sigmaA, 2 * sigmaC, 1) / 1, 12);
  });
});
