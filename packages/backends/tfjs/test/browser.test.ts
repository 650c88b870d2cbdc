import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import type * as Entry from './browserEntry';
import { CHROMIUM, hasChromium, openPage, type OpenPage } from '../../../../tools/jest/chromium-page';
import { canonicalConfig, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';

const STEPS = 50;
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

/** The browser path of the package: bundled by esbuild, binaries served beside the page, `wasmPaths` set. */
async function bundlePage(): Promise<OpenPage> {
  const root = resolve(__dirname, '..');
  const built = await esbuild.build({
    entryPoints: [join(__dirname, 'browserEntry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'GenEFTTfjsWasm',
    platform: 'browser',
    logLevel: 'error',
    alias: { '@geneft/core': resolve(root, '../../core/src/index.ts') },
    external: ['fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'node-fetch', 'util', 'crypto'],
  });
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><script src="app.js"></script>' },
    '/app.js': { type: 'text/javascript', body: built.outputFiles[0].text },
  };
  for (const f of WASM_FILES) files[`/wasm/${f}`] = { type: 'application/wasm', body: readFileSync(join(wasmDir, f)) };
  // A webview-like lock: WebAssembly needs 'wasm-unsafe-eval', and fetching the binaries connect-src.
  return openPage(files, "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'", 'GenEFTTfjsWasm');
}

if (!hasChromium) {
  describe.skip(`tfjs-wasm in headless Chromium (skipped: ${CHROMIUM} not found; apt-get install chromium)`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  let browser: OpenPage;
  beforeAll(async () => {
    browser = await bundlePage();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it(`tfjs-wasm in a browser page follows the reference for ${STEPS} canonical steps within 1e-4`, async () => {
    const config = canonicalConfig();
    const reference = await referenceTrajectory(specOf(config), STEPS);
    const result = await browser.page.evaluate(
      async ({ config, steps, wasmPaths }) => {
        const lib = (globalThis as unknown as { GenEFTTfjsWasm: typeof Entry }).GenEFTTfjsWasm;
        const backend = await lib.tfjsWasmBackend({ wasmPaths });
        const trainer = await backend.createTrainer({ config, data: lib.makeDataset(config.task), params: lib.initParams(config) });
        const losses: number[] = [];
        for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
        const start = performance.now();
        await trainer.step(300);
        const stepsPerSecond = 300 / ((performance.now() - start) / 1000);
        trainer.dispose();
        return { losses, stepsPerSecond, name: backend.name };
      },
      { config, steps: STEPS, wasmPaths: new URL('wasm/', browser.page.url()).href },
    );
    const error = maxRelativeError(result.losses, reference);
    console.log(`tfjs-wasm (headless Chromium): max relative loss error ${error.toExponential(2)} over ${STEPS} steps; ${result.stepsPerSecond.toFixed(1)} steps/s`);
    expect(result.name).toBe('tfjs-wasm');
    expect(error).toBeLessThan(1e-4);
  }, 90_000);
}
