import { checkCapabilities } from '../backend/registry';
import type { Backend, Trainer } from '../backend/types';
import { referenceBackend } from '../backends/reference/backend';
import { CapabilityError } from '../errors';
import { initParams } from '../model/init';
import { packParams } from '../model/layout';
import type { Params } from '../model/params';
import { makeDataset } from '../tasks/dataset';
import { conformanceCases, type ConformanceCase } from './cases';

export interface ConformanceOptions {
  /** case name (as printed by the suite, e.g. "trajectory: ideal-order") → why it is skipped. */
  skip?: Record<string, string>;
  /** relative tolerance on losses and parameters; default 1e-10 for float64, 1e-4 for float32. */
  tolerance?: number;
  /** steps of the trajectory comparison (default 25). */
  steps?: number;
}

/** Relative difference with an absolute floor, so values near zero compare sensibly. */
export function relativeError(a: number, b: number, floor = 1e-6): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, relativeError(a[i], b[i], floor));
  return worst;
}

async function lossTrajectory(trainer: Trainer, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
  return losses;
}

async function trainerFor(backend: Backend, c: ConformanceCase, params?: Params): Promise<Trainer> {
  return backend.createTrainer({ config: c.config, data: makeDataset(c.config.task), params: params ?? initParams(c.config) });
}

/**
 * Core's conformance suite, for Jest: every backend runs it in its own tests. Each case trains a
 * small configuration from core's initial parameters on the backend and on the float64 reference
 * and requires the same loss trajectory, outputs and parameters within the tolerance. Cases the
 * backend's capabilities exclude are skipped with the capability named; `options.skip` lists
 * the others, each with its reason.
 */
export function describeConformance(label: string, makeBackend: () => Promise<Backend>, options: ConformanceOptions = {}): void {
  const g = globalThis as unknown as {
    describe: (name: string, fn: () => void) => void;
    it: ((name: string, fn: () => Promise<void>, timeout?: number) => void) & { skip: (name: string, fn: () => void) => void };
    beforeAll: (fn: () => Promise<void>) => void;
  };
  const reference = referenceBackend();
  const steps = options.steps ?? 25;

  g.describe(`conformance: ${label}`, () => {
    let backend: Backend;
    let tolerance: number;
    g.beforeAll(async () => {
      backend = await makeBackend();
      tolerance = options.tolerance ?? (backend.capabilities.precision === 'float64' ? 1e-10 : 1e-4);
    });

    const test = (name: string, c: ConformanceCase, body: () => Promise<void>) => {
      const full = `${name}: ${c.name}`;
      const reason = options.skip?.[full];
      if (reason) {
        g.it.skip(`${full} (skipped: ${reason})`, () => undefined);
        return;
      }
      g.it(
        full,
        async () => {
          try {
            checkCapabilities(backend, c.config);
          } catch (error) {
            if (error instanceof CapabilityError) return; // declared unsupported: core refuses it before any backend code runs
            throw error;
          }
          await body();
        },
        120_000,
      );
    };

    for (const c of conformanceCases()) {
      test('trajectory', c, async () => {
        const [ours, theirs] = [await trainerFor(backend, c), await trainerFor(reference, c)];
        try {
          const a = await lossTrajectory(ours, steps);
          const b = await lossTrajectory(theirs, steps);
          assertClose(a, b, tolerance, `loss trajectory over ${steps} steps`);
          assertClose(packParams(await ours.readParams()), packParams(await theirs.readParams()), tolerance * 10, 'parameters after the trajectory', 1e-3);
        } finally {
          ours.dispose();
          theirs.dispose();
        }
      });

      test('k steps per call', c, async () => {
        const [once, many] = [await trainerFor(backend, c), await trainerFor(backend, c)];
        try {
          await once.step(10);
          for (let s = 0; s < 10; s++) await many.step(1);
          if (once.stepsDone !== 10 || many.stepsDone !== 10) throw new Error(`stepsDone should be 10, got ${once.stepsDone} and ${many.stepsDone}`);
          assertClose(packParams(await once.readParams()), packParams(await many.readParams()), tolerance, 'step(10) vs 10 × step(1)', 1e-3);
        } finally {
          once.dispose();
          many.dispose();
        }
      });

      test('outputs and evaluation', c, async () => {
        const [ours, theirs] = [await trainerFor(backend, c), await trainerFor(reference, c)];
        try {
          await ours.step(5);
          await theirs.step(5);
          assertClose(await ours.predict(), await theirs.predict(), tolerance * 10, 'predict() of all pairs', 1e-3);
          const [ea, eb] = [await ours.evaluate(), await theirs.evaluate()];
          assertClose([ea.trainLoss, ea.testLoss], [eb.trainLoss, eb.testLoss], tolerance * 10, 'evaluate() losses');
          const pairs = c.config.task.n ** 2;
          if (Math.abs(ea.trainAccuracy - eb.trainAccuracy) > 2 / pairs || Math.abs(ea.testAccuracy - eb.testAccuracy) > 2 / pairs) {
            throw new Error(`accuracies differ: ${JSON.stringify(ea)} vs ${JSON.stringify(eb)}`);
          }
        } finally {
          ours.dispose();
          theirs.dispose();
        }
      });

      test('write then read parameters', c, async () => {
        const trainer = await trainerFor(backend, c);
        try {
          const other = initParams({ ...c.config, seed: c.config.seed + 1 });
          await trainer.writeParams(other);
          const floor = backend.capabilities.precision === 'float64' ? 0 : 1e-7;
          assertClose(packParams(await trainer.readParams()), packParams(other), floor === 0 ? 0 : 1e-6, 'readParams after writeParams', 1e-6);
        } finally {
          trainer.dispose();
        }
      });
    }
  });
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number, what: string, floor = 1e-6): void {
  const error = maxRelativeError(a, b, floor);
  if (!(error <= tolerance)) {
    const worst = Array.from(a).findIndex((x, i) => !(relativeError(x, b[i], floor) <= tolerance));
    throw new Error(
      `${what}: max relative error ${error.toExponential(2)} exceeds ${tolerance.toExponential(1)}` +
        (worst >= 0 ? ` (first at index ${worst}: ${a[worst]} vs ${b[worst]})` : ''),
    );
  }
}
