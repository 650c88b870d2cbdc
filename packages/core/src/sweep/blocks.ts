import type { SweepCell } from './types';

/**
 * Splits cells into blocks of at most `size`. A many-runs block advances in lockstep between
 * evaluations, so cells are grouped by `budget.evalEvery` first; order is kept within a group
 * (coarse-to-fine in, coarse-to-fine out).
 */
export function makeBlocks(cells: readonly SweepCell[], size: number): SweepCell[][] {
  if (!(Number.isSafeInteger(size) && size >= 1)) throw new RangeError(`block size must be a positive integer, got ${size}`);
  const groups = new Map<number, SweepCell[]>();
  for (const c of cells) {
    const key = c.config.budget.evalEvery;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const blocks: SweepCell[][] = [];
  for (const group of groups.values()) for (let i = 0; i < group.length; i += size) blocks.push(group.slice(i, i + size));
  return blocks;
}
