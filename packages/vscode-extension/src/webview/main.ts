/**
 * The script of every GenEFT panel (bundled by esbuild into dist/webview.js). It draws the view
 * state with @geneft/viz into this webview's DOM at the panel's width, folds the host's updates
 * into it, and keeps it with setState so that a reloaded window shows the panel again. When the
 * panel trains itself on WebGL it drives GenEFTWebgl (the backend bundle loaded as a local
 * resource) and folds its evaluations in the same way.
 */
import { isToWebview, type FromWebview, type RunnerToHost } from '../pure/messages';
import { emptyView, engineLine, ratesLine, reduce, statusLine, type RunView, type ViewState } from '../pure/viewState';
import { renderRun } from './run';
import { renderSweep } from './sweep';
import { renderTheory } from './theory';

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

function render(): void {
  scheduled = false;
  const status = document.getElementById('geneft-status')!;
  status.textContent = statusLine(view);
  status.dataset.status = view.status;
  status.dataset.kind = view.kind;
  if (view.kind === 'run' && view.phase) status.dataset.phase = view.phase;
  else delete status.dataset.phase;
  const engine = document.getElementById('geneft-engine')!;
  engine.textContent = engineLine(view);
  engine.dataset.backend = view.kind === 'theory' ? '' : (view.backend ?? '');
  document.getElementById('geneft-title')!.textContent = view.title;
  document.getElementById('geneft-rates')!.textContent = view.kind === 'run' ? ratesLine(view.config) : '';
  const figures = document.getElementById('geneft-figures')!;
  const extra = document.getElementById('geneft-extra')!;
  figures.replaceChildren();
  extra.replaceChildren();
  if (view.kind === 'run') renderRun(view, figures, extra);
  else if (view.kind === 'sweep') renderSweep(view, figures, extra, (configHash) => vscode.postMessage({ type: 'openCell', configHash }));
  else renderTheory(view, figures, extra);
  if (view.kind === 'sweep' && view.cells.length > 0 && figures.dataset.firstCells === undefined) {
    // what the first frame with a sweep drew, for whoever checks that it was the whole grid
    figures.dataset.firstCells = String(figures.querySelectorAll('g[aria-description="phase cell"] rect, g[aria-description="pending cell"] rect').length);
    figures.dataset.firstDone = String(view.cells.filter((c) => c.state === 'done').length);
  }
}

function schedule(): void {
  vscode.setState(view);
  if (scheduled) return;
  scheduled = true;
  // at most one redraw a frame, however fast evaluations stream in
  requestAnimationFrame(render);
}

/** Trains in this webview on the WebGL backend, feeding the same reducer as the runner does. */
async function trainHere(config: Record<string, unknown>): Promise<void> {
  const g = (globalThis as unknown as { GenEFTWebgl?: GenEftWebglGlobal }).GenEFTWebgl;
  const id = 'webgl';
  const apply = (m: RunnerToHost) => {
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
    apply({ type: 'started', id, kind: 'run', config: resolved as Record<string, unknown>, classes, backend: 'webgl' });
    const budget = (resolved as { budget: { steps: number } }).budget.steps;
    const started = performance.now();
    const result = await g.runExperiment(resolved, {
      dynamics: 'webgl',
      onEval: (record, milestones) => apply({ type: 'eval', id, record, milestones, budget, stepsPerSecond: record.step > 0 ? (record.step * 1000) / (performance.now() - started) : null }),
    });
    apply({ type: 'snapshot', id, step: result.steps, embeddings: g.paramsToJson(result.finalParams).embeddings });
    const { finalParams: _p, ...summary } = result as typeof result & Record<string, unknown>;
    apply({ type: 'finished', id, kind: 'run', aborted: false, run: summary as never });
    vscode.postMessage({ type: 'webglFinished', phase: result.phase, steps: result.steps, view });
  } catch (error) {
    apply({ type: 'failed', id, message: (error as Error).message });
    vscode.postMessage({ type: 'webglFailed', message: (error as Error).message });
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToWebview(message)) return;
  if (message.type === 'load') {
    view = message.view;
    schedule();
    if (view.kind === 'run' && view.engine === 'webgl' && view.status === 'starting' && view.config) void trainHere(view.config);
  } else {
    view = reduce(view, message.message);
    schedule();
  }
});
// the figures take the panel's width: redraw when it changes
let lastWidth = document.body.clientWidth;
window.addEventListener('resize', () => {
  if (Math.abs(document.body.clientWidth - lastWidth) < 8) return;
  lastWidth = document.body.clientWidth;
  schedule();
});

render();
vscode.postMessage({ type: 'ready' });
