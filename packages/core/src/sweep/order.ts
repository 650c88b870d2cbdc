import type { SweepCell } from './types';

/**
 * Coarse-to-fine order of a sweep's cells, so a rough picture of the whole grid appears early.
 * On an axis of size s, index i belongs to level L(i) = the number of times i halves before it
 * is odd, capped at ⌈log₂ s⌉ (0 is on every level) — the first pass visits every 2^K-th value,
 * the next the midpoints between them, and so on. A cell's level is its finest axis level; cells
 * run from the highest level down, then seed by seed, then in grid order.
 */
export function coarseToFine(cells: readonly SweepCell[], sizes: readonly number[]): SweepCell[] {
  const caps = sizes.map((s) => Math.ceil(Math.log2(Math.max(s, 1))));
  const level = (cell: SweepCell) => Math.min(...cell.coords.map((i, a) => indexLevel(i, caps[a])), Infinity);
  const seedRank = new Map<number, number>();
  for (const c of cells) if (!seedRank.has(c.seed)) seedRank.set(c.seed, seedRank.size);
  return [...cells].sort((a, b) => level(b) - level(a) || seedRank.get(a.seed)! - seedRank.get(b.seed)! || a.index - b.index);
}

function indexLevel(i: number, cap: number): number {
  if (i === 0) return Infinity; // on every level, so a size-1 axis never holds a cell back
  let level = 0;
  while (i % 2 === 0 && level < cap) {
    i /= 2;
    level++;
  }
  return level;
}
