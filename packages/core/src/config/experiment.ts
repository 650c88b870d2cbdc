import { GenEftInputError } from '../errors';
import { paramsShapeOf } from '../model/shape';
import { configHash } from './canonical';
import { decoderOf } from '../decoder/registry';
import { registeredExperimentSchema } from './experimentSchema';
import { applyDefaults, isPlainObject, validate } from './jsonSchema';
import type { ExperimentConfig } from './types';

/** Memory a run may need for its per-pair activations before we refuse it (bytes). */
export const MEMORY_LIMIT_BYTES = 4 * 2 ** 30;

/**
 * Validates a user's experiment JSON and fills every default. Throws a GenEftInputError naming
 * the JSON path of the first problem; the result is the canonical, fully explicit config.
 * A `graph` task given as `file` must have been inlined first (`loadExperimentFile` does that).
 */
export function resolveExperiment(raw: unknown): ExperimentConfig {
  const withGraphSize = inferGraphSize(raw);
  const schema = registeredExperimentSchema();
  validate(schema, withGraphSize);
  const filled = applyDefaults(schema, withGraphSize) as ExperimentConfig & { $schema?: string; description?: string };
  delete filled.$schema;
  delete filled.description;
  // earlyStop true is the default; dropping it keeps one canonical form (and the old hashes).
  if (filled.budget.earlyStop === true) delete filled.budget.earlyStop;
  checkSemantics(filled);
  return filled;
}

/** The config hash of a resolved experiment (DESIGN.md: content hash of the canonical config). */
export function experimentHash(config: ExperimentConfig): string {
  return configHash(config);
}

/** A graph given by matrix has n = its row count unless n is written explicitly. */
function inferGraphSize(raw: unknown): unknown {
  if (!isPlainObject(raw) || !isPlainObject(raw.task)) return raw;
  const task = raw.task;
  if (task.relation !== 'graph' || task.n !== undefined || !Array.isArray(task.matrix)) return raw;
  return { ...raw, task: { ...task, n: task.matrix.length } };
}

function checkSemantics(config: ExperimentConfig): void {
  const { task, encoder, decoder } = config;
  switch (task.relation) {
    case 'mod':
      if (task.k > task.n) throw new GenEftInputError('$.task.k', `an integer between 2 and n = ${task.n}`, task.k);
      break;
    case 'bipartite':
      if (task.a >= task.n) throw new GenEftInputError('$.task.a', `an integer between 1 and n − 1 = ${task.n - 1}`, task.a);
      break;
    case 'graph':
      checkGraph(config);
      break;
  }
  const kind = decoderOf(decoder);
  kind.decoder.check?.(kind.options, encoder.dim);
  const bytes = activationBytes(config);
  if (bytes > MEMORY_LIMIT_BYTES) {
    throw new GenEftInputError(
      '$.task.n',
      `a model that fits in memory: n = ${task.n} needs ${(bytes / 2 ** 30).toFixed(1)} GiB of activations ` +
        `(limit ${MEMORY_LIMIT_BYTES / 2 ** 30} GiB); lower n or the decoder width`,
      task.n,
    );
  }
}

function checkGraph(config: ExperimentConfig): void {
  const task = config.task;
  if (task.relation !== 'graph') return;
  const given = ['matrix', 'edges', 'file'].filter((k) => (task as unknown as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) {
    throw new GenEftInputError('$.task', `exactly one of "matrix", "edges", "file" for relation "graph"`, given.join(', ') || 'none');
  }
  if ((task as { file?: string }).file !== undefined) {
    throw new GenEftInputError('$.task.file', 'the graph file to be inlined by loadExperimentFile before resolving');
  }
  if (task.matrix) {
    task.matrix.forEach((row, i) => {
      if (row.length !== task.n) throw new GenEftInputError(`$.task.matrix[${i}]`, `a row of n = ${task.n} entries`, row.length);
    });
    if (task.matrix.length !== task.n) {
      throw new GenEftInputError('$.task.matrix', `an n×n matrix with n = ${task.n}`, `${task.matrix.length} rows`);
    }
  }
  task.edges?.forEach(([x, y], i) => {
    if (x >= task.n || y >= task.n) throw new GenEftInputError(`$.task.edges[${i}]`, `symbols below n = ${task.n}`, [x, y]);
  });
}

/** Bytes of float64 per-pair activations and gradients for a full-batch pass over all n² pairs. */
function activationBytes(config: ExperimentConfig): number {
  const shape = paramsShapeOf(config);
  const perPair = shape.layers.reduce((s, [fanIn, out]) => s + fanIn + out, 0);
  return config.task.n ** 2 * perPair * 8 * 2;
}
