/**
 * The script of every GenEFT panel (bundled by esbuild into dist/webview.js). It draws the view
 * state with @geneft/viz into this webview's DOM, folds the host's updates into it, and keeps it
 * with setState so that a reloaded window shows the panel again. When the panel trains itself on
 * WebGL it drives GenEFTWebgl (the backend bundle loaded as a local resource) and folds its
 * evaluations in the same way.
 */
import { embeddings, learningCurves, phaseCells, phaseDiagram, prCurve, type PhaseRun } from '@geneft/viz';
import type { RunnerMessage } from '../protocol';
import { emptyView, reduce, statusLine, type FromWebview, type RunView, type SweepView, type TheoryView, type ToWebview, type ViewState } from '../viewState';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface GenEftWebglGlobal {
  resolveExperiment(raw: unknown): unknown;
  runExperiment(
    config: unknown,
    options: { dynamics: string; onEval: (record: RunView['trace'][number], milestones: NonNullable<RunView['milestones']>) => void },
  ): Promise<{ phase: NonNullable<RunView['phase']>; steps: number; configHash: string; stepTrain: number | null; stepTest: number | null; finalParams: unknown }>;
  paramsToJson(params: unknown): { embeddings: number[][] };
}

const vscode = acquireVsCodeApi();
let view: ViewState = (vscode.getState() as ViewState | undefined) ?? emptyView('run', 'GenEFT');
let scheduled = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function figure(title: string, build: () => Node): HTMLElement {
  const box = el('div');
  box.className = 'figure';
  box.append(el('h2', title));
  try {
    box.append(build());
  } catch (error) {
    box.append(el('p', `(${(error as Error).message})`));
  }
  return box;
}

function render(): void {
  scheduled = false;
  const status = document.getElementById('geneft-status')!;
  status.textContent = statusLine(view);
  status.dataset.status = view.status;
  status.dataset.kind = view.kind;
  if (view.kind === 'run' && view.phase) status.dataset.phase = view.phase;
  else delete status.dataset.phase;
  document.getElementById('geneft-title')!.textContent = view.title;
  const figures = document.getElementById('geneft-figures')!;
  const extra = document.getElementById('geneft-extra')!;
  figures.replaceChildren();
  extra.replaceChildren();
  if (view.kind === 'run') renderRun(view, figures, extra);
  else if (view.kind === 'sweep') renderSweep(view, figures, extra);
  else renderTheory(view, figures, extra);
}

function schedule(): void {
  vscode.setState(view);
  if (scheduled) return;
  scheduled = true;
  // at most one redraw a frame, however fast evaluations stream in
  requestAnimationFrame(render);
}

function renderRun(v: RunView, figures: HTMLElement, extra: HTMLElement): void {
  if (v.trace.length > 0) {
    const threshold = ((v.config?.budget as { threshold?: number } | undefined)?.threshold) ?? 0.9;
    figures.append(
      figure('Learning curves', () =>
        learningCurves(v.trace, { threshold, stepTrain: v.milestones?.stepTrain ?? null, stepTest: v.milestones?.stepTest ?? null, width: 520 }),
      ),
    );
  }
  const dim = v.snapshots[0]?.embeddings[0]?.length ?? 0;
  if (v.classes && v.snapshots.length > 0 && dim >= 2) {
    figures.append(
      figure('Repons in latent space', () => embeddings({ classes: v.classes!, snapshots: v.snapshots }, { mode: 'trails', width: 360, caption: null })),
    );
  }
  if (v.theory) {
    const t = v.theory;
    const measured =
      v.status === 'finished' && v.phase ? [{ ratio: t.ratio, generalizing: v.phase === 'comprehension' || v.phase === 'grokking' ? 1 : 0, total: 1 }] : [];
    figures.append(
      figure(`Repon theory: p_r = ${t.pr.toFixed(2)} at η_dec/η_enc = ${fmt(t.ratio)}`, () =>
        prCurve({ theory: t.curve, measured }, { criticalRatio: t.criticalRatio, width: 420 }),
      ),
    );
  }
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}

function axisOf(v: SweepView, i: number, fallback: string): string {
  return v.axes?.[i] ?? fallback;
}

