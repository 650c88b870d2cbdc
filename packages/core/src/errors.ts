/**
 * Errors are recognised by a brand rather than by class identity: a plugin that resolves its own
 * copy of core throws that copy's classes, and the CLI must still treat them as input errors.
 */
const BRAND = Symbol.for('@geneft/core/error');

function branded(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: string })[BRAND] === name;
}

/**
 * An input problem the user can fix: a malformed file, a value out of range, a shape mismatch.
 * `toString()` is the one-line message the CLI prints: `FILE: $.json.path: expected …, got …`.
 */
export class GenEftInputError extends Error {
  readonly [BRAND] = 'GenEftInputError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, 'GenEftInputError');
  }

  constructor(
    /** JSONPath-like location inside the input, `$` for the document itself. */
    readonly path: string,
    /** What was expected, written so that `expected <expectation>` reads well. */
    readonly expectation: string,
    /** The offending value, if any; shown abbreviated. */
    readonly actual?: unknown,
    /** The file the input came from, when known. */
    readonly file?: string,
  ) {
    super(formatInputError(file, path, expectation, actual));
    this.name = 'GenEftInputError';
  }

  /** The same error attributed to a file (validation is file-agnostic; loaders add the name). */
  inFile(file: string): GenEftInputError {
    return new GenEftInputError(this.path, this.expectation, this.actual, file);
  }
}

function formatInputError(file: string | undefined, path: string, expectation: string, actual: unknown): string {
  const where = file ? `${file}: ${path}` : path;
  const got = actual === undefined ? '' : `, got ${abbreviate(actual)}`;
  return `${where}: expected ${expectation}${got}`;
}

/**
 * A short, bounded rendering of a value for an error message. Walks the value itself with a
 * character budget instead of JSON.stringify, so a 200,000-deep array or a 50 MB matrix costs
 * at most ~60 characters of work (JSON.stringify would overflow the stack or copy it all).
 */
export function abbreviate(value: unknown, limit = 60): string {
  let out = '';
  const visit = (v: unknown, depth: number): boolean => {
    if (out.length > limit) return false;
    if (depth > 8) {
      out += '…';
      return false;
    }
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += ',';
        if (!visit(v[i], depth + 1)) return false;
      }
      out += ']';
      return true;
    }
    if (typeof v === 'object' && v !== null) {
      out += '{';
      let first = true;
      for (const key of Object.keys(v)) {
        out += `${first ? '' : ','}${JSON.stringify(key.length > limit ? key.slice(0, limit) : key)}:`;
        first = false;
        if (!visit((v as Record<string, unknown>)[key], depth + 1)) return false;
      }
      out += '}';
      return true;
    }
    if (typeof v === 'string') out += JSON.stringify(v.length > limit ? v.slice(0, limit + 1) : v);
    else if (typeof v === 'number' && !Number.isFinite(v)) out += String(v);
    else out += typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol' || v === undefined ? String(v) : JSON.stringify(v);
    return out.length <= limit;
  };
  visit(value, 0);
  return out.length > limit ? `${out.slice(0, limit - 3)}...` : out;
}

/**
 * A run store that another live process holds (DESIGN.md: one writer at a time). The CLI
 * reports it as bad input (exit 2): nothing has been written.
 */
export class StoreBusyError extends Error {
  constructor(
    readonly store: string,
    readonly pid: number,
    readonly host?: string,
  ) {
    super(`store ${store} is in use by process ${pid}${host ? ` on ${host}` : ''}`);
    this.name = 'StoreBusyError';
  }
}

/**
 * A write into a run store or an output file failed (a full disk, a read-only target). The
 * file was put back as it was before the write: a store keeps only complete lines.
 */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    detail: string,
  ) {
    super(`cannot write ${file}: ${detail} (${code})`);
    this.name = 'StoreWriteError';
  }
}

/** A backend asked to do what it declared it cannot (see `BackendCapabilities`). */
export class CapabilityError extends Error {
  readonly [BRAND] = 'CapabilityError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, 'CapabilityError');
  }

  constructor(message: string) {
    super(message);
    this.name = 'CapabilityError';
  }
}
