/**
 * Where a command writes. Commands never touch process.stdout directly, so tests can capture
 * output and `--json` can guarantee that stdout holds exactly one JSON document.
 */
export interface CommandIO {
  /** machine-readable results (the JSON document with --json) and human summaries. */
  stdout(text: string): void;
  /** progress, warnings and one-line errors. */
  stderr(text: string): void;
  /** true when stderr is a terminal: progress bars are drawn only then. */
  readonly isTTY: boolean;
  /** the directory relative paths are resolved against. */
  readonly cwd: string;
}

export function processIO(): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** Exit codes: 0 ok, 1 failure while running, 2 bad input (nothing written). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
/** Stopped by Ctrl-C (128 + SIGINT): finished runs are kept, the rest runs on the next call. */
export const EXIT_INTERRUPTED = 130;