function renderSweep(v: SweepView, figures: HTMLElement, extra: HTMLElement): void {
  const runs: (PhaseRun & { config: Record<string, unknown>; configHash: string })[] = v.cells.map((c) => ({ config: c.config, phase: c.phase, configHash: c.configHash }));
  const x = axisOf(v, 0, 'dynamics.lrEncoder');
  const y = axisOf(v, 1, x === 'dynamics.lrDecoder' ? 'dynamics.lrEncoder' : 'dynamics.lrDecoder');
  const criticalRatio = v.theory?.criticalRatio ?? 10;
  if (runs.length > 0) {
    const box = figure('Phase diagram', () => phaseDiagram(runs, { x, y, criticalRatio, width: 480 }));
    box.id = 'geneft-phase-diagram';
    // Plot draws the cells in data order: the i-th rect is phaseCells(...)[i]
    let cells: ReturnType<typeof phaseCells> = [];
    try {
      cells = phaseCells(runs, { x, y });
    } catch {
      cells = [];
    }
    box.addEventListener('click', (event) => {
      const rect = (event.target as Element).closest('rect');
      const group = rect?.parentElement;
      if (!rect || group?.getAttribute('aria-description') !== 'phase cell') return;
      const cell = cells[Array.prototype.indexOf.call(group.children, rect)];
      if (!cell) return;
      const run = runs.find((r) => Math.abs(valueAt(r.config, x) - cell.x) < 1e-12 * Math.abs(cell.x || 1) && Math.abs(valueAt(r.config, y) - cell.y) < 1e-12 * Math.abs(cell.y || 1));
      if (run) vscode.postMessage({ type: 'openCell', configHash: run.configHash });
    });
    figures.append(box);
  }
  if (v.theory) {
    figures.append(figure('Repon theory: p_r against η_dec/η_enc', () => prCurve({ theory: v.theory!.curve }, { criticalRatio, width: 420 })));
  }
  if (runs.length > 0) {
    const table = el('table');
    table.id = 'geneft-cells';
    const head = el('tr');
    for (const h of [x, y, 'phase', '']) head.append(el('th', h.replace(/^.*\./, '')));
    table.append(head);
    for (const r of runs) {
      const tr = el('tr');
      tr.dataset.phase = r.phase;
      tr.append(numCell(valueAt(r.config, x)), numCell(valueAt(r.config, y)), el('td', r.phase));
      const open = el('a', 'open run');
      open.addEventListener('click', () => vscode.postMessage({ type: 'openCell', configHash: r.configHash }));
      const td = el('td');
      td.append(open);
      tr.append(td);
      table.append(tr);
    }
    extra.append(table);
  }
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}

function renderTheory(v: TheoryView, figures: HTMLElement, extra: HTMLElement): void {
  if (v.theory) {
    const t = v.theory;
    figures.append(
      figure(`p_r against η_dec/η_enc: ${t.pr.toFixed(2)} at this experiment's ${fmt(t.ratio)}; boundary (p_r = ½) at ${fmt(t.criticalRatio)}`, () =>
        prCurve({ theory: t.curve }, { criticalRatio: t.criticalRatio, width: 480 }),
      ),
    );
  }
  if (v.rows.length > 0) {
    const table = el('table');
    table.id = 'geneft-statics';
    const head = el('tr');
    for (const h of ['relation', 'n', 'description length b (bits)', '|Aut(G)|']) head.append(el('th', h));
    table.append(head);
    for (const r of v.rows) {
      const tr = el('tr');
      if (r.current) tr.className = 'current';
      tr.append(el('td', r.relation), numCell(r.n), numCell(Number(r.bits.toFixed(2))), el('td', r.automorphisms));
      table.append(tr);
    }
    const box = el('div');
    box.append(el('h2', 'Statics: bits to pin down the relation, b = log₂(n!/|Aut(G)|)'), table);
    extra.append(box);
  }
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}

function numCell(x: number): HTMLTableCellElement {
  const td = el('td', fmt(x));
  td.className = 'num';
  return td;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : String(x);
}

function valueAt(config: Record<string, unknown>, path: string): number {
  let node: unknown = config;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return typeof node === 'number' ? node : NaN;
}

/** Trains in this webview on the WebGL backend, feeding the same reducer as the runner does. */
async function trainHere(config: Record<string, unknown>): Promise<void> {
  const g = (globalThis as unknown as { GenEFTWebgl?: GenEftWebglGlobal }).GenEFTWebgl;
  const id = 'webgl';
  const apply = (m: RunnerMessage) => {
    view = reduce(view, m);
    schedule();
  };
  if (!g) {
    apply({ type: 'failed', id, message: 'the WebGL backend bundle did not load' });
    vscode.postMessage({ type: 'webglFailed', message: 'the WebGL backend bundle did not load' });
    return;
  }
  try {
    const resolved = g.resolveExperiment(config);
    const classes = view.kind === 'run' ? view.classes : undefined;
    apply({ type: 'started', id, kind: 'run', config: resolved as Record<string, unknown>, classes });
    const budget = (resolved as { budget: { steps: number } }).budget.steps;
    const result = await g.runExperiment(resolved, { dynamics: 'webgl', onEval: (record, milestones) => apply({ type: 'eval', id, record, milestones, budget }) });
    apply({ type: 'snapshot', id, step: result.steps, embeddings: g.paramsToJson(result.finalParams).embeddings });
    const { finalParams: _p, ...summary } = result as typeof result & Record<string, unknown>;
    apply({ type: 'finished', id, kind: 'run', aborted: false, store: '', run: summary as never });
    vscode.postMessage({ type: 'webglFinished', phase: result.phase, steps: result.steps, view });
  } catch (error) {
    apply({ type: 'failed', id, message: (error as Error).message });
    vscode.postMessage({ type: 'webglFailed', message: (error as Error).message });
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'load') {
    view = message.view;
    schedule();
    if (view.kind === 'run' && view.engine === 'webgl' && view.status === 'starting' && view.config) void trainHere(view.config);
  } else if (message.type === 'update') {
    view = reduce(view, message.message);
    schedule();
  }
});

render();
vscode.postMessage({ type: 'ready' });
