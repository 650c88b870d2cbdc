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

function abbreviate(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
