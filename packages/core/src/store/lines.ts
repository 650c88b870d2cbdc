import { isPlainObject } from '../config/jsonSchema';
import { PHASES, type Phase } from '../run/phase';
import type { RunResult } from '../run/run';
import { isConfigHash, tracePath } from './layout';

/** One line of runs.jsonl (DESIGN.md "Run store"): a run's summary without its trace. */
export type StoredRun = Omit<RunResult, 'trace' | 'aborted'> & {
  /** ISO time the run finished. */
  finishedAt: string;
  /** `traces/<configHash>.json`, relative to the store, when the trace was kept. */
  trace?: string;
};

/**
 * What is wrong with a line:
 * - `torn`: the last line has no newline (a writer was killed mid-line); a writer truncates it;
 * - `invalid`: not JSON, or not a complete run (`{}`); skipped with a warning, its cell runs again;
 * - `duplicate`: a config hash stored by an earlier line; the first is the run, this one is ignored;
 * - `unsafe`: a config hash that is not 16 hex digits, or a trace path other than
 *   `traces/<configHash>.json` — a crafted line; readers refuse the store (exit 2).
 */
export interface StoreProblem {
  line: number;
  kind: 'torn' | 'invalid' | 'duplicate' | 'unsafe';
  reason: string;
}

export interface ParsedRuns {
  /** distinct runs, the first line of each config hash, in file order. */
  runs: StoredRun[];
  /** the 1-based line number of each run in `runs`. */
  lineOf: number[];
  problems: StoreProblem[];
  /** bytes of the file up to its last complete line (what a writer truncates a torn tail to). */
  completeBytes: number;
}

/** Classifies every line of a runs.jsonl text. Never throws: callers decide what a problem means. */
export function parseRunLines(text: string): ParsedRuns {
  const parsed: ParsedRuns = { runs: [], lineOf: [], problems: [], completeBytes: 0 };
  const seen = new Map<string, number>();
  const end = text.lastIndexOf('\n') + 1;
  parsed.completeBytes = Buffer.byteLength(text.slice(0, end));
  const lines = text.slice(0, end).split('\n');
  lines.pop(); // the empty string after the last newline
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    const checked = checkRunLine(line);
    if (typeof checked === 'object' && 'kind' in checked) {
      parsed.problems.push({ line: n, ...checked });
      return;
    }
    const first = seen.get(checked.configHash);
    if (first !== undefined) {
      parsed.problems.push({ line: n, kind: 'duplicate', reason: `config ${checked.configHash} is already stored by line ${first}` });
      return;
    }
    seen.set(checked.configHash, n);
    parsed.runs.push(checked);
    parsed.lineOf.push(n);
  });
  if (end < text.length && text.slice(end).trim() !== '') {
    parsed.problems.push({ line: lines.length + 1, kind: 'torn', reason: 'the last line is cut short (a writer was stopped mid-line)' });
  }
  return parsed;
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStepOrNull = (v: unknown) => v === null || isCount(v);
// NaN (an empty test set) is stored as null by JSON.
const isMetric = (v: unknown) => v === null || typeof v === 'number';

/** A stored run, or what is wrong with the line. */
export function checkRunLine(line: string): StoredRun | Omit<StoreProblem, 'line'> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'invalid', reason: 'not valid JSON' };
  }
  if (!isPlainObject(value)) return { kind: 'invalid', reason: 'not a JSON object' };
  if (typeof value.configHash !== 'string') return { kind: 'invalid', reason: 'no configHash' };
  if (!isConfigHash(value.configHash)) return { kind: 'unsafe', reason: 'configHash is not 16 hex digits' };
  if (value.trace !== undefined && value.trace !== tracePath(value.configHash)) {
    return { kind: 'unsafe', reason: `trace is not "${tracePath('<configHash>')}"` };
  }
  const missing = [
    isPlainObject(value.config) ? '' : 'config',
    PHASES.includes(value.phase as Phase) ? '' : 'phase',
    isCount(value.steps) ? '' : 'steps',
    isStepOrNull(value.stepTrain) ? '' : 'stepTrain',
    isStepOrNull(value.stepTest) ? '' : 'stepTest',
    isMetric(value.trainAccuracy) ? '' : 'trainAccuracy',
    isMetric(value.testAccuracy) ? '' : 'testAccuracy',
    typeof value.backend === 'string' ? '' : 'backend',
  ].filter(Boolean);
  if (missing.length > 0) return { kind: 'invalid', reason: `not a complete run (${missing.join(', ')} missing or malformed)` };
  return value as unknown as StoredRun;
}
