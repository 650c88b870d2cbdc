/**
 * The one message contract between the extension host and the runner child process
 * (`dist/runner.js`, started with child_process.fork). Both sides import these types; nothing
 * here touches VS Code or Node APIs, so the webview bundle may import it too.
 */
import type { EvalRecord, Milestones, Phase, StoredRun } from './coreTypes';

/** Host → runner. */
export type HostMessage =
  | { type: 'run'; id: string; file: string; store: string; backend?: string; snapshotEvery: number }
  | { type: 'sweep'; id: string; file: string; store: string; backend?: string; workers: number }
  | { type: 'theory'; id: string; file: string }
  | { type: 'stop'; id: string };

/** A GenEftInputError flattened for the wire (Errors do not survive process.send). */
export interface WireInputError {
  path: string;
  expectation: string;
  file?: string;
  message: string;
}

/** What the repon theory predicts for one experiment (computed in the runner, never in the host). */
export interface TheoryPrediction {
  /** η_dec/η_enc at which p_r = ½ (Theorem 3). */
  criticalRatio: number;
  /** p_r (Theorem 3) for the experiment's own learning rates. */
  pr: number;
  /** the experiment's η_dec/η_enc. */
  ratio: number;
  /** p_r over a log range of ratios, for the curve. */
  curve: { ratio: number; pr: number }[];
}

/** The statics of one relation (description length), for the Theory panel. */
export interface StaticsRow {
  relation: string;
  n: number;
  /** b = log₂(n!/|Aut(G)|). */
  bits: number;
  /** |Aut(G)| in decimal (it overflows doubles); empty when not computed. */
  automorphisms: string;
  /** true for the experiment's own relation. */
  current: boolean;
}

/** One cell of a sweep as the Sweep panel draws it. */
export interface SweepCellResult {
  configHash: string;
  config: Record<string, unknown>;
  phase: Phase;
}

/** Runner → host. */
export type RunnerMessage =
  | { type: 'ready'; backends: string[] }
  | { type: 'started'; id: string; kind: 'run' | 'sweep'; config: Record<string, unknown>; total?: number; classes?: number[]; axes?: string[] }
  | { type: 'theory'; id: string; theory: TheoryPrediction }
  | { type: 'statics'; id: string; config: Record<string, unknown>; rows: StaticsRow[]; theory?: TheoryPrediction }
  | { type: 'eval'; id: string; record: EvalRecord; milestones: Milestones; budget: number }
  | { type: 'snapshot'; id: string; step: number; embeddings: number[][] }
  | { type: 'cell'; id: string; done: number; total: number; cell: SweepCellResult; etaMs: number | null }
  | { type: 'finished'; id: string; kind: 'run' | 'sweep' | 'theory'; aborted: boolean; run?: StoredRun; store: string; done?: number; total?: number }
  | { type: 'inputError'; id: string; error: WireInputError }
  | { type: 'failed'; id: string; message: string };

export type RunnerMessageType = RunnerMessage['type'];

const HOST_TYPES: ReadonlySet<string> = new Set(['run', 'sweep', 'theory', 'stop']);
const RUNNER_TYPES: ReadonlySet<string> = new Set(['ready', 'started', 'theory', 'statics', 'eval', 'snapshot', 'cell', 'finished', 'inputError', 'failed']);

function hasType(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Guards the runner's inbox: anything else on the IPC channel is ignored. */
export function isHostMessage(value: unknown): value is HostMessage {
  return hasType(value) && HOST_TYPES.has(value.type) && typeof (value as { id?: unknown }).id === 'string';
}

/** Guards the host's inbox. */
export function isRunnerMessage(value: unknown): value is RunnerMessage {
  return hasType(value) && RUNNER_TYPES.has(value.type);
}

/** The id a message belongs to (every message but `ready` names its job). */
export function jobIdOf(message: RunnerMessage): string | undefined {
  return message.type === 'ready' ? undefined : message.id;
}

/** Flattens an error for the wire: input errors keep their JSON path, others become a message. */
export function toWireError(id: string, error: unknown): Extract<RunnerMessage, { type: 'inputError' | 'failed' }> {
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
