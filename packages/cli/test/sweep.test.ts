import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geneft, tmp } from './helpers';

const BIN = join(__dirname, '..', 'dist', 'bin.js');

function sweepFile(dir: string, steps = 400): string {
  const file = join(dir, 'grid.sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      base: { task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.75 }, decoder: { kind: 'mlp', width: 16, depth: 2 }, budget: { steps, evalEvery: 50 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-3, 1e-1, 4] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 3] },
      ],
      seeds: [0, 1],
    }),
  );
  return file;
}

const lines = (store: string) =>
  existsSync(join(store, 'runs.jsonl')) ? readFileSync(join(store, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean) : [];

describe('geneft sweep', () => {
  it('runs every cell and reports phases; a rerun runs nothing', async () => {
    const dir = tmp();
    const file = sweepFile(dir, 100);
    const r = await geneft(['sweep', file, '--backend', 'reference', '--workers', '1', '--json'], dir);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ total: 24, done: 24, resumed: 0 });
    expect(Object.values(summary.phases as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(24);
    expect(lines(join(dir, 'grid.runs'))).toHaveLength(24);
    const again = JSON.parse((await geneft(['sweep', file, '--backend', 'reference', '--json'], dir)).stdout);
    expect(again).toMatchObject({ total: 24, done: 24, resumed: 24 });
  }, 120_000);

  (existsSync(BIN) ? it : it.skip)('a sweep killed with SIGKILL resumes with no run lost or repeated', async () => {
    const dir = tmp();
    const file = sweepFile(dir);
    const store = join(dir, 'store');
    const child = spawn('node', [BIN, 'sweep', file, '--backend', 'reference', '--workers', '2', '--store', store], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (lines(store).length >= 5) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the sweep finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const before = lines(store).length;
    expect(before).toBeLessThan(24);

    const r = await geneft(['sweep', file, '--backend', 'reference', '--store', store, '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 24, done: 24, resumed: before });
    const hashes = lines(store).map((l) => JSON.parse(l).configHash);
    expect(hashes).toHaveLength(24);
    expect(new Set(hashes).size).toBe(24);
  }, 120_000);

  it('a bad sweep file is one line naming the file and path, exit 2', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.sweep.json');
    writeFileSync(file, JSON.stringify({ axes: [{ path: 'dynamics.lrEncoder', log: [1e-3, -1, 3] }] }));
    const r = await geneft(['sweep', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`geneft: ${file}: $.axes[0].log: expected positive ends for a log range, got [0.001,-1,3]`);
    expect(existsSync(join(dir, 'bad.runs'))).toBe(false);
  });
});

describe('geneft report', () => {
  it('renders a sweep store: the run table, a phase diagram over its two axes, learning curves per phase', async () => {
    const dir = tmp();
    const file = sweepFile(dir, 100);
    expect((await geneft(['sweep', file, '--backend', 'reference', '--workers', '1', '--json'], dir)).code).toBe(0);
    const r = await geneft(['report', join(dir, 'grid.runs')], dir);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const out = join(dir, 'grid.runs', 'report');
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8'));
    expect(runs.data.runs).toBe(24);
    expect(runs.data.axes).toEqual(['dynamics.lrEncoder', 'dynamics.lrDecoder']);
    expect(existsSync(join(out, 'phase-diagram.svg'))).toBe(true);
    const phases = new Set(lines(join(dir, 'grid.runs')).map((l) => JSON.parse(l).phase));
    for (const phase of phases) expect(existsSync(join(out, `curves-${phase}.png`))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Phases over dynamics.lrEncoder × dynamics.lrDecoder');
  }, 120_000);

  it('a directory without runs.jsonl is a usage error', async () => {
    const r = await geneft(['report', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no runs.jsonl');
  });
});
