/**
 * What a panel shows, as plain data: the host folds runner messages into it and posts it to
 * the webview, and the webview keeps it with setState so a reloaded window restores the panel.
 * Shared by the host and the webview bundle; VS Code-free and DOM-free.
 */
import type { EvalRecord, Milestones, Phase } from './coreTypes';
import { formatNumber, formatRate } from './format';
import type { CellProgress, RunnerToHost, StaticsRow, SweepAxisView, SweepCellView, TheoryPrediction } from './messages';

export type Status = 'starting' | 'running' | 'finished' | 'stopped' | 'failed';

export interface Snapshot {
  step: number;
  embeddings: number[][];
}

/** Every view carries the id of its panel, under which the host keeps its last state on disk. */
interface ViewBase {
  id?: string;
  /** the file the panel belongs to: a re-run of the same file reuses the panel. */
  key?: string;
  title: string;
  status: Status;
  message?: string;
  /** the backend that trains (runs and sweeps). */
  backend?: string;
  /** the latest measured training speed (all cells together for a sweep). */
  stepsPerSecond?: number | null;
}

export interface RunView extends ViewBase {
  kind: 'run';
  /** where the training happens: the runner process, or this webview on WebGL. */
  engine: 'runner' | 'webgl';
  config?: Record<string, unknown>;
  classes?: number[];
  budget?: number;
  trace: EvalRecord[];
  milestones?: Milestones;
  /** the latest snapshots, oldest first (at most MAX_SNAPSHOTS). */
  snapshots: Snapshot[];
  theory?: TheoryPrediction;
  phase?: Phase;
  configHash?: string;
}

export interface SweepView extends ViewBase {
  kind: 'sweep';
  config?: Record<string, unknown>;
  /** the sweep's axes with every value, from its spec: the grid is fixed from the first frame. */
  axes?: SweepAxisView[];
  cells: SweepCellView[];
  etaMs?: number | null;
  theory?: TheoryPrediction;
}

export interface TheoryView extends ViewBase {
  kind: 'theory';
  config?: Record<string, unknown>;
  rows: StaticsRow[];
  theory?: TheoryPrediction;
}

export type ViewState = RunView | SweepView | TheoryView;

export const MAX_SNAPSHOTS = 8;

export function emptyView(kind: ViewState['kind'], title: string, engine: RunView['engine'] = 'runner'): ViewState {
  if (kind === 'run') return { kind, title, status: 'starting', engine, trace: [], snapshots: [] };
  if (kind === 'sweep') return { kind, title, status: 'starting', cells: [] };
  return { kind, title, status: 'starting', rows: [] };
}

/** Folds one runner message into a view; returns a new object (the old one is not changed). */
export function reduce(view: ViewState, message: RunnerToHost): ViewState {
  switch (message.type) {
    case 'started':
      if (view.kind === 'run' && message.kind === 'run') {
        return { ...view, status: 'running', message: undefined, phase: undefined, config: message.config, classes: message.classes, budget: readBudget(message.config), backend: message.backend, trace: [], snapshots: [], milestones: undefined, stepsPerSecond: null };
      }
      if (view.kind === 'sweep' && message.kind === 'sweep') {
        return { ...view, status: 'running', message: undefined, config: message.config, axes: message.axes, cells: message.cells, backend: message.backend, stepsPerSecond: null, etaMs: null };
      }
      return { ...view, status: 'running', config: message.config };
    case 'theory':
      return view.kind === 'theory' ? view : { ...view, theory: message.theory };
    case 'statics':
      return view.kind === 'theory' ? { ...view, config: message.config, rows: message.rows, theory: message.theory } : view;
    case 'eval':
      if (view.kind !== 'run') return view;
      return { ...view, status: 'running', trace: [...view.trace, message.record], milestones: message.milestones, budget: message.budget, stepsPerSecond: message.stepsPerSecond ?? view.stepsPerSecond };
    case 'snapshot': {
      if (view.kind !== 'run') return view;
      const others = view.snapshots.filter((s) => s.step !== message.step);
      const snapshots = [...others, { step: message.step, embeddings: message.embeddings }].sort((a, b) => a.step - b.step);
      return { ...view, snapshots: thin(snapshots, MAX_SNAPSHOTS) };
    }
    case 'progress': {
      if (view.kind !== 'sweep') return view;
      const live = new Map<string, CellProgress>(message.running.map((p) => [p.configHash, p]));
      const cells = view.cells.map((c) => {
        const p = live.get(c.configHash);
        return p && c.state !== 'done' ? { ...c, state: 'running' as const, step: p.step, trainAccuracy: p.trainAccuracy, testAccuracy: p.testAccuracy } : c;
      });
      return { ...view, cells, stepsPerSecond: message.stepsPerSecond ?? view.stepsPerSecond };
    }
    case 'cell': {
      if (view.kind !== 'sweep') return view;
      const known = view.cells.some((c) => c.configHash === message.cell.configHash);
      const cells = known ? view.cells.map((c) => (c.configHash === message.cell.configHash ? message.cell : c)) : [...view.cells, message.cell];
      return { ...view, cells, etaMs: message.etaMs, stepsPerSecond: message.stepsPerSecond ?? view.stepsPerSecond };
    }
    case 'finished': {
      const status: Status = message.aborted ? 'stopped' : 'finished';
      if (view.kind === 'run') {
        return { ...view, status, phase: message.aborted ? undefined : message.run?.phase, configHash: message.run?.configHash ?? view.configHash };
      }
      if (view.kind === 'sweep' && message.aborted) {
        // a cell interrupted by Stop is not finished: it is pending again (it reruns on resume)
        return { ...view, status, cells: view.cells.map((c) => (c.state === 'running' ? { ...c, state: 'pending' as const } : c)) };
      }
      return { ...view, status };
    }
    case 'inputError':
      return { ...view, status: 'failed', message: message.error.message };
    case 'failed':
      return { ...view, status: 'failed', message: message.message };
    default:
      return view;
  }
}

