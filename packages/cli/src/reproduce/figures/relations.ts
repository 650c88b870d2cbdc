import { relationOf, resolveExperiment, type TaskConfig } from '@geneft/core';
import { descriptionLength, pStarOf, type AchievableFamily } from '@geneft/theory';

/** The four relations of the paper's Table I at n = 30, with what the statics need of each. */
export interface PaperRelation {
  name: string;
  task: Partial<TaskConfig>;
  family: AchievableFamily;
  bits: number;
  pStar: number;
}

const N = 30;

export function paperRelations(): PaperRelation[] {
  const make = (name: string, task: Partial<TaskConfig>, family: AchievableFamily): PaperRelation => {
    const resolved = resolveExperiment({ task }).task;
    return { name, task, family, bits: descriptionLength(relationOf(resolved)).bits, pStar: pStarOf(resolved, relationOf(resolved)) };
  };
  return [
    make('bipartite', { relation: 'bipartite', n: N, a: 10 }, { kind: 'bipartite', n: N, a: 10 }),
    make('mod 3', { relation: 'mod', n: N, k: 3 }, { kind: 'equivalence', classSizes: [10, 10, 10] }),
    make('mod 5', { relation: 'mod', n: N, k: 5 }, { kind: 'equivalence', classSizes: [6, 6, 6, 6, 6] }),
    make('greater', { relation: 'greater', n: N }, { kind: 'order', n: N }),
  ];
}

/** The first fraction at which a rising curve reaches `level`, linearly interpolated; null if never. */
export function crossing(points: readonly { fraction: number; value: number }[], level: number): number | null {
  for (let i = 0; i < points.length; i++) {
    if (points[i].value >= level) {
      if (i === 0) return points[0].fraction;
      const [a, b] = [points[i - 1], points[i]];
      return a.fraction + ((level - a.value) / (b.value - a.value)) * (b.fraction - a.fraction);
    }
  }
  return null;
}
