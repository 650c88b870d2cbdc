import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenEftInputError } from '@geneft/core';
import { loadExperimentFile, loadSweepFile } from '@geneft/core/node';
import { locateInputError, locatePath, parsePath, positionAt } from '../../src/pure/jsonLocator';

const text = `{
  "task": { "relation": "mod", "k": 3, "n": 30 },
  "dynamics": {
    "lrEncoder": 0.001,
    "lrDecoder": -1
  },
  "axes": [ { "path": "a" }, { "path": "b", "log": [1, 2, 3] } ],
  "odd key": { "x.y": true }
}
`;

const slice = (t: string, r: { start: number; end: number } | undefined) => (r ? t.slice(r.start, r.end) : undefined);

describe('parsePath', () => {
  it('splits dotted, indexed and quoted segments', () => {
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('$.dynamics.lrDecoder')).toEqual(['dynamics', 'lrDecoder']);
    expect(parsePath('$.axes[1].log[0]')).toEqual(['axes', 1, 'log', 0]);
    expect(parsePath('$["odd key"]["x.y"]')).toEqual(['odd key', 'x.y']);
    expect(parsePath('$.a["with ] bracket"].b')).toEqual(['a', 'with ] bracket', 'b']);
  });
});

describe('locatePath', () => {
  it('finds a scalar property from its key to its value', () => {
    const at = locatePath(text, '$.dynamics.lrDecoder');
    expect(at?.exact).toBe(true);
    expect(slice(text, at)).toBe('"lrDecoder": -1');
  });

  it('marks a container property by its key and an array element by its bracket', () => {
    expect(slice(text, locatePath(text, '$.dynamics'))).toBe('"dynamics"');
    expect(slice(text, locatePath(text, '$.axes[1]'))).toBe('{');
    expect(slice(text, locatePath(text, '$.axes[1].log[2]'))).toBe('3');
    expect(locatePath(text, '$.axes[1]')!.start).toBe(text.indexOf('{ "path": "b"'));
  });

  it('handles quoted keys', () => {
    expect(slice(text, locatePath(text, '$["odd key"]["x.y"]'))).toBe('"x.y": true');
  });

  it('falls back to the nearest ancestor for a missing key or index', () => {
    const at = locatePath(text, '$.dynamics.optimizer');
    expect(at?.exact).toBe(false);
    expect(slice(text, at)).toBe('"dynamics"');
    expect(locatePath(text, '$.axes[7]')?.exact).toBe(false);
    expect(locatePath(text, '$.task.n.deeper')?.exact).toBe(false);
  });

  it('keeps what it parsed before a syntax error', () => {
    const broken = '{ "task": { "n": 30 }, "dynamics": { "lrEncoder": 0.1,, oops';
    expect(slice(broken, locatePath(broken, '$.task.n'))).toBe('"n": 30');
    expect(locatePath('', '$')).toBeUndefined();
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const dup = '{"a": 1, "a": 2}';
    expect(slice(dup, locatePath(dup, '$.a'))).toBe('"a": 2');
  });
});

describe('positionAt', () => {
  it('gives zero-based lines and characters', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 0, character: 0 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 1, character: 1 });
    expect(positionAt('ab', 99)).toEqual({ line: 0, character: 2 });
  });
});

describe('locateInputError on core errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-locator-'));
  const load = (name: string, body: string, loader: (f: string) => unknown = loadExperimentFile) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    try {
      loader(file);
    } catch (error) {
      expect(error).toBeInstanceOf(GenEftInputError);
      return { body, error: error as GenEftInputError };
    }
    throw new Error('expected an input error');
  };

  it('points at the offending value of an experiment', () => {
    const { body, error } = load('bad.geneft.json', text);
    expect(error.path).toBe('$.dynamics.lrDecoder');
    const at = locateInputError(body, error);
    expect(positionAt(body, at.start)).toEqual({ line: 4, character: 4 });
    expect(slice(body, at)).toBe('"lrDecoder": -1');
  });

  it('points at a sweep axis', () => {
    const sweep = `{
  "base": { "task": { "relation": "mod", "k": 3, "n": 12 } },
  "axes": [ { "path": "dynamics.lrEncoder", "log": [0, 1, 3] } ],
  "seeds": [0]
}`;
    const { body, error } = load('bad.sweep.json', sweep, loadSweepFile);
    expect(error.path).toBe('$.axes[0].log');
    expect(slice(body, locateInputError(body, error))).toBe('"log"');
  });

  it('points at a syntax error by line and column', () => {
    const { body, error } = load('syntax.geneft.json', '{\n  "task": {\n    "n": 30,,\n  }\n}\n');
    const at = locateInputError(body, error);
    expect(positionAt(body, at.start).line).toBe(2);
  });
});
