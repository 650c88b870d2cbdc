import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateOutputs, makeDataset, ReferenceTrainer } from '@geneft/core';
import { loadExperimentFile, loadParamsFile } from '@geneft/core/node';
import { WASM_DIR, WASM_FILES } from '@geneft/backend-wasm';
import { EXAMPLES, geneft, tmp } from './helpers';

// The wasm modules are build outputs of clang-14; a machine without it (outside CI) has none.
const wasmBuilt = Object.values(WASM_FILES).every((f) => existsSync(join(WASM_DIR, f)));

describe('geneft run', () => {
  it('the canonical example generalizes on the reference backend (--json prints exactly one object), and on every fast backend alike', async () => {
    const r = await geneft(['run', 'canonical.geneft.json', '--backend', 'reference', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(['comprehension', 'grokking']).toContain(out.phase);
    expect(out.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(out.testAccuracy).toBeGreaterThanOrEqual(0.9);
    for (const key of ['stepTrain', 'stepTest', 'trainLoss', 'steps', 'backend', 'configHash', 'wallMs']) expect(out).toHaveProperty(key);
    expect(out.backend).toBe('reference');

    // Every backend available in Node reaches the same phase at the same steps, with the same loss to float32 accuracy.
    for (const backend of ['native', ...(wasmBuilt ? ['wasm'] : [])]) {
      const other = await geneft(['run', 'canonical.geneft.json', '--backend', backend, '--json']);
      expect({ backend, code: other.code, stderr: other.stderr }).toEqual({ backend, code: 0, stderr: '' });
      const o = JSON.parse(other.stdout);
      expect({ backend: o.backend, phase: o.phase, stepTrain: o.stepTrain, stepTest: o.stepTest }).toEqual({ backend, phase: out.phase, stepTrain: out.stepTrain, stepTest: out.stepTest });
      expect(Math.abs(o.trainLoss - out.trainLoss) / out.trainLoss).toBeLessThan(1e-4);
    }
  }, 180_000);

  it('mod 3 at fraction 0.1 does not generalize', async () => {
    const r = await geneft(['run', 'mod3-fraction-0.1.geneft.json', '--backend', 'reference', '--steps', '3000', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(['memorization', 'confusion']).toContain(out.phase);
    expect(out.stepTest).toBeNull();
    expect(out.testAccuracy).toBeLessThan(0.9);
  }, 120_000);

  it('--dump-params writes the final parameters, which --init starts from', async () => {
    const dir = tmp();
    const dump = join(dir, 'params.json');
    const r = await geneft(['run', 'bipartite.geneft.json', '--backend', 'reference', '--steps', '40', '--json', '--dump-params', dump]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const config = loadExperimentFile(join(EXAMPLES, 'bipartite.geneft.json'));
    const params = loadParamsFile(dump, config);
    const data = makeDataset(config.task);
    const e = evaluateOutputs(await new ReferenceTrainer({ config, data, params }).predict(), data, 'bce');
    expect(e.trainLoss).toBeCloseTo(out.trainLoss, 12);

    const again = await geneft(['run', 'bipartite.geneft.json', '--backend', 'reference', '--steps', '1', '--json', '--init', dump]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).trainLoss).toBeLessThan(out.trainLoss);
  }, 60_000);

  it('the human summary names the phase, the milestones and the backend', async () => {
    const r = await geneft(['run', 'bipartite.geneft.json', '--backend', 'reference', '--steps', '300']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/phase\s+(comprehension|grokking)/);
    expect(r.stdout).toMatch(/backend\s+reference/);
  }, 60_000);
});

describe('bad input: one line on stderr naming the file and JSON path, exit 2, nothing written', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"task": {"relation": "mod",,}}', /: \$: expected valid JSON \(.*line 1, column \d+\)$/],
    ['wrong type at a nested path', { task: { relation: 'mod', k: 3, n: 'thirty' } }, /: \$\.task\.n: expected an integer ≥ 2 and ≤ 4096, got "thirty"$/],
    ['unknown relation', { task: { relation: 'tree' } }, /: \$\.task\.relation: expected one of "mod", "greater", "bipartite", "graph", got "tree"$/],
    ['negative learning rate', { dynamics: { lrDecoder: -0.1 } }, /: \$\.dynamics\.lrDecoder: expected a number ≥ 0, got -0\.1$/],
    ['k < 2', { task: { relation: 'mod', k: 1 } }, /: \$\.task\.k: expected an integer ≥ 2, got 1$/],
    ['n < 2', { task: { relation: 'mod', n: 1 } }, /: \$\.task\.n: expected an integer ≥ 2 and ≤ 4096, got 1$/],
    ['fraction 0', { task: { trainFraction: 0 } }, /: \$\.task\.trainFraction: expected a number > 0 and ≤ 1, got 0$/],
    ['fraction above 1', { task: { trainFraction: 1.01 } }, /: \$\.task\.trainFraction: expected a number > 0 and ≤ 1, got 1\.01$/],
  ];

  it.each(cases)('%s', async (_name, content, message) => {
    const dir = tmp();
    const file = join(dir, 'bad.geneft.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const dump = join(dir, 'out.json');
    const r = await geneft(['run', file, '--json', '--dump-params', dump], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(readdirSync(dir)).toEqual(['bad.geneft.json']);
  });

  it('a params.json whose shapes do not match', async () => {
    const dir = tmp();
    const params = join(dir, 'params.json');
    const good = JSON.parse(readFileSync(join(EXAMPLES, 'canonical.geneft.json'), 'utf8'));
    writeFileSync(params, JSON.stringify({ embeddings: Array.from({ length: 30 }, () => [0, 0]), decoder: [{ weight: [[0, 0, 0]], bias: [0] }] }));
    expect(good.task.n).toBe(30);
    const r = await geneft(['run', join(EXAMPLES, 'canonical.geneft.json'), '--init', params, '--dump-params', join(dir, 'out.json')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${params}: $.decoder: expected an array of 4 layers, got "1 layers"`);
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
  });

  it('an unknown backend or flag is a usage error (exit 2)', async () => {
    expect((await geneft(['run', 'canonical.geneft.json', '--backend', 'cuda'])).code).toBe(2);
    expect((await geneft(['run', 'canonical.geneft.json', '--stpes', '5'])).code).toBe(2);
    expect((await geneft(['run', 'canonical.geneft.json', '--steps', '-5'])).code).toBe(2);
    expect((await geneft(['frobnicate'])).code).toBe(2);
  });

  it('geneft validate accepts every example and prints the resolved config with --json', async () => {
    for (const f of readdirSync(EXAMPLES).filter((x) => x.endsWith('.geneft.json'))) {
      const r = await geneft(['validate', f, '--json']);
      expect({ f, code: r.code, stderr: r.stderr }).toEqual({ f, code: 0, stderr: '' });
      expect(JSON.parse(r.stdout).config.task).toBeDefined();
    }
  });
});

describe('the built bin', () => {
  const bin = join(__dirname, '..', 'dist', 'bin.js');
  const built = existsSync(bin);
  (built ? it : it.skip)('exits 2 with one stderr line on bad input and prints help', () => {
    const help = execFileSync('node', [bin, '--help'], { encoding: 'utf8' });
    expect(help).toContain('geneft run EXP');
    try {
      execFileSync('node', [bin, 'run', 'nope.geneft.json'], { encoding: 'utf8', stdio: 'pipe' });
      throw new Error('should have failed');
    } catch (error) {
      const e = error as { status: number; stderr: string; stdout: string };
      expect(e.status).toBe(2);
      expect(e.stdout).toBe('');
      expect(e.stderr.trim().split('\n')).toHaveLength(1);
      expect(e.stderr).toContain('nope.geneft.json: $: expected a readable file (ENOENT)');
    }
  });
});
