import { embeddings, learningCurves, prCurve } from '@geneft/viz';
import { agreementLine, compareWithTheory, measuredByRatio } from '../pure/theoryCheck';
import { formatNumber } from '../pure/format';
import type { RunView } from '../pure/viewState';
import { el, figure, layout } from './dom';

/** The Run panel: learning curves, the repons in latent space, and the repon theory's p_r beside the run's outcome. */
export function renderRun(v: RunView, figures: HTMLElement, extra: HTMLElement): void {
  const { column } = layout();
  if (v.trace.length > 0) {
    const threshold = (v.config?.budget as { threshold?: number } | undefined)?.threshold ?? 0.9;
    figures.append(
      figure('Learning curves', () => learningCurves(v.trace, { threshold, stepTrain: v.milestones?.stepTrain ?? null, stepTest: v.milestones?.stepTest ?? null, width: column, height: 420 })),
    );
  }
  const dim = v.snapshots[0]?.embeddings[0]?.length ?? 0;
  if (v.classes && v.snapshots.length > 0 && dim >= 2) {
    figures.append(figure('Repons in latent space', () => embeddings({ classes: v.classes!, snapshots: v.snapshots }, { mode: 'trails', width: Math.min(column, 460), caption: null })));
  }
  if (v.theory) {
    const t = v.theory;
    const finished = v.status === 'finished' && v.phase && v.config;
    const measured = finished ? measuredByRatio([{ config: v.config!, phase: v.phase }]) : [];
    const note = finished ? agreementLine(compareWithTheory(measured, t)) : `p_r = ${t.pr.toFixed(2)} predicted for this run; the boundary p_r = ½ lies at η_dec/η_enc = ${formatNumber(t.criticalRatio)}.`;
    figures.append(
      figure(
        `Repon theory for this experiment: p_r = ${t.pr.toFixed(2)} at η_dec/η_enc = ${formatNumber(t.ratio)}`,
        () => prCurve({ theory: t.curve, measured }, { criticalRatio: t.criticalRatio, ownRatio: t.ratio, width: column, height: 320 }),
        note,
      ),
    );
  }
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}
