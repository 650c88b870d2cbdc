import { resolveExperiment, experimentHash } from '../config/experiment';
import { applyDefaults, isPlainObject, validate } from '../config/jsonSchema';
import { registeredSweepSchema } from '../config/sweepSchema';
import type { ExperimentConfig } from '../config/types';
import { GenEftInputError } from '../errors';
import type { SweepAxis, SweepCell, SweepSpec } from './types';

/** Values of a `[from, to, count]` range, both ends included (count 1 gives `from`). */
export function rangeValues(from: number, to: number, count: number, log: boolean): number[] {
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    const v = log ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
    // Snap to 12 significant digits so 1e-3 stays 0.001 and the config hash is stable across platforms.
    return Number(v.toPrecision(12));
  });
}

/** Most values one axis may take (a `log`/`lin` count or a `values` list). */
export const MAX_AXIS_VALUES = 10_000;
/** Most runs one sweep may hold (grid cells × seeds): expanding more would exhaust memory before a run starts. */
export const MAX_SWEEP_CELLS = 1_000_000;

/**
 * Validates a sweep document and expands its axes. Each grid cell's config is validated as an
 * experiment, so a bad axis value is reported at the axis (`$.axes[1].log`) with the reason.
 */
export function resolveSweep(raw: unknown): SweepSpec {
  const schema = registeredSweepSchema();
  validate(schema, raw);
  const filled = applyDefaults(schema, raw) as { base: unknown; axes: RawAxis[]; seeds: number[]; splitSeeds?: 'fixed' | 'fromSeed' };
  checkSize(filled.axes, filled.seeds);
  const base = rethrowAt(() => resolveExperiment(filled.base), (e) => new GenEftInputError(e.path.replace(/^\$/, '$.base'), e.expectation, e.actual));
  const axes = filled.axes.map((axis, i) => expandAxis(axis, i, base));
  const paths = new Set<string>();
  axes.forEach((a, i) => {
    if (paths.has(a.path)) throw new GenEftInputError(`$.axes[${i}].path`, 'a path not used by another axis', a.path);
    paths.add(a.path);
    if (a.path === 'task.splitSeed' && filled.splitSeeds === 'fromSeed') {
      throw new GenEftInputError(`$.axes[${i}].path`, 'no task.splitSeed axis when "splitSeeds" is "fromSeed" (the seed sets it)', a.path);
    }
  });
  const spec: SweepSpec = { base, axes, seeds: filled.seeds, ...(filled.splitSeeds === 'fromSeed' ? { splitSeeds: 'fromSeed' as const } : {}) };
  // Validate every distinct axis value once (a full cross product can be large).
  axes.forEach((axis, i) =>
    axis.values.forEach((value) =>
      rethrowAt(
        () => resolveExperiment(setPath(structuredClone(base), axis.path, value)),
        (e) => new GenEftInputError(`$.axes[${i}]`, `values that are ${e.expectation} at ${e.path}`, e.actual),
      ),
    ),
  );
  return spec;
}

/** Refuses repeated seeds and grids too large to expand, before any value is computed. */
function checkSize(axes: RawAxis[], seeds: number[]): void {
  const seen = new Set<number>();
  seeds.forEach((seed, i) => {
    if (seen.has(seed)) throw new GenEftInputError(`$.seeds[${i}]`, 'a seed not listed before (a repeated seed would run the same cells twice)', seed);
    seen.add(seed);
  });
  let cells = seeds.length;
  const sizes: number[] = [];
  axes.forEach((axis, i) => {
    const count = axis.values?.length ?? (axis.log ?? axis.lin)?.[2] ?? 1;
    if (count > MAX_AXIS_VALUES) {
      const where = axis.values ? 'values' : axis.log ? 'log[2]' : 'lin[2]';
      throw new GenEftInputError(`$.axes[${i}].${where}`, `at most ${MAX_AXIS_VALUES.toLocaleString('en')} values on one axis`, count);
    }
    sizes.push(count);
    cells *= count;
  });
  if (cells > MAX_SWEEP_CELLS) {
    throw new GenEftInputError(
      '$.axes',
      `a sweep of at most ${MAX_SWEEP_CELLS.toLocaleString('en')} runs (axes × seeds); this one has ${sizes.join(' × ')} × ${seeds.length} seeds = ${cells.toLocaleString('en')}`,
    );
  }
}

interface RawAxis {
  path: string;
  values?: unknown[];
  log?: [number, number, number];
  lin?: [number, number, number];
}

function expandAxis(axis: RawAxis, i: number, base: ExperimentConfig): SweepAxis {
  const given = (['values', 'log', 'lin'] as const).filter((k) => axis[k] !== undefined);
  if (given.length !== 1) throw new GenEftInputError(`$.axes[${i}]`, 'exactly one of "values", "log", "lin"', given.join(', ') || 'none');
  if (getPath(base, axis.path) === undefined) {
    throw new GenEftInputError(`$.axes[${i}].path`, 'a path that exists in the resolved base config', axis.path);
  }
  if (axis.values) return { path: axis.path, values: axis.values };
  const [from, to, count] = (axis.log ?? axis.lin)!;
  if (axis.log && !(from > 0 && to > 0)) throw new GenEftInputError(`$.axes[${i}].log`, 'positive ends for a log range', axis.log);
  return { path: axis.path, values: rangeValues(from, to, count, axis.log !== undefined) };
}

/** All cells, row-major over the axes, seeds innermost. */
export function sweepCells(spec: SweepSpec): SweepCell[] {
  const sizes = spec.axes.map((a) => a.values.length);
  const gridSize = sizes.reduce((p, s) => p * s, 1);
  const cells: SweepCell[] = [];
  for (let g = 0; g < gridSize; g++) {
    const coords: number[] = [];
    let rest = g;
    for (let a = sizes.length - 1; a >= 0; a--) {
      coords.unshift(rest % sizes[a]);
      rest = Math.floor(rest / sizes[a]);
    }
    let config: ExperimentConfig = structuredClone(spec.base);
    spec.axes.forEach((axis, a) => {
      config = setPath(config, axis.path, axis.values[coords[a]]);
    });
    for (const seed of spec.seeds) {
      const task = spec.splitSeeds === 'fromSeed' ? { ...config.task, splitSeed: seed } : config.task;
      const cellConfig = resolveExperiment({ ...config, task, seed });
      cells.push({ index: cells.length, coords, seed, config: cellConfig, configHash: experimentHash(cellConfig) });
    }
  }
  return cells;
}

/** The value at a dotted path; only own properties count ("constructor" is no config path). */
export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isPlainObject(o) && Object.hasOwn(o, k) ? o[k] : undefined), obj);
}

/** A copy of obj with the value at a dotted path replaced. */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const record = obj as Record<string, unknown>;
  return { ...record, [head]: rest.length === 0 ? value : setPath(record[head] ?? {}, rest.join('.'), value) } as T;
}

function rethrowAt<T>(make: () => T, relocate: (error: GenEftInputError) => GenEftInputError): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof GenEftInputError) throw relocate(error);
    throw error;
  }
}
