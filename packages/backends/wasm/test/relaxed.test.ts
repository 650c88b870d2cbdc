import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalConfig, maxRelativeError, referenceTrajectory, specOf } from '@geneft/core/testing';
import { describeBuilt } from './helpers';

const STEPS = 100;

/**
 * The relaxed-SIMD build in a Node started with --experimental-wasm-relaxed-simd (Node 20's V8
 * has the final opcodes behind that flag; Node ≥ 22 has them on): losses of STEPS single steps
 * of the canonical model, and the build "auto" picked.
 */
function relaxedTrajectory(isa: string): { isa: string; losses: number[] } {
  const script = `
    const core = require('@geneft/core');
    const { wasmBackend } = require(${JSON.stringify(join(__dirname, '..', 'dist'))});
    (async () => {
      const config = core.resolveExperiment(${JSON.stringify(canonicalConfig())});
      const spec = { config, data: core.makeDataset(config.task), params: core.initParams(config) };
      const trainer = await (await wasmBackend({ isa: ${JSON.stringify(isa)} })).createTrainer(spec);
      const losses = [];
      for (let s = 0; s < ${STEPS}; s++) losses.push(await trainer.step(1));
      console.log(JSON.stringify({ isa: trainer.isa, losses }));
    })();`;
  const out = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', script], { encoding: 'utf8', env: { ...process.env, GENEFT_WASM_ISA: '' } });
  return JSON.parse(out);
}

describeBuilt('relaxed-SIMD build', () => {
  it(`is picked by "auto" where the runtime validates it, and follows the reference for ${STEPS} steps within 1e-4`, async () => {
    const relaxed = relaxedTrajectory('auto');
    expect(relaxed.isa).toBe('relaxed-simd');
    const reference = await referenceTrajectory(specOf(canonicalConfig()), STEPS);
    expect(maxRelativeError(relaxed.losses, reference)).toBeLessThan(1e-4);
    // With hardware FMA, V8 fuses relaxed_madd: the rounding, hence the bits, differ from SIMD128.
    if (existsSync('/proc/cpuinfo') && /\bfma\b/.test(readFileSync('/proc/cpuinfo', 'utf8'))) {
      expect(relaxed.losses).not.toEqual(relaxedTrajectory('simd128').losses);
    }
  }, 60_000);
});
