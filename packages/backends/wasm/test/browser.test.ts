import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { canonicalConfig, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';
import { WASM_DIR, WASM_FILES } from '../src';
import type * as Entry from './browserEntry';
import { CHROMIUM, hasChromium, openPage, type OpenPage, type ServedFile } from '../../../../tools/jest/chromium-page';
import { describeBuilt } from './helpers';

const STEPS = 50;
// A VS Code webview's lock: WebAssembly may compile ('wasm-unsafe-eval'), nothing may eval.
const WEBVIEW_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'";

/** The browser entry bundled by esbuild (no Node built-ins reach it), the .wasm files under /wasm/. */
async function files(): Promise<Record<string, ServedFile>> {
  const root = resolve(__dirname, '..');
  const built = await esbuild.build({
    entryPoints: [join(__dirname, 'browserEntry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'GenEFTWasm',
    platform: 'browser',
    logLevel: 'error',
    alias: { '@geneft/core': resolve(root, '../../core/src/index.ts') },
  });
  const served: Record<string, ServedFile> = {
    '/': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><script src="app.js"></script>' },
    '/app.js': { type: 'text/javascript', body: built.outputFiles[0].text },
  };
  for (const f of Object.values(WASM_FILES)) served[`/wasm/${f}`] = { type: 'application/wasm', body: readFileSync(join(WASM_DIR, f)) };
  return served;
}

type Lib = typeof Entry;

if (!hasChromium) {
  describe.skip(`wasm in headless Chromium (skipped: ${CHROMIUM} not found; apt-get install chromium)`, () => {
    it('needs Chromium', () => undefined);
  });
} else {
  describeBuilt('wasm in headless Chromium', () => {
    let reference: number[];
    beforeAll(async () => {
      reference = await referenceTrajectory(specOf(canonicalConfig()), STEPS);
    }, 60_000);

    it(`a page fetches the module under a strict CSP and follows the reference for ${STEPS} canonical steps within 1e-4`, async () => {
      const page: OpenPage = await openPage(await files(), `${WEBVIEW_CSP}; connect-src 'self'`, 'GenEFTWasm');
      try {
        const config = canonicalConfig();
        const result = await page.page.evaluate(
          async ({ config, steps }) => {
            const g = (globalThis as unknown as { GenEFTWasm: Lib }).GenEFTWasm;
            g.registerWasmBackend({ modules: new URL('wasm/', location.href) });
            const backend = await g.getBackend();
            const trainer = (await backend.createTrainer({ config, data: g.makeDataset(config.task), params: g.initParams(config) })) as unknown as {
              isa: string;
              step(k: number): Promise<number>;
            };
            const losses: number[] = [];
            for (let s = 0; s < steps; s++) losses.push(await trainer.step(1));
            const start = performance.now();
            await trainer.step(500);
            return { name: backend.name, isa: trainer.isa, supported: g.supportedIsas(), losses, stepsPerSecond: 500 / ((performance.now() - start) / 1000) };
          },
          { config, steps: STEPS },
        );
        const error = maxRelativeError(result.losses, reference);
        console.log(`wasm (${result.isa}, headless Chromium): max relative loss error ${error.toExponential(2)} over ${STEPS} steps; ${result.stepsPerSecond.toFixed(0)} steps/s`);
        expect(result.name).toBe('wasm');
        // Chromium ≥ 114 validates relaxed SIMD, so "auto" loads that build.
        expect(result.isa).toBe(result.supported[0]);
        expect(error).toBeLessThan(1e-4);
      } finally {
        await page.close();
      }
    }, 90_000);

    it('a webview-like page with no connect-src gets the bytes by message; a batch trainer runs on the page', async () => {
      const served = await files();
      const page = await openPage(served, WEBVIEW_CSP, 'GenEFTWasm');
      try {
        const bytes = Array.from(served[`/wasm/${WASM_FILES.simd128}`].body as Buffer);
        const config = canonicalConfig();
        const result = await page.page.evaluate(
          async ({ config, bytes, steps }) => {
            const g = (globalThis as unknown as { GenEFTWasm: Lib }).GenEFTWasm;
            const blocked = await fetch('/wasm/geneft-simd128.wasm').then(
              () => 'fetched',
              () => 'blocked',
            );
            const backend = await g.wasmBackend({ modules: { simd128: Uint8Array.from(bytes) }, isa: 'simd128' });
            const spec = { config, data: g.makeDataset(config.task), params: g.initParams(config) };
            const batch = await backend.createBatchTrainer!([spec, spec]);
            const losses = Array.from(await batch.step(steps));
            return { blocked, losses };
          },
          { config, bytes, steps: STEPS },
        );
        expect(result.blocked).toBe('blocked'); // the CSP is in force
        expect(result.losses[0]).toBe(result.losses[1]);
        expect(Math.abs(result.losses[0] - reference[STEPS - 1]) / reference[STEPS - 1]).toBeLessThan(1e-4);
      } finally {
        await page.close();
      }
    }, 90_000);

    it("without 'wasm-unsafe-eval' the page cannot compile the module, and says so", async () => {
      const page = await openPage(await files(), "default-src 'none'; script-src 'self'; connect-src 'self'", 'GenEFTWasm');
      try {
        const message = await page.page.evaluate(async () => {
          const g = (globalThis as unknown as { GenEFTWasm: Lib }).GenEFTWasm;
          return g.wasmBackend({ modules: new URL('wasm/', location.href), isa: 'simd128' }).then(
            () => 'loaded',
            (e: Error) => e.message,
          );
        });
        expect(message).toMatch(/Content Security Policy|unsafe-eval|CompileError/i);
      } finally {
        await page.close();
      }
    }, 90_000);
  });
}

