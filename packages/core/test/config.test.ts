import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson, configHash, experimentHash, experimentSchema, GenEftInputError, resolveExperiment, sha256Hex } from '@geneft/core';

const errorOf = (raw: unknown): GenEftInputError => {
  try {
    resolveExperiment(raw);
  } catch (error) {
    if (error instanceof GenEftInputError) return error;
    throw error;
  }
  throw new Error('expected a GenEftInputError');
};

describe('resolveExperiment', () => {
  it('fills the documented defaults (the canonical setting)', () => {
    const c = resolveExperiment({});
    expect(c).toEqual({
      task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75, splitSeed: 0 },
      encoder: { dim: 2, initScale: 0.5 },
      decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
      dynamics: {
        optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, weightDecayEncoder: 0, weightDecayDecoder: 0,
        beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum: 0, loss: 'bce',
      },
      budget: { steps: 100000, evalEvery: 100, threshold: 0.9, grokDelay: 1000, plateauWindow: 0, plateauMargin: 0.05 },
      seed: 0,
    });
  });

  it('the canonical example equals the defaults, so its hash is the default hash', () => {
    const file = join(__dirname, '..', '..', '..', 'examples', 'canonical.geneft.json');
    const c = resolveExperiment(JSON.parse(readFileSync(file, 'utf8')));
    expect(experimentHash(c)).toBe(experimentHash(resolveExperiment({})));
  });

  it.each([
    [{ task: { relation: 'mod', k: 'three' } }, '$.task.k', 'an integer ≥ 2'],
    [{ task: { relation: 'cube' } }, '$.task.relation', 'one of "mod", "greater", "bipartite", "graph"'],
    [{ dynamics: { lrEncoder: -1e-3 } }, '$.dynamics.lrEncoder', 'a number ≥ 0'],
    [{ task: { relation: 'mod', k: 1 } }, '$.task.k', 'an integer ≥ 2'],
    [{ task: { relation: 'mod', n: 1 } }, '$.task.n', 'an integer ≥ 2 and ≤ 4096'],
    [{ task: { relation: 'mod', n: 10, k: 11 } }, '$.task.k', 'an integer between 2 and n = 10'],
    [{ task: { trainFraction: 0 } }, '$.task.trainFraction', 'a number > 0 and ≤ 1'],
    [{ task: { trainFraction: 1.5 } }, '$.task.trainFraction', 'a number > 0 and ≤ 1'],
    [{ decoder: { kind: 'mlp', widht: 10 } }, '$.decoder.widht', 'a known property'],
    [{ decoder: { kind: 'mlp', activation: 'sigmoid' } }, '$.decoder.activation', 'one of "tanh", "relu", "gelu", "linear"'],
    [{ task: { relation: 'graph', matrix: [[0, 1], [1]] } }, '$.task.matrix[1]', 'a row of n = 2 entries'],
    [{ task: { relation: 'graph', matrix: [[0, 2], [1, 0]] } }, '$.task.matrix[0][1]', 'one of 0, 1'],
    [{ task: { relation: 'graph', n: 3, edges: [[0, 5]] } }, '$.task.edges[0]', 'symbols below n = 3'],
    [{ task: { relation: 'bipartite', n: 10, a: 10 } }, '$.task.a', 'an integer between 1 and n − 1 = 9'],
    [{ task: { relation: 'mod', n: 4096 }, decoder: { kind: 'mlp', width: 4096 } }, '$.task.n', 'a model that fits in memory'],
    [[], '$', 'an object'],
  ])('rejects %j at %s', (raw, path, expectation) => {
    const error = errorOf(raw);
    expect(error.path).toBe(path);
    expect(error.expectation).toContain(expectation);
    expect(error.message).not.toContain('\n');
  });

  it('names the file in the message once attributed', () => {
    expect(errorOf({ dynamics: { lrDecoder: -1 } }).inFile('exp.geneft.json').message).toBe(
      'exp.geneft.json: $.dynamics.lrDecoder: expected a number ≥ 0, got -1',
    );
  });

  it('the published schema file is the one core validates with', () => {
    const file = join(__dirname, '..', 'schema', 'experiment.schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(experimentSchema)));
  });
});

describe('canonical form and hash', () => {
  it('sha256 matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('key order does not change the canonical JSON or the hash', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(configHash(reversed)).toBe(configHash(obj));
      }),
    );
  });

  it('written defaults and omitted defaults hash alike; a changed value does not', () => {
    const a = experimentHash(resolveExperiment({ dynamics: { lrEncoder: 1e-3 } }));
    expect(experimentHash(resolveExperiment({}))).toBe(a);
    expect(experimentHash(resolveExperiment({ dynamics: { lrEncoder: 2e-3 } }))).not.toBe(a);
    expect(experimentHash(resolveExperiment({ description: 'notes' }))).toBe(a);
  });
});
