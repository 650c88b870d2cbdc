import fc from 'fast-check';
import { initParams, makeDataset, referenceBackend, resolveExperiment, runExperiment, type ExperimentConfig } from '@geneft/core';
import { initialLossGradient } from '../src/effective-repon';
import { fitRace, meanNearestNeighbour, testReponTravel } from '../src/fit-race';

describe('meanNearestNeighbour', () => {
  test('closed form: 0, 1, 3 on a line have nearest neighbours 1, 1, 2', () => {
    expect(meanNearestNeighbour([0, 1, 3], 3, 1)).toBeCloseTo(4 / 3, 14);
    // a unit square in 2-D: every corner's nearest neighbour is 1 away
    expect(meanNearestNeighbour([0, 0, 1, 0, 0, 1, 1, 1], 4, 2)).toBeCloseTo(1, 14);
  });

  test('property: unchanged by a translation, scaled by a scaling', () => {
    const point = fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 12 }), point, fc.double({ min: 0.1, max: 10, noNaN: true }), (points, [dx, dy], scale) => {
        const flat = points.flat();
        const base = meanNearestNeighbour(flat, points.length, 2);
        const moved = meanNearestNeighbour(points.flatMap(([x, y]) => [x + dx, y + dy]), points.length, 2);
        const scaled = meanNearestNeighbour(flat.map((v) => v * scale), points.length, 2);
        expect(moved).toBeCloseTo(base, 8);
        expect(scaled).toBeCloseTo(base * scale, 8);
      }),
    );
  });

  test('refuses fewer than two latents', () => {
    expect(() => meanNearestNeighbour([1, 2], 1, 2)).toThrow(/at least 2/);
  });
});

describe('fitRace (reference backend, a small model)', () => {
  const config = (lrEncoder: number): ExperimentConfig =>
    resolveExperiment({
      task: { relation: 'mod', k: 3, n: 9, trainFraction: 0.75 },
      encoder: { dim: 2, initScale: 0.5 },
      decoder: { width: 20, depth: 1 },
      dynamics: { optimizer: 'adam', lrEncoder },
      seed: 5,
    });
  const backend = referenceBackend();
  const options = { seeds: 3, backend, iterations: 7, lrDecoderRange: [1e-5, 0.1] as [number, number], evalEvery: 5 };
  let race: Awaited<ReturnType<typeof fitRace>>;
  let slower: Awaited<ReturnType<typeof fitRace>>;
  beforeAll(async () => {
    race = await fitRace(config(1e-3), options);
    slower = await fitRace(config(5e-4), options);
  }, 120_000);

  test('each seed draws its own split; δ_NN and T_travel come from its initial embeddings', () => {
    race.seeds.forEach((s, i) => {
      expect(s.seed).toBe(5 + i);
      expect(s.splitSeed).toBe(s.seed);
      const seeded = { ...config(1e-3), seed: s.seed, task: { ...config(1e-3).task, splitSeed: s.seed } };
      expect(s.nearestNeighbour).toBeCloseTo(meanNearestNeighbour(initParams(seeded).embeddings, 9, 2), 14);
      expect(s.travelSteps!).toBeCloseTo(s.nearestNeighbour / (Math.SQRT2 * 1e-3), 9);
    });
    expect(race.travelSpeed).toBeCloseTo(Math.SQRT2 * 1e-3, 15);
    expect(race.lrDecoderRange).toEqual([1e-5, 0.1]);
  });

  test('a critical ratio is where the decoder alone starts to fit within T_travel', async () => {
    const seed = race.seeds.find((s) => s.criticalRatio > 0 && Number.isFinite(s.criticalRatio));
    expect(seed).toBeDefined();
    const base = config(1e-3);
    const fitStep = async (ratio: number) => {
      const steps = Math.ceil(seed!.travelSteps! / 5) * 5;
      const run = await runExperiment(
        { ...base, seed: seed!.seed, task: { ...base.task, splitSeed: seed!.seed }, dynamics: { ...base.dynamics, lrEncoder: 0, lrDecoder: ratio * 1e-3 }, budget: { ...base.budget, steps, evalEvery: 5, plateauWindow: 0 } },
        { dynamics: backend },
      );
      return run.stepTrain;
    };
    const below = await fitStep(seed!.criticalRatio / 1.3);
    const above = await fitStep(seed!.criticalRatio * 1.3);
    expect(below === null || below > seed!.travelSteps!).toBe(true);
    expect(above).not.toBeNull();
    expect(above!).toBeLessThanOrEqual(seed!.travelSteps!);
  }, 60_000);

  test('a slower encoder gives the decoder longer: the critical η_dec falls', () => {
    slower.seeds.forEach((s, i) => {
      expect(s.travelSteps!).toBeCloseTo(2 * race.seeds[i].travelSteps!, 9);
      if (Number.isFinite(race.seeds[i].criticalRatio) && race.seeds[i].criticalRatio > 0) expect(s.criticalRatio * 5e-4).toBeLessThan(race.seeds[i].criticalRatio * 1e-3 * 1.05);
    });
  });

  test('the fraction generalizing falls with the ratio; half of the seeds lie above the median', () => {
    const ratios = [0.01, 0.1, 1, 10, 100, 1000];
    const fractions = ratios.map((r) => race.fractionGeneralizing(r));
    fractions.slice(1).forEach((f, i) => expect(f).toBeLessThanOrEqual(fractions[i]));
    const sorted = race.seeds.map((s) => s.criticalRatio).sort((a, b) => a - b);
    expect(race.ratio / sorted[1]).toBeCloseTo(1, 12);
    expect(race.ratioFor(0.5)).toBe(race.ratio);
    expect(race.fractionGeneralizing(race.ratio * 0.999)).toBeGreaterThanOrEqual(0.5);
  });

  test('refuses a race longer than maxSteps, and an encoder that does not move', async () => {
    await expect(fitRace(config(1e-3), { ...options, maxSteps: 50 })).rejects.toThrow(/more than maxSteps 50/);
    await expect(fitRace(config(0), options)).rejects.toThrow(/lrEncoder must be > 0/);
  });
});

