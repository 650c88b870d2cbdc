import { describeConformance } from '@geneft/core/testing';
import type * as Bundle from '../src/browser';
import { CHROMIUM, hasChromium, openBundlePage, type BrowserPage } from './browser';
import { canonicalConfig, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';
import { pageTensorCount, remoteBackend } from './remote';
import { tfjsCapabilities } from '@geneft/backend-tfjs/base';

/**
 * WebGL runs only in a browser: these tests build the bundle, open it in headless Chromium
 * (WebGL2 on SwiftShader) and drive the backend there, comparing with the reference in Node.
 */
const STEPS = 100;
/**
 * Tolerance on the canonical loss trajectory. SwiftShader computes in IEEE float32 like the
 * other tfjs backends, and the measured drift is of the same order (≈1e-7); GPU drivers may
 * use less exact exp/tanh, which Adam's normalised steps turn into larger drift, hence 1e-4.
 */
const WEBGL_TOLERANCE = 1e-4;

if (!hasChromium) {
  describe.skip(`webgl in headless Chromium (skipped: ${CHROMIUM} not found; apt-get install chromium)`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  let browser: BrowserPage;
  beforeAll(async () => {
    browser = await openBundlePage();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe('webgl in headless Chromium', () => {
    it('runs on tfjs webgl with float32 textures', async () => {
      const info = await browser.page.evaluate(async () => {
        const lib = (globalThis as unknown as { GenEFTWebgl: typeof Bundle }).GenEFTWebgl;
        const backend = await lib.getBackend();
        return {
          best: backend.name,
          listed: lib.listBackends(),
          engine: lib.tf.getBackend(),
          float32: lib.tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
          version: lib.tf.env().getNumber('WEBGL_VERSION'),
        };
      });
      expect(info).toMatchObject({ best: 'webgl', engine: 'webgl', float32: true });
      expect(info.listed).toEqual(['webgl', 'reference']);
      expect(info.version).toBeGreaterThanOrEqual(1);
    });

    it(`follows the reference loss trajectory of the canonical model for ${STEPS} steps within ${WEBGL_TOLERANCE}`, async () => {
      const config = canonicalConfig();
      const reference = await referenceTrajectory(specOf(config), STEPS);
      const result = await browser.page.evaluate(
        async ({ config, steps }) => {
          const lib = (globalThis as unknown as { GenEFTWebgl: typeof Bundle }).GenEFTWebgl;
          const backend = await lib.getBackend('webgl');
          const spec = { config, data: lib.makeDataset(config.task), params: lib.initParams(config) };
          const before = lib.tf.memory().numTensors;
          const trainer = await backend.createTrainer(spec);
          const losses: number[] = [];
          for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
          const start = performance.now();
          await trainer.step(100);
          const stepsPerSecond = 100 / ((performance.now() - start) / 1000);
          trainer.dispose();
          return { losses, stepsPerSecond, leaked: lib.tf.memory().numTensors - before };
        },
        { config, steps: STEPS },
      );
      const error = maxRelativeError(result.losses, reference);
      console.log(`webgl (headless Chromium, SwiftShader): max relative loss error ${error.toExponential(2)} over ${STEPS} steps; ${result.stepsPerSecond.toFixed(1)} steps/s`);
      expect(error).toBeLessThan(WEBGL_TOLERANCE);
      expect(result.leaked).toBe(0);
    }, 120_000);
  });

  describe('webgl README example', () => {
    it('runExperiment in the page trains the canonical model with the webgl backend', async () => {
      const run = await browser.page.evaluate(async () => {
        const { resolveExperiment, runExperiment } = (globalThis as unknown as { GenEFTWebgl: typeof Bundle }).GenEFTWebgl;
        const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 }, budget: { steps: 300, evalEvery: 100 } });
        const evals: number[] = [];
        const result = await runExperiment(config, { dynamics: 'webgl', onEval: (record) => evals.push(record.step) });
        return { backend: result.backend, steps: result.steps, evals, trainLoss: result.trainLoss };
      });
      expect(run).toMatchObject({ backend: 'webgl', steps: 300, evals: [0, 100, 200, 300] });
      expect(run.trainLoss).toBeLessThan(0.7);
    }, 60_000);
  });

  // Core's suite, in Node, against trainers that live in the page. No skips. The capabilities are
  // given so the suite makes the backend when its tests start, after beforeAll opened the page.
  describeConformance('webgl (headless Chromium)', async () => remoteBackend(browser.page, 'webgl'), { capabilities: tfjsCapabilities() });

  describe('webgl memory', () => {
    it('no tensors are left in the page once every trainer is disposed', async () => {
      await browser.page.evaluate(() => new Promise((done) => setTimeout(done, 50)));
      const trainers = await browser.page.evaluate(() => (globalThis as unknown as { __geneft?: { trainers: Map<number, unknown> } }).__geneft?.trainers.size ?? 0);
      expect(trainers).toBe(0);
      expect(await pageTensorCount(browser.page)).toBe(0);
    });
  });
}
