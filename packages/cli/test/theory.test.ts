import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runTheoryCommand } from '../src/commands/theory';

/** Tests of `geneft theory` (src/commands/theory.ts). */

const dir = mkdtempSync(join(tmpdir(), 'geneft-theory-'));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runTheoryCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, cwd: dir });
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

describe('geneft theory graph', () => {
  test('--relation mod:3 --json', async () => {
    const { code, out, err } = await run(['graph', '--relation', 'mod:3', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const r = JSON.parse(out);
    expect(r.n).toBe(30);
    expect(r.automorphisms).toBe((3628800n ** 3n * 6n).toString());
    expect(r.bits).toBeCloseTo(39.75, 2);
    expect(r.closedFormBits).toBeCloseTo(r.bits, 9);
    expect(r.pc).toBeCloseTo(0.1, 2);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  test('greater, bipartite:10, --n and --alpha', async () => {
    const g = JSON.parse((await run(['graph', '--relation', 'greater', '--json'])).out);
    expect(g.automorphisms).toBe('1');
    expect(g.pc).toBeCloseTo(0.274, 3);
    const b = JSON.parse((await run(['graph', '--relation', 'bipartite:10', '--json'])).out);
    expect(b.bits).toBeCloseTo(24.84, 2);
    expect(b.pc).toBeCloseTo(0.062, 3);
    const small = JSON.parse((await run(['graph', '--relation', 'mod:2', '--n', '6', '--alpha', '0.5', '--json'])).out);
    expect(small.n).toBe(6);
    expect(small.automorphisms).toBe('72');
    expect(small.alpha).toBe(0.5);
  });

  test('FILE as a matrix, {"matrix"} or {"n", "edges"}', async () => {
    const c5 = [0, 1, 2, 3, 4].map((i) => [0, 1, 2, 3, 4].map((j) => (Math.abs(i - j) === 1 || Math.abs(i - j) === 4 ? 1 : 0)));
    for (const f of [file('c5.json', c5), file('c5m.json', { matrix: c5 })]) {
      const r = JSON.parse((await run(['graph', f, '--json'])).out);
      expect(r.automorphisms).toBe('10');
      expect(r.n).toBe(5);
    }
    const edges = file('edges.json', { n: 4, edges: [[0, 1], [1, 2], [2, 3], [3, 0]] });
    expect(JSON.parse((await run(['graph', edges, '--json'])).out).automorphisms).toBe('4');
  });

  test('human table without --json', async () => {
    const { code, out } = await run(['graph', '--relation', 'mod:5']);
    expect(code).toBe(0);
    expect(out).toMatch(/\|Aut\(G\)\|\s+\d+/);
    expect(out).toMatch(/53\.34 bits/);
  });

  test('bad input: one line naming the file and JSON path, exit 2', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['bad-entry.json', [[0, 1], [2, 0]], /^geneft: \/.*\/bad-entry\.json: \$\[1\]\[0\]: expected 0 or 1, got 2\n$/],
      ['bad-row.json', { matrix: [[0, 1], [0]] }, /^geneft: \/.*\/bad-row\.json: \$\.matrix\[1\]: expected a row of 2 entries/],
      ['bad-edge.json', { n: 3, edges: [[0, 1], [1, 5]] }, /^geneft: \/.*\/bad-edge\.json: \$\.edges\[1\]: expected \[x, y\] with 0 ≤ x, y < 3/],
      ['bad-n.json', { n: -1, edges: [] }, /^geneft: \/.*\/bad-n\.json: \$\.n: expected an integer/],
      ['bad-shape.json', { nodes: 3 }, /^geneft: \/.*\/bad-shape\.json: \$: expected an n×n 0\/1 matrix/],
      ['bad-json.json', '[[0, 1], [1, 0]', /^geneft: \/.*\/bad-json\.json: \$: expected valid JSON/],
    ];
    for (const [name, content, message] of cases) {
      const { code, out, err } = await run(['graph', file(name, content), '--json']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
    expect((await run(['graph', 'missing.json'])).code).toBe(2);
    expect((await run(['graph', '--relation', 'mod:99'])).code).toBe(2);
    expect((await run(['graph', '--relation', 'bogus'])).err).toMatch(/--relation: expected mod:K/);
    expect((await run(['graph'])).code).toBe(2);
    expect((await run(['graph', '--relation', 'greater', '--alpha', '2'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

describe('geneft theory repons', () => {
  test('--json prints pr, prMonteCarlo, prStdError', async () => {
    const { code, out } = await run(['repons', '--eta-encoder', '2', '--eta-decoder', '1', '--samples', '20000', '--seed', '3', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.pr).toBeCloseTo(0.5, 12); // ρ = √(2/(2·1)) = 1
    expect(Math.abs(r.prMonteCarlo - r.pr)).toBeLessThan(4 * r.prStdError);
    expect(r.samples).toBe(20000);
    const q = JSON.parse((await run(['repons', '--eta-encoder', '1e-3', '--eta-decoder', '1e-2', '--sigma-ratio', '2', '--json'])).out);
    expect(q.pr).toBeCloseTo((2 / Math.PI) * Math.atan(2 * Math.sqrt(1 / 20)), 12);
  });

  test('missing or bad rates are usage errors', async () => {
    expect((await run(['repons', '--eta-encoder', '1'])).code).toBe(2);
    expect((await run(['repons', '--eta-encoder', '-1', '--eta-decoder', '1'])).code).toBe(2);
    expect((await run(['repons', '--eta-encoder', '1', '--eta-decoder', '1'])).out).toMatch(/p_r \(Theorem 3\)/);
  });
});

describe('geneft theory boundary', () => {
  test('prints the critical ratio for an experiment file', async () => {
    const exp = file('exp.geneft.json', { task: { relation: 'mod', k: 3, n: 12 }, dynamics: { lrEncoder: 1e-3, lrDecoder: 1e-2 } });
    const { code, out } = await run(['boundary', exp, '--seeds', '2', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.criticalRatio).toBeCloseTo(r.sigmaA ** 2 / (2 * r.sigmaC ** 2), 12);
    expect(r.ratioAt['0.5']).toBe(r.criticalRatio);
    expect(r.seeds).toBe(2);
    expect(r.pr).toBeGreaterThan(0);
    // adam (the default): the fit race, on the fastest backend the CLI found
    expect(r.form).toBe('fit-race');
    expect(r.race.seeds).toHaveLength(2);
    expect(r.race.travelSpeed).toBeCloseTo(Math.SQRT2 * 1e-3, 15);
    const [a, b] = r.race.seeds.map((x: { criticalRatio: number }) => x.criticalRatio).sort((x: number, y: number) => x - y);
    expect(r.predictedRatio).toBeCloseTo(Math.sqrt(a * b), 8);
    expect(r.predictedFraction).toBe([a, b].filter((c) => c > 10).length / 2);
  });

  test('sgd: the race with test repons; Theorem 3 with k_sgd beside it', async () => {
    const exp = file('sgd.geneft.json', { task: { relation: 'mod', k: 3, n: 12 }, dynamics: { optimizer: 'sgd', lrEncoder: 1e-2, lrDecoder: 1e-1 }, budget: { steps: 2000 } });
    const { code, out } = await run(['boundary', exp, '--seeds', '2', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.form).toBe('fit-race');
    expect(r.race.travel).toBe('sgd-test-repons');
    expect(r.race.seeds.map((s: { travelSteps: number | null }) => s.travelSteps)).toEqual([null, null]);
    expect(r.gradientDescentRatio).toBeCloseTo(r.criticalRatioMultiOutput / r.kSgd, 8);
    // and the table prints without T_travel
    const table = await run(['boundary', exp, '--seeds', '2']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/test repons/);
    expect(table.out).not.toMatch(/T_travel/);
  }, 120_000);

  test('on a terminal the race shows its progress on stderr, ending with a newline', async () => {
    const exp = file('tty.geneft.json', { task: { relation: 'mod', k: 3, n: 12 }, dynamics: { lrEncoder: 1e-3, lrDecoder: 1e-2 } });
    let err = '';
    const code = await runTheoryCommand(['boundary', exp, '--seeds', '1', '--json'], { stdout: () => undefined, stderr: (t) => (err += t), isTTY: true, cwd: dir });
    expect(code).toBe(0);
    expect(err).toMatch(/fit race on \S+, step 1 of 10/);
    expect(err.endsWith('step 10 of 10\n')).toBe(true);
  });

  test('an unknown backend: exit 2, one line', async () => {
    const exp = file('exp2.geneft.json', { task: { relation: 'mod', k: 3, n: 12 } });
    const { code, err } = await run(['boundary', exp, '--backend', 'no-such-engine']);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  test('bad experiment file: exit 2 with the path', async () => {
    const exp = file('bad.geneft.json', { task: { relation: 'mod', k: 'three' } });
    const { code, err } = await run(['boundary', exp]);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.geneft\.json: \$\.task/);
  });

  test('help', async () => {
    expect((await run([])).out).toMatch(/geneft theory graph/);
    expect((await run(['boundary', '--help'])).out).toMatch(/geneft theory boundary EXP/);
  });
});