describe('testReponTravel (sgd)', () => {
  test("the test repons' travel is ∫η_enc·∇_e L dt along the decoder's path, integrated independently", async () => {
    const cfg = resolveExperiment({
      task: { relation: 'mod', k: 3, n: 9 },
      encoder: { dim: 2, initScale: 0.5 },
      decoder: { width: 20, depth: 1 },
      dynamics: { optimizer: 'sgd', lrEncoder: 0.05, lrDecoder: 0.5 },
      budget: { steps: 300 },
      seed: 2,
    });
    const backend = referenceBackend();
    const t = await testReponTravel(cfg, backend, { evalEvery: 10 });
    expect(t.unstable).toBe(false);
    // independently: the decoder alone (encoder frozen), the loss gradient on each embedding summed step by step
    const frozen = { ...cfg, dynamics: { ...cfg.dynamics, lrEncoder: 0 } };
    const data = makeDataset(frozen.task);
    const trainer = await backend.createTrainer({ config: frozen, data, params: initParams(frozen) });
    const moved = new Float64Array(18);
    for (let step = 0; step < (t.fitStep ?? 300); step++) {
      const g = initialLossGradient(frozen, await trainer.readParams(), data.train, data.labels).embeddings;
      g.forEach((v, i) => (moved[i] -= 0.05 * v));
      await trainer.step(1);
    }
    const travels = Array.from({ length: 9 }, (_, i) => Math.hypot(moved[2 * i], moved[2 * i + 1])).sort((a, b) => a - b);
    expect(travels[4]).toBeGreaterThan(0);
    // the test repons move at 1% of η_enc, which bends the decoder's path a little
    expect(Math.abs(t.medianTravel / travels[4] - 1)).toBeLessThan(0.05);
  }, 60_000);
});
