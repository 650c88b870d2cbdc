import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { abbreviate, GenEftInputError, parseJsonText, resolveExperiment, resolveSweep } from '@geneft/core';
import { loadExperimentFile, readJsonFile } from '@geneft/core/node';

const tmp = () => mkdtempSync(join(tmpdir(), 'geneft-input-'));
const messageOf = (make: () => unknown): string => {
  try {
    make();
  } catch (error) {
    if (error instanceof GenEftInputError) return error.message;
    throw error;
  }
  throw new Error('expected a GenEftInputError');
};

describe('bounded JSON input', () => {
  it('refuses 200,000 nested brackets with one line, not a RangeError', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(messageOf(() => parseJsonText(deep))).toBe('$: expected JSON nested at most 64 levels deep');
    expect(messageOf(() => parseJsonText('['.repeat(200_000)))).toBe('$: expected valid JSON (unexpected end of input)');
    // the message of a value that deep is bounded too
    let nested: unknown = 1;
    for (let i = 0; i < 200_000; i++) nested = [nested];
    expect(abbreviate(nested).length).toBeLessThanOrEqual(60);
    expect(messageOf(() => resolveExperiment(nested))).toMatch(/^\$: expected an object, got \[\[\[/);
  });

  it('locates syntax errors by line and column without quoting the text', () => {
    expect(messageOf(() => parseJsonText('{"a": 1,\n  "b": hunter2}'))).toBe('$: expected valid JSON (unexpected character at line 2, column 8)');
    expect(messageOf(() => parseJsonText('{"a":1,}'))).toBe('$: expected valid JSON (unexpected character at line 1, column 8)');
    expect(messageOf(() => parseJsonText('[1, 2] x'))).toBe('$: expected valid JSON (unexpected character at line 1, column 8)');
  });

  it('the syntax locator agrees with JSON.parse on which texts are valid', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (text, at, insert) => {
        const mutated = text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        if (!valid) expect(() => parseJsonText(mutated)).toThrow(/valid JSON \(unexpected (character at line \d+, column \d+|end of input)\)/);
      }),
    );
  });

  it('reads only regular files under the size limit: /dev/zero and a FIFO are refused at once', () => {
    expect(messageOf(() => readJsonFile('/dev/zero'))).toBe('/dev/zero: $: expected a regular file (not a directory, device or pipe)');
    const dir = tmp();
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(messageOf(() => readJsonFile(fifo))).toContain('expected a regular file');
    expect(messageOf(() => readJsonFile(dir))).toContain('expected a regular file');
    const big = join(dir, 'big.json');
    writeFileSync(big, `[${'0,'.repeat(600_000)}0]`);
    expect(messageOf(() => readJsonFile(big, 2 ** 20))).toBe(`${big}: $: expected a file of at most 1 MiB (it has 1.1 MiB)`);
  });
});

describe('built-in property names', () => {
  it('refuses __proto__ and constructor as unknown keys at every level', () => {
    expect(messageOf(() => resolveExperiment(JSON.parse('{"__proto__": {"x": 1}}')))).toMatch(/^\$\.__proto__: expected a known property/);
    expect(messageOf(() => resolveExperiment({ constructor: 1 }))).toMatch(/^\$\.constructor: expected a known property/);
    expect(messageOf(() => resolveExperiment(JSON.parse('{"budget": {"toString": 3}}')))).toMatch(/^\$\.budget\.toString: expected a known property/);
    expect(messageOf(() => resolveExperiment(JSON.parse('{"task": {"relation": "mod", "hasOwnProperty": 1}}')))).toMatch(/^\$\.task\.hasOwnProperty: expected a known property/);
  });

  it('refuses an axis path through a built-in name', () => {
    const sweep = (path: string) => ({ base: { budget: { steps: 10 } }, axes: [{ path, values: [1] }] });
    expect(messageOf(() => resolveSweep(sweep('constructor')))).toBe('$.axes[0].path: expected a path that exists in the resolved base config, got "constructor"');
    expect(messageOf(() => resolveSweep(sweep('budget.__proto__')))).toContain('$.axes[0].path: expected a path that exists');
    expect(messageOf(() => resolveSweep(sweep('budget.constructor.name')))).toContain('$.axes[0].path: expected a path that exists');
  });
});