/** A view that no runner will change any more. */
export function isSettled(view: ViewState): boolean {
  return view.status === 'finished' || view.status === 'failed' || view.status === 'stopped';
}

/** Keeps the first and the latest snapshots so trails show where the repons came from. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return [items[0], ...items.slice(items.length - (max - 1))];
}

function readBudget(config: Record<string, unknown>): number | undefined {
  const budget = config.budget as { steps?: unknown } | undefined;
  return typeof budget?.steps === 'number' ? budget.steps : undefined;
}

/** The one-line status the panels show (and the end-to-end test reads). */
export function statusLine(view: ViewState): string {
  if (view.status === 'failed') return `failed: ${view.message ?? 'unknown error'}`;
  if (view.kind === 'run') {
    const step = view.trace[view.trace.length - 1]?.step ?? 0;
    if (view.status === 'finished') return `finished: ${view.phase ?? '?'} after ${step} steps${view.engine === 'webgl' ? ' (WebGL, in this panel)' : ''}`;
    if (view.status === 'stopped') return `stopped at step ${step}`;
    return `${view.status === 'starting' ? 'starting' : 'running'}: step ${step}${view.budget ? ` of at most ${view.budget}` : ''}`;
  }
  if (view.kind === 'sweep') {
    const done = view.cells.filter((c) => c.state === 'done');
    const counts = new Map<string, number>();
    for (const c of done) if (c.phase) counts.set(c.phase, (counts.get(c.phase) ?? 0) + 1);
    const phases = [...counts].map(([p, n]) => `${n} ${p}`).join(', ');
    const total = view.cells.length || '?';
    const of = `${done.length} of ${total} cells`;
    if (view.status === 'finished') return `finished: ${of}${phases ? ` (${phases})` : ''}`;
    if (view.status === 'stopped') return `stopped: ${of}${phases ? ` (${phases})` : ''}`;
    const running = view.cells.filter((c) => c.state === 'running').length;
    return `${view.status === 'starting' ? 'starting' : 'running'}: ${of}${running ? `, ${running} in progress` : ''}${phases ? ` (${phases})` : ''}`;
  }
  return view.status === 'finished' ? 'finished' : 'computing…';
}

/** The engine line under the status: which backend trains and how fast ("" when not known yet). */
export function engineLine(view: ViewState): string {
  if (view.kind === 'theory') return '';
  const backend = view.kind === 'run' && view.engine === 'webgl' ? 'webgl (in this panel)' : view.backend;
  if (!backend) return '';
  return `backend ${backend} · ${formatRate(view.stepsPerSecond)}`;
}

/** The learning rates of a run, for its title line: "η_enc 0.001 · η_dec 0.01". */
export function ratesLine(config: Record<string, unknown> | undefined): string {
  const dyn = (config?.dynamics ?? {}) as Record<string, unknown>;
  if (typeof dyn.lrEncoder !== 'number' || typeof dyn.lrDecoder !== 'number') return '';
  return `η_enc ${formatNumber(dyn.lrEncoder)} · η_dec ${formatNumber(dyn.lrDecoder)} (η_dec/η_enc ${formatNumber(dyn.lrDecoder / dyn.lrEncoder)})`;
}
