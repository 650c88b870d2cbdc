/**
 * Every message GenEFT's processes exchange, in one place, for all four directions:
 *
 *   host → runner   {@link HostToRunner}    (child_process IPC; dist/runner.js)
 *   runner → host   {@link RunnerToHost}
 *   host → webview  {@link ToWebview}       (webview.postMessage)
 *   webview → host  {@link FromWebview}
 *
 * with the guards each inbox uses. Types only and plain functions: no VS Code, no Node, no DOM,
 * so the runner, the host and the webview bundle all import it.
 */
import type { EvalRecord, Milestones, Phase, StoredRun } from './coreTypes';
import type { ViewState } from './viewState';

// ---------------------------------------------------------------- host → runner

/** One run: of an experiment file, or of an inline config (a sweep cell re-run for its embeddings). */
export interface RunJob {
  type: 'run';
  id: string;
  file?: string;
  config?: Record<string, unknown>;
  /** run store; none: the run is not stored (a re-run). */
  store?: string;
  backend?: string;
  snapshotEvery: number;
}

export interface SweepJob {
  type: 'sweep';
  id: string;
  file: string;
  store: string;
  backend?: string;
  workers: number;
}

export interface TheoryJob {
  type: 'theory';
  id: string;
  file: string;
}

export type RunnerJobMessage = RunJob | SweepJob | TheoryJob;
export type HostToRunner = RunnerJobMessage | { type: 'stop'; id: string };

// ---------------------------------------------------------------- runner → host

/** A GenEftInputError flattened for the wire (Errors do not survive process.send). */
export interface WireInputError {
  path: string;
  expectation: string;
  file?: string;
  message: string;
}

/** What the repon theory predicts for one experiment (computed in the runner, never in the host). */
export interface TheoryPrediction {
  /** η_dec/η_enc at which half of the runs are predicted to generalize (`predictPhaseBoundary(config).predictedRatio`: the fit race — Adam's speed bound for adam and adamw, test repons for sgd). */
  criticalRatio: number;
  /** the predicted fraction generalizing (p_r) at the experiment's own learning rates. */
  pr: number;
  /** the experiment's η_dec/η_enc. */
  ratio: number;
  /** p_r over a log range of ratios, for the curve. */
  curve: { ratio: number; pr: number }[];
  /** p_r exactly at the ratios a sweep measures (its cells' η_dec/η_enc), to compare with them. */
  at?: { ratio: number; pr: number }[];
}

/** The statics of one relation, for the Theory panel. */
export interface StaticsRow {
  relation: string;
  n: number;
  /** b = log₂(n!/|Aut(G)|). */
  bits: number;
  /** |Aut(G)| in decimal (it overflows doubles). */
  automorphisms: string;
  /** the critical training fraction p_c (Eq. 4, α = 0.9). */
  criticalFraction: number;
  /** true for the experiment's own relation. */
  current: boolean;
}

/** One axis of a sweep, as the Sweep panel lays out its grid from the spec. */
export interface SweepAxisView {
  path: string;
  values: number[];
  log: boolean;
}

/** One cell of a sweep: known from the spec before it runs, then live, then finished. */
export interface SweepCellView {
  /** the cell's config hash: clicks and updates find the cell by it. */
  configHash: string;
  config: Record<string, unknown>;
  state: 'pending' | 'running' | 'done';
  phase?: Phase;
  /** the latest evaluated step (running), or the steps run (done). */
  step?: number;
  /** null: the split is empty (e.g. trainFraction 1 has no test pairs). */
  trainAccuracy?: number | null;
  testAccuracy?: number | null;
  stepTrain?: number | null;
  stepTest?: number | null;
}