describe('sweep size', () => {
  it('refuses a repeated seed', () => {
    expect(messageOf(() => resolveSweep({ seeds: [0, 1, 0] }))).toBe('$.seeds[2]: expected a seed not listed before (a repeated seed would run the same cells twice), got 0');
  });

  it('refuses huge ranges and grids before expanding them', () => {
    const started = Date.now();
    expect(messageOf(() => resolveSweep({ axes: [{ path: 'dynamics.lrDecoder', log: [1e-4, 1e-2, 10_000_000] }] }))).toBe(
      '$.axes[0].log[2]: expected at most 10,000 values on one axis, got 10000000',
    );
    expect(
      messageOf(() =>
        resolveSweep({
          axes: [
            { path: 'dynamics.lrDecoder', log: [1e-4, 1e-2, 3000] },
            { path: 'dynamics.lrEncoder', log: [1e-4, 1e-2, 3000] },
          ],
        }),
      ),
    ).toBe('$.axes: expected a sweep of at most 1,000,000 runs (axes × seeds); this one has 3000 × 3000 × 1 seeds = 9,000,000');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('graph files', () => {
  const setup = () => {
    const root = tmp();
    const project = join(root, 'project');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(project);
    mkdirSync(elsewhere);
    writeFileSync(join(project, 'g.json'), JSON.stringify([[0, 1], [1, 0]]));
    writeFileSync(join(elsewhere, 'g.json'), JSON.stringify([[0, 1], [1, 0]]));
    writeFileSync(join(elsewhere, 'secret.json'), JSON.stringify({ secret: 'hunter2' }));
    const experiment = (file: string) => {
      const path = join(project, 'e.geneft.json');
      writeFileSync(path, JSON.stringify({ task: { relation: 'graph', file } }));
      return path;
    };
    return { project, elsewhere, experiment };
  };

  it('reads a graph beside the experiment, relative to it', () => {
    const { project, experiment } = setup();
    expect(loadExperimentFile(experiment('g.json'), { cwd: project }).task).toMatchObject({ relation: 'graph', n: 2, matrix: [[0, 1], [1, 0]] });
  });

  it('refuses a graph outside the experiment folder and the working directory unless allowed', () => {
    const { project, elsewhere, experiment } = setup();
    const file = experiment('../elsewhere/g.json');
    expect(messageOf(() => loadExperimentFile(file, { cwd: project }))).toBe(
      `${file}: $.task.file: expected a graph file inside the experiment file's folder or the working directory (allow another folder with --allow-path DIR), got "../elsewhere/g.json"`,
    );
    expect(messageOf(() => loadExperimentFile(experiment(join(elsewhere, 'g.json')), { cwd: project }))).toContain('--allow-path DIR');
    expect(loadExperimentFile(file, { cwd: project, allowPaths: [elsewhere] }).task.n).toBe(2);
    expect(loadExperimentFile(file, { cwd: elsewhere }).task.n).toBe(2);
    expect(messageOf(() => loadExperimentFile(experiment('/dev/zero'), { cwd: '/dev' }))).toContain('expected a regular file');
  });

  it('never echoes a graph file’s content in an error', () => {
    const { elsewhere, experiment } = setup();
    const message = messageOf(() => loadExperimentFile(experiment(join(elsewhere, 'secret.json')), { allowPaths: [elsewhere] }));
    expect(message).toBe(`${join(elsewhere, 'secret.json')}: $: expected an n×n 0/1 matrix, {"matrix": …} or {"n": …, "edges": [[x, y], …]}`);
    writeFileSync(join(elsewhere, 'secret.json'), JSON.stringify([[0, 'hunter2'], [1, 0]]));
    const inMatrix = messageOf(() => loadExperimentFile(experiment(join(elsewhere, 'secret.json')), { allowPaths: [elsewhere] }));
    expect(inMatrix).toBe(`${join(elsewhere, 'secret.json')}: $[0][1]: expected one of 0, 1`);
    writeFileSync(join(elsewhere, 'secret.json'), '{"hunter2": ');
    expect(messageOf(() => loadExperimentFile(experiment(join(elsewhere, 'secret.json')), { allowPaths: [elsewhere] }))).not.toContain('hunter2');
  });
});
