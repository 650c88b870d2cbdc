/**
 * The layout of a run store directory (DESIGN.md "Run store"), in one place:
 *
 *   runs.jsonl              one JSON line per finished run (append-only)
 *   traces/<hash>.json      a run's metrics trace
 *   params/<hash>.json      a run's final parameters (params.json), when kept
 *   .lock                   {"pid", "host", "since"} of the one process writing the store
 *
 * Every path a store line names is derived from its config hash and checked against this
 * layout, so a crafted line can never make a reader or a merge touch a file elsewhere.
 */
export const RUNS_FILE = 'runs.jsonl';
export const LOCK_FILE = '.lock';
export const TRACES_DIR = 'traces';
export const PARAMS_DIR = 'params';

/** A config hash: the first 16 hex digits of a SHA-256 (see `configHash`). */
export const CONFIG_HASH_PATTERN = /^[0-9a-f]{16}$/;

export function isConfigHash(value: unknown): value is string {
  return typeof value === 'string' && CONFIG_HASH_PATTERN.test(value);
}

/** The trace file of a run, relative to the store: the only value a line's `trace` may hold. */
export function tracePath(configHash: string): string {
  return `${TRACES_DIR}/${configHash}.json`;
}

/** The parameter sidecar of a run, relative to the store. */
export function paramsPath(configHash: string): string {
  return `${PARAMS_DIR}/${configHash}.json`;
}

/** A temporary file left by writeFileAtomic (`<file>.<pid>.tmp`). */
export const TEMP_FILE_PATTERN = /\.\d+\.tmp$/;
