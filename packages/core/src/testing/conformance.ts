import { checkCapabilities } from '../backend/registry';
import type { Backend, BackendCapabilities, BatchTrainer, Trainer } from '../backend/types';
import { referenceBackend } from '../backends/reference/backend';
import type { ExperimentConfig } from '../config/types';
import { CapabilityError } from '../errors';
import { initParams } from '../model/init';
import { packParams } from '../model/layout';
import { specOf } from './canonical';
import { conformanceCases, type ConformanceCase } from './cases';
import { assertClose } from './compare';
import { globalRunner, type TestRunner } from './runner';

export interface ConformanceOptions {
  /** case name (as printed by the suite, e.g. "trajectory: ideal-order") → why it is skipped. */
  skip?: Record<string, string>;
  /** relative tolerance on losses and parameters; default 1e-10 for float64, 1e-4 for float32. */
  tolerance?: number;
  /** steps of the trajectory comparison (default 25). */
  steps?: number;
  /**
   * The test runner's functions; default the globals (Jest, Vitest with `globals: true`).
   * node:test: `{ describe, it, beforeAll: before }`; Vitest: `{ describe, it, beforeAll }` from "vitest".
   */
  runner?: TestRunner;
  /**
   * The backend's capabilities, known before it is made: the cases they exclude are registered
   * as skipped, and the many-runs section runs when `batchedRuns` is true; the backend is then
   * made when the suite starts (beforeAll). Without them, `makeBackend` is called at once, when
   * the suite is registered, and a synchronous one's backend gives them; an asynchronous one's
   * cannot, so pass them for an asynchronous factory. A test checks that the backend declares
   * what the suite was given.
   */
  capabilities?: BackendCapabilities;
  /** more cases (e.g. configurations of a plugin's decoder kind), run like the built-in ones. */
  cases?: ConformanceCase[];
}

/** Per-test timeout for runners that take one as the third argument of `it` (Jest, Vitest). */
const TIMEOUT_MS = 120_000;

/**
 * Core's conformance suite: every backend runs it in its own tests, under any test runner. Each
 * case trains a small configuration from core's initial parameters on the backend and on the
 * float64 reference and requires the same loss trajectory, outputs and parameters within the
 * tolerance. A case the backend's capabilities exclude is registered as skipped, its name saying
 * which capability; `options.skip` skips others, each with its reason. A backend with a
 * many-runs mode (`batchedRuns`, `createBatchTrainer`) also runs a block of mixed configurations
 * against the same runs one by one, `deactivate` and `readParams`.
 */
