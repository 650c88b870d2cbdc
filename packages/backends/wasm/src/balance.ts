/**
 * Runs → groups, longest processing time first: each run, costliest first, goes to the group with
 * the least work so far. Returns each group's run indices (ascending); empty groups are dropped.
 */
export function balanceRuns(costs: readonly number[], groups: number): number[][] {
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const load = new Array<number>(Math.max(1, groups)).fill(0);
  const members: number[][] = load.map(() => []);
  for (const i of order) {
    const g = load.indexOf(Math.min(...load));
    load[g] += costs[i];
    members[g].push(i);
  }
  return members.filter((m) => m.length > 0).map((m) => m.sort((a, b) => a - b));
}
