import { canonicalJson, PHASES, type EvalRecord } from '@geneft/core';
import type { RunStore, StoredRun } from '@geneft/core/node';
import { learningCurves, phaseDiagram } from '@geneft/viz';
import type { DataFigureSpec } from './figure';

/** Leaf config paths whose values differ across the runs (the axes of whatever sweep made them). */
export function varyingPaths(runs: readonly StoredRun[]): string[] {
  const values = new Map<string, Set<string>>();
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    if (!values.has(path)) values.set(path, new Set());
    values.get(path)!.add(canonicalJson(value));
  };
  for (const run of runs) walk(run.config, '');
  return [...values].filter(([, set]) => set.size > 1).map(([path]) => path);
}

const get = (run: StoredRun, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], run.config);

/**
 * The figures of `geneft report STORE`: counts by phase, a phase diagram over the first two
 * numeric axes that vary (faceted by a third), and learning curves of one run per phase.
 */
export function storeFigures(store: RunStore): DataFigureSpec[] {
  const runs = store.readAll();
  const axes = varyingPaths(runs).filter((p) => runs.every((r) => typeof get(r, p) === 'number') && p !== 'seed');
  const figures: DataFigureSpec[] = [
    {
      id: 'runs',
      title: `Runs in ${store.dir}`,
      claim: 'The phase of every run in the store, by the criteria of science.md A1.3.',
      async run() {
        const counts = PHASES.map((p) => [p, runs.filter((r) => r.phase === p).length] as const).filter(([, n]) => n > 0);
        return {
          data: { runs: runs.length, axes, counts: Object.fromEntries(counts) },
          measured: `${runs.length} runs: ${counts.map(([p, n]) => `${p} ${n}`).join(', ')}; varying: ${axes.join(', ') || 'nothing'}.`,
          verdict: 'n/a',
          table: {
            columns: [...axes, 'seed', 'phase', 'stepTrain', 'stepTest', 'train acc.', 'test acc.', 'steps', 'backend'],
            rows: runs.map((r) => [
              ...axes.map((a) => String(get(r, a))),
              r.config.seed,
              r.phase,
              r.stepTrain ?? '–',
              r.stepTest ?? '–',
              r.trainAccuracy.toFixed(3),
              Number.isFinite(r.testAccuracy) ? r.testAccuracy.toFixed(3) : '–',
              r.steps,
              r.backend,
            ]),
          },
        };
      },
    },
  ];
  if (axes.length >= 2) {
    figures.push({
      id: 'phase-diagram',
      title: `Phases over ${axes[0]} × ${axes[1]}${axes[2] ? `, by ${axes[2]}` : ''}`,
      claim: 'Each cell is coloured by the majority phase of its seeds.',
      async run() {
        return {
          data: runs.map((r) => ({ x: get(r, axes[0]), y: get(r, axes[1]), facet: axes[2] ? get(r, axes[2]) : undefined, phase: r.phase })),
          measured: `${runs.length} runs on ${axes.slice(0, 2).join(' × ')}.`,
          verdict: 'n/a',
          render: (document) => phaseDiagram(runs, { document, x: axes[0], y: axes[1], ...(axes[2] ? { fx: axes[2] } : {}), criticalRatio: null }),
        };
      },
    });
  }
  const examples = PHASES.map((p) => runs.find((r) => r.phase === p && r.trace)).filter((r): r is StoredRun => r !== undefined);
  for (const run of examples) {
    figures.push({
      id: `curves-${run.phase}`,
      title: `Learning curves of a ${run.phase} run (config ${run.configHash})`,
      claim: 'Train and test loss and accuracy over the steps of one run.',
      async run() {
        const trace = store.readTrace(run) as EvalRecord[];
        return {
          data: { config: run.config, trace },
          measured: `train reached ${run.config.budget.threshold} at ${run.stepTrain ?? 'never'}, test at ${run.stepTest ?? 'never'}.`,
          verdict: 'n/a',
          render: (document) => learningCurves(trace, { document, threshold: run.config.budget.threshold, stepTrain: run.stepTrain, stepTest: run.stepTest }),
        };
      },
    });
  }
  return figures;
}