export function describeConformance(label: string, makeBackend: () => Backend | Promise<Backend>, options: ConformanceOptions = {}): void {
  const t = options.runner ?? globalRunner();
  const reference = referenceBackend();
  const steps = options.steps ?? 25;
  // With the capabilities given, the backend is made in beforeAll, when its tests start: making
  // several at registration would overlap their initialisations (tfjs has one engine per process).
  // Without them, makeBackend is called now, to read them from a synchronous factory.
  const early = options.capabilities ? undefined : makeBackend();
  // Awaited in beforeAll, which reports a failure; until then it must not count as unhandled.
  if (early && isPromise(early)) early.catch(() => undefined);
  const declared = options.capabilities ?? (early && !isPromise(early) ? early.capabilities : undefined);
  const cases = [...conformanceCases(), ...(options.cases ?? [])];

  t.describe(`conformance: ${label}`, () => {
    let backend: Backend;
    let tolerance: number;
    t.beforeAll(async () => {
      backend = await (early ?? makeBackend());
      tolerance = options.tolerance ?? (backend.capabilities.precision === 'float64' ? 1e-10 : 1e-4);
    });

    const test = (name: string, body: () => Promise<void>) => {
      const reason = options.skip?.[name];
      if (reason) t.it.skip(`${name} (skipped: ${reason})`, () => undefined);
      else t.it(name, body, TIMEOUT_MS);
    };
    const caseTest = (kind: string, c: ConformanceCase, body: () => Promise<void>) => {
      const name = `${kind}: ${c.name}`;
      const excluded = declared && exclusion(declared, c.config);
      if (excluded) {
        t.it.skip(`${name} (skipped: backend lacks ${excluded})`, () => undefined);
        return;
      }
      test(name, async () => {
        const lacking = exclusion(backend.capabilities, c.config);
        if (lacking) throw new Error(`the backend lacks ${lacking}: pass its capabilities as options.capabilities so this case is reported as skipped`);
        await body();
      });
    };

    test('capabilities: the backend declares what the suite was told', async () => {
      if (!declared && backend.capabilities.batchedRuns) {
        throw new Error("the backend has a many-runs mode the suite could not see when it was registered: pass options.capabilities (an asynchronous makeBackend gives its capabilities only once it is awaited)");
      }
      const expected: Partial<BackendCapabilities> = declared ?? {};
      for (const key of Object.keys(expected) as (keyof BackendCapabilities)[]) {
        const [want, got] = [JSON.stringify(expected[key]), JSON.stringify(backend.capabilities[key])];
        if (want !== got) throw new Error(`capabilities.${key}: the suite was given ${want}, the backend declares ${got}`);
      }
      if (backend.capabilities.batchedRuns !== (typeof backend.createBatchTrainer === 'function')) {
        throw new Error(`capabilities.batchedRuns is ${backend.capabilities.batchedRuns} but createBatchTrainer is ${typeof backend.createBatchTrainer}`);
      }
    });

    for (const c of cases) {
      caseTest('trajectory', c, async () => {
        const [ours, theirs] = [await trainerFor(backend, c.config), await trainerFor(reference, c.config)];
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

      caseTest('k steps per call', c, async () => {
        const [once, many] = [await trainerFor(backend, c.config), await trainerFor(backend, c.config)];
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

      caseTest('outputs and evaluation', c, async () => {
        const [ours, theirs] = [await trainerFor(backend, c.config), await trainerFor(reference, c.config)];
        try {
          await ours.step(5);
          await theirs.step(5);
          assertClose(await ours.predict(), await theirs.predict(), tolerance * 10, 'predict() of all pairs', 1e-3);
          assertEvaluationsClose(await ours.evaluate(), await theirs.evaluate(), c.config, tolerance);
        } finally {
          ours.dispose();
          theirs.dispose();
        }
      });

      caseTest('write then read parameters', c, async () => {
        const trainer = await trainerFor(backend, c.config);
        try {
          const other = initParams({ ...c.config, seed: c.config.seed + 1 });
          await trainer.writeParams(other);
          const exact = backend.capabilities.precision === 'float64';
          assertClose(packParams(await trainer.readParams()), packParams(other), exact ? 0 : 1e-6, 'readParams after writeParams', 1e-6);
        } finally {
          trainer.dispose();
        }
      });
    }

    describeBatch(t, declared, cases, () => ({ backend, tolerance }), test);
  });
}

/**
 * The many-runs section: one BatchTrainer over every case the backend runs (mixed shapes,
 * decoders, optimizers, losses and splits) must match the same runs trained one by one.
 */
function describeBatch(
  t: TestRunner,
  declared: BackendCapabilities | undefined,
  cases: ConformanceCase[],
  context: () => { backend: Backend; tolerance: number },
  test: (name: string, body: () => Promise<void>) => void,
): void {
  const name = (what: string) => `many runs per call: ${what}`;
  if (!declared?.batchedRuns) {
    for (const what of ['a mixed block matches the runs one by one', 'deactivate freezes a run, the others go on'])
      t.it.skip(`${name(what)} (skipped: backend lacks batchedRuns)`, () => undefined);
    return;
  }
  const block = cases.filter((c) => !exclusion(declared, c.config)).map((c) => c.config);

  test(name('a mixed block matches the runs one by one'), async () => {
    const { backend, tolerance } = context();
    const batch = await backend.createBatchTrainer!(block.map(specOf));
    const single = await Promise.all(block.map((config) => trainerFor(backend, config)));
    try {
      if (batch.size !== block.length) throw new Error(`size: ${batch.size}, expected ${block.length}`);
      for (const k of [1, 7]) {
        const losses = await batch.step(k);
        const expected = await Promise.all(single.map((s) => s.step(k)));
        assertClose(losses, expected, tolerance, `losses of step(${k}) of the block vs one by one`);
      }
      const [evaluations, expected] = [await batch.evaluate(), await Promise.all(single.map((s) => s.evaluate()))];
      block.forEach((config, i) => assertEvaluationsClose(evaluations[i], expected[i], config, tolerance));
      for (let i = 0; i < block.length; i++) {
        assertClose(packParams(await batch.readParams(i)), packParams(await single[i].readParams()), tolerance * 10, `readParams(${i}) of the block`, 1e-3);
      }
    } finally {
      batch.dispose();
      single.forEach((s) => s.dispose());
    }
  });

  test(name('deactivate freezes a run, the others go on'), async () => {
    const { backend, tolerance } = context();
    const batch: BatchTrainer = await backend.createBatchTrainer!(block.map(specOf));
    const single = await Promise.all(block.map((config) => trainerFor(backend, config)));
    try {
      await batch.step(3);
      await Promise.all(single.map((s) => s.step(3)));
      const stopped = block.length > 1 ? 1 : 0;
      batch.deactivate(stopped);
      const frozen = packParams(await batch.readParams(stopped));
      await batch.step(5);
      await Promise.all(single.map((s, i) => (i === stopped ? undefined : s.step(5))));
      assertClose(packParams(await batch.readParams(stopped)), frozen, 0, 'parameters of a deactivated run');
      for (let i = 0; i < block.length; i++) {
        assertClose(packParams(await batch.readParams(i)), packParams(await single[i].readParams()), tolerance * 10, `readParams(${i}) after deactivating run ${stopped}`, 1e-3);
      }
    } finally {
      batch.dispose();
      single.forEach((s) => s.dispose());
    }
  });
}

/** The first capability `config` needs that `caps` lacks, as a phrase, or undefined. */
function exclusion(caps: BackendCapabilities, config: ExperimentConfig): string | undefined {
  try {
    checkCapabilities({ name: 'backend', capabilities: caps, createTrainer: () => Promise.reject(new Error('unused')) }, config);
    return undefined;
  } catch (error) {
    if (!(error instanceof CapabilityError)) throw error;
    // 'backend "backend" does not support optimizer "adamw" (supported: …)' → 'optimizer "adamw"'
    return /does not support (.*?) \(supported/.exec(error.message)?.[1] ?? error.message.replace(/^backend "backend" /, '');
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown }).then === 'function';

async function trainerFor(backend: Backend, config: ExperimentConfig): Promise<Trainer> {
  return backend.createTrainer(specOf(config));
}

async function lossTrajectory(trainer: Trainer, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
  return losses;
}

function assertEvaluationsClose(
  ours: { trainLoss: number; testLoss: number; trainAccuracy: number; testAccuracy: number },
  theirs: { trainLoss: number; testLoss: number; trainAccuracy: number; testAccuracy: number },
  config: ExperimentConfig,
  tolerance: number,
): void {
  assertClose([ours.trainLoss, ours.testLoss], [theirs.trainLoss, theirs.testLoss], tolerance * 10, 'evaluate() losses');
  // An output within float32 rounding of the threshold may flip: allow two pairs.
  const pairs = config.task.n ** 2;
  if (Math.abs(ours.trainAccuracy - theirs.trainAccuracy) > 2 / pairs || Math.abs(ours.testAccuracy - theirs.testAccuracy) > 2 / pairs) {
    throw new Error(`accuracies differ: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
  }
}
