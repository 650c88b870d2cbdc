import { getBackend, initParams, makeDataset, resolveExperiment } from '@geneft/core';
import { embeddings } from '@geneft/viz';
import { PAPER_ENCODER, pick, type ReproduceContext } from '../context';
import type { FigureSpec } from '../figure';

/** Mean silhouette of points (rows of `dim`) under the given class labels. */
export function silhouette(points: Float64Array, dim: number, labels: readonly number[]): number {
  const n = labels.length;
  const dist = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < dim; k++) s += (points[i * dim + k] - points[j * dim + k]) ** 2;
    return Math.sqrt(s);
  };
  const classes = [...new Set(labels)];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const meanTo = (c: number) => {
      const members = labels.map((l, j) => (l === c && j !== i ? j : -1)).filter((j) => j >= 0);
      return members.reduce((s, j) => s + dist(i, j), 0) / Math.max(members.length, 1);
    };
    const a = meanTo(labels[i]);
    const b = Math.min(...classes.filter((c) => c !== labels[i]).map(meanTo));
    total += Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Theorem 1: learning an equivalence relation means forming one cluster of repons per class. */
export const thm1: FigureSpec = {
  id: 'thm1-clusters',
  title: 'Theorem 1 — trained mod-3 repons form one cluster per class',
  claim: 'At zero training loss with an injective decoder, E_i = E_j iff i ≡ j: the 2-D embeddings form 3 clusters (silhouette > 0).',
  async run(ctx: ReproduceContext) {
    const config = resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 }, encoder: PAPER_ENCODER, budget: { steps: pick(ctx, 4000, 20000) } });
    const backend = await getBackend(ctx.backend);
    const trainer = await backend.createTrainer({ config, data: makeDataset(config.task), params: initParams(config) });
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const snapshotSteps = [0, 100, 300, 1000, config.budget.steps];
    const snapshots: { step: number; points: { symbol: number; cls: number; x: number; y: number }[]; silhouette: number; trainAccuracy: number; testAccuracy: number }[] = [];
    try {
      for (const step of snapshotSteps) {
        await trainer.step(step - trainer.stepsDone);
        const params = await trainer.readParams();
        const e = await trainer.evaluate();
        snapshots.push({
          step,
          points: labels.map((cls, i) => ({ symbol: i, cls, x: params.embeddings[2 * i], y: params.embeddings[2 * i + 1] })),
          silhouette: silhouette(params.embeddings, 2, labels),
          trainAccuracy: e.trainAccuracy,
          testAccuracy: e.testAccuracy,
        });
      }
    } finally {
      trainer.dispose();
    }
    const last = snapshots[snapshots.length - 1];
    return {
      data: { config, snapshots },
      measured: `silhouette ${snapshots.map((s) => `${s.silhouette.toFixed(2)} (step ${s.step})`).join(', ')}; final test accuracy ${last.testAccuracy.toFixed(3)}.`,
      verdict: last.silhouette > 0 && last.silhouette > snapshots[0].silhouette ? 'agrees' : 'disagrees',
      cause: `The trained repons' silhouette is ${last.silhouette.toFixed(2)}: this run did not generalize, and Theorem 1 speaks only of zero training loss with generalization.`,
      render: (document) =>
        embeddings(
          { classes: labels, snapshots: snapshots.map((s) => ({ step: s.step, embeddings: s.points.map((p) => [p.x, p.y]) })) },
          { document, title: 'Mod-3 repons during training (colour: class)', mode: 'facet' },
        ),
    };
  },
};