/** Live progress of the cells in progress (batched: at most a few messages a second). */
export interface CellProgress {
  configHash: string;
  step: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

export type RunnerToHost =
  | { type: 'ready'; backends: string[] }
  | { type: 'started'; id: string; kind: 'run'; config: Record<string, unknown>; classes?: number[]; backend: string }
  | { type: 'started'; id: string; kind: 'sweep'; config: Record<string, unknown>; backend: string; axes: SweepAxisView[]; cells: SweepCellView[] }
  | { type: 'started'; id: string; kind: 'theory'; config: Record<string, unknown> }
  | { type: 'theory'; id: string; theory: TheoryPrediction }
  | { type: 'statics'; id: string; config: Record<string, unknown>; rows: StaticsRow[]; theory?: TheoryPrediction }
  | { type: 'eval'; id: string; record: EvalRecord; milestones: Milestones; budget: number; stepsPerSecond: number | null }
  | { type: 'snapshot'; id: string; step: number; embeddings: number[][] }
  | { type: 'progress'; id: string; running: CellProgress[]; stepsPerSecond: number | null }
  | { type: 'cell'; id: string; done: number; total: number; cell: SweepCellView; etaMs: number | null; stepsPerSecond: number | null }
  | { type: 'finished'; id: string; kind: 'run' | 'sweep' | 'theory'; aborted: boolean; run?: StoredRun; store?: string; done?: number; total?: number }
  | { type: 'inputError'; id: string; error: WireInputError }
  | { type: 'failed'; id: string; message: string };

// ---------------------------------------------------------------- host ↔ webview

/** Host → webview: the whole state when the page (re)loads, then the runner's messages one by one. */
export type ToWebview = { type: 'load'; view: ViewState } | { type: 'update'; message: RunnerToHost };

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'openCell'; configHash: string }
  | { type: 'webglFinished'; phase: Phase; steps: number; view: ViewState }
  | { type: 'webglFailed'; message: string };

// ---------------------------------------------------------------- guards

const HOST_TYPES: ReadonlySet<string> = new Set(['run', 'sweep', 'theory', 'stop']);
const RUNNER_TYPES: ReadonlySet<string> = new Set(['ready', 'started', 'theory', 'statics', 'eval', 'snapshot', 'progress', 'cell', 'finished', 'inputError', 'failed']);
const WEBVIEW_TYPES: ReadonlySet<string> = new Set(['ready', 'openCell', 'webglFinished', 'webglFailed']);

function hasType(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Guards the runner's inbox: anything else on the IPC channel is ignored. */
export function isHostToRunner(value: unknown): value is HostToRunner {
  return hasType(value) && HOST_TYPES.has(value.type) && typeof (value as { id?: unknown }).id === 'string';
}

/** Guards the host's inbox from the runner. */
export function isRunnerToHost(value: unknown): value is RunnerToHost {
  return hasType(value) && RUNNER_TYPES.has(value.type);
}

/** Guards the host's inbox from a webview (a page is less trusted than the runner: check fields). */
export function isFromWebview(value: unknown): value is FromWebview {
  if (!hasType(value) || !WEBVIEW_TYPES.has(value.type)) return false;
  if (value.type === 'openCell') return typeof (value as { configHash?: unknown }).configHash === 'string';
  return true;
}

/** Guards the webview's inbox. */
export function isToWebview(value: unknown): value is ToWebview {
  return hasType(value) && (value.type === 'load' || value.type === 'update');
}

/** The id a message belongs to (every message but `ready` names its job). */
export function jobIdOf(message: RunnerToHost): string | undefined {
  return message.type === 'ready' ? undefined : message.id;
}

/** Flattens an error for the wire: input errors keep their JSON path, others become a message. */
export function toWireError(id: string, error: unknown): Extract<RunnerToHost, { type: 'inputError' | 'failed' }> {
  if (isInputErrorLike(error)) {
    return { type: 'inputError', id, error: { path: error.path, expectation: error.expectation, file: error.file, message: error.message } };
  }
  return { type: 'failed', id, message: error instanceof Error ? error.message : String(error) };
}

function isInputErrorLike(error: unknown): error is WireInputError & Error {
  return (
    error instanceof Error &&
    error.name === 'GenEftInputError' &&
    typeof (error as Partial<WireInputError>).path === 'string' &&
    typeof (error as Partial<WireInputError>).expectation === 'string'
  );
}

/** A short id for a job: time plus a counter, unique within a session. */
let counter = 0;
export function newJobId(kind: 'run' | 'sweep' | 'theory', now: number = Date.now()): string {
  counter += 1;
  return `${kind}-${now.toString(36)}-${counter}`;
}
