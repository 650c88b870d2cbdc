import { coarseToFine, type SweepCell, type SweepSpec, sweepCells } from '@geneft/core';

export interface Shard {
  /** 0-based shard index (Kubernetes' JOB_COMPLETION_INDEX, a Slurm array started at 0). */
  index: number;
  count: number;
}

/** Parses `I/N` (0 ≤ I < N); null when the text is not a shard. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1 || index >= count) return null;
  return { index, count };
}

/**
 * Shard `index` of `count` of a list of cells already in coarse-to-fine order: every count-th
 * cell, starting at index. Deterministic (it depends only on the sweep file), the shards are
 * disjoint and together cover every cell, and each shard gets its share of every coarse level,
 * so each shard's store alone already shows a rough picture of the whole grid.
 */
export function shardOf<T>(ordered: readonly T[], shard: Shard): T[] {
  return ordered.filter((_, i) => i % shard.count === shard.index);
}

/** The cells of one shard of a sweep, coarse-to-fine. */
export function shardCells(spec: SweepSpec, shard: Shard): SweepCell[] {
  const ordered = coarseToFine(sweepCells(spec), spec.axes.map((a) => a.values.length));
  return shardOf(ordered, shard);
}
