/**
 * What a panel shows, as plain data: the host folds runner messages into it and posts it to
 * the webview, and the webview keeps it with setState so a reloaded window restores the panel.
 * Shared by the host and the webview bundle; VS Code-free and DOM-free.
 */
import type { EvalRecord, Milestones, Phase } from './coreTypes';
import type { RunnerMessage, StaticsRow, SweepCellResult, TheoryPrediction } from './protocol';

export type Status = 'starting' | 'running' | 'finished' | 'stopped' | 'failed';

export interface Snapshot {
  step: number;
  embeddings: number[][];
}

/** Every view carries the id of its panel, under which the host keeps its last state on disk. */
interface ViewBase {
  id?: string;
}

export interface RunView extends ViewBase {
  kind: 'run';
  title: string;
  status: Status;
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
  message?: string;
}

export interface SweepView extends ViewBase {
  kind: 'sweep';
  title: string;
  status: Status;
  config?: Record<string, unknown>;
  axes?: string[];
  total?: number;
  cells: SweepCellResult[];
  etaMs?: number | null;
  theory?: TheoryPrediction;
  message?: string;
}

export interface TheoryView extends ViewBase {
  kind: 'theory';
  title: string;
  status: Status;
  config?: Record<string, unknown>;
  rows: StaticsRow[];
  theory?: TheoryPrediction;
  message?: string;
}

export type ViewState = RunView | SweepView | TheoryView;

export const MAX_SNAPSHOTS = 8;

/** Host → webview. */
export type ToWebview = { type: 'load'; view: ViewState } | { type: 'update'; message: RunnerMessage };

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'openCell'; configHash: string }
  | { type: 'webglFinished'; phase: Phase; steps: number; view: ViewState }
  | { type: 'webglFailed'; message: string };

export function emptyView(kind: ViewState['kind'], title: string, engine: RunView['engine'] = 'runner'): ViewState {
  if (kind === 'run') return { kind, title, status: 'starting', engine, trace: [], snapshots: [] };
  if (kind === 'sweep') return { kind, title, status: 'starting', cells: [] };
  return { kind, title, status: 'starting', rows: [] };
}

/** Folds one runner message into a view; returns a new object (the old one is not changed). */
export function reduce(view: ViewState, message: RunnerMessage): ViewState {
  switch (message.type) {
    case 'started':
      if (view.kind === 'run') return { ...view, status: 'running', config: message.config, classes: message.classes, budget: readBudget(message.config) };
      if (view.kind === 'sweep') return { ...view, status: 'running', config: message.config, total: message.total, axes: message.axes, cells: [] };
      return { ...view, status: 'running', config: message.config };
    case 'theory':
      return view.kind === 'theory' ? view : { ...view, theory: message.theory };
    case 'statics':
      return view.kind === 'theory' ? { ...view, config: message.config, rows: message.rows, theory: message.theory } : view;
    case 'eval':
      if (view.kind !== 'run') return view;
      return { ...view, status: 'running', trace: [...view.trace, message.record], milestones: message.milestones, budget: message.budget };
    case 'snapshot': {
      if (view.kind !== 'run') return view;
      const others = view.snapshots.filter((s) => s.step !== message.step);
      const snapshots = [...others, { step: message.step, embeddings: message.embeddings }].sort((a, b) => a.step - b.step);
      return { ...view, snapshots: thin(snapshots, MAX_SNAPSHOTS) };
    }
    case 'cell': {
      if (view.kind !== 'sweep') return view;
      const cells = [...view.cells.filter((c) => c.configHash !== message.cell.configHash), message.cell];
      return { ...view, cells, total: message.total, etaMs: message.etaMs };
    }
    case 'finished':
      if (view.kind === 'run' && message.run) {
        return { ...view, status: message.aborted ? 'stopped' : 'finished', phase: message.aborted ? undefined : message.run.phase, configHash: message.run.configHash };
      }
      return { ...view, status: message.aborted ? 'stopped' : 'finished' };
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
    const counts = new Map<string, number>();
    for (const c of view.cells) counts.set(c.phase, (counts.get(c.phase) ?? 0) + 1);
    const phases = [...counts].map(([p, n]) => `${n} ${p}`).join(', ');
    const done = `${view.cells.length} of ${view.total ?? '?'} cells`;
    if (view.status === 'finished') return `finished: ${done}${phases ? ` (${phases})` : ''}`;
    if (view.status === 'stopped') return `stopped: ${done}`;
    return `running: ${done}${phases ? ` (${phases})` : ''}`;
  }
  return view.status === 'finished' ? 'finished' : 'computing…';
}
