import { goldilocks as goldilocksFigure } from '@geneft/viz';
import { budget, groupBy, meanSd, PAPER_ENCODER, pick, runGrid, type ReproduceContext } from '../context';
import type { FigureSpec } from '../figure';

/** The Goldilocks zone: test accuracy against decoder depth on mod 3 (width 10, fraction 0.3). */
export const goldilocks: FigureSpec = {
  id: 'goldilocks',
  title: 'Goldilocks zone — test accuracy vs decoder depth 0–6 (mod 3, width 10, training fraction 0.3)',
  claim: 'Test accuracy is non-monotone in decoder complexity: too weak a decoder cannot fit, too strong a one memorizes; it peaks at intermediate depth.',
  async run(ctx: ReproduceContext) {
    // depth 0 is a linear readout of [e1, e2]: too weak to express an equivalence, the low end of the zone
    const depths = [0, 1, 2, 3, 4, 5, 6];
    const widths = pick(ctx, [10], [5, 10, 20]);
    const seeds = pick(ctx, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5, 6, 7]);
    const runs = await runGrid(ctx, 'goldilocks', {
      base: {
        task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.3 },
        encoder: PAPER_ENCODER,
        decoder: { kind: 'mlp', combine: 'concat', width: 10, depth: 1, activation: 'tanh' },
        budget: budget(pick(ctx, 5000, 10000)),
      },
      axes: [
        { path: 'decoder.width', values: widths },
        { path: 'decoder.depth', values: depths },
        { path: 'task.splitSeed', values: seeds },
      ],
      seeds: [0],
    });
    const points = [...groupBy(runs, (r) => `${r.config.decoder.kind === 'mlp' ? r.config.decoder.width : 0}/${r.config.decoder.kind === 'mlp' ? r.config.decoder.depth : 0}`)].map(([, group]) => {
      const d = group[0].config.decoder;
      return { width: d.kind === 'mlp' ? d.width : 0, depth: d.kind === 'mlp' ? d.depth : 0, ...meanSd(group.map((r) => r.testAccuracy)), seeds: group.length };
    });
    const main = points.filter((p) => p.width === 10);
    const best = main.reduce((a, b) => (b.mean > a.mean ? b : a));
    const interior = best.depth !== depths[0] && best.depth !== depths[depths.length - 1];
    return {
      data: { depths, widths, seeds, points },
      measured: `width 10: mean test accuracy ${main.map((p) => `${p.mean.toFixed(3)}`).join(', ')} for depth 0–6; peak at depth ${best.depth}.`,
      verdict: interior ? 'agrees' : 'disagrees',
      cause:
        best.depth === depths[0]
          ? 'Test accuracy peaks at depth 0, the linear readout: on this grid and budget every deeper decoder memorizes more than it generalizes.'
          : `Test accuracy peaks at depth ${best.depth}, the deepest scanned: on this grid and budget no decoder is too strong to generalize.`,
      render: (document) =>
        goldilocksFigure(
          runs.map((r) => ({ depth: r.config.decoder.kind === 'mlp' ? r.config.decoder.depth : 0, width: r.config.decoder.kind === 'mlp' ? r.config.decoder.width : 0, accuracy: r.testAccuracy })),
          { document, title: 'Goldilocks zone of decoder depth', subtitle: `mod 3, fraction 0.3, ${seeds.length} splits per point` },
        ),
    };
  },
};
