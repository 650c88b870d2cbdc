/** A test body; the kit's bodies are async. */
export type TestBody = () => Promise<void> | void;

/** `it` of a test runner: called as it(name, body, timeoutMs), and it.skip(name, body). */
export interface TestFunction {
  (name: string, body: TestBody, timeoutMs?: number): unknown;
  skip(name: string, body: TestBody): unknown;
}

/**
 * The three functions of a test runner the conformance kits use. Jest's and Vitest's globals
 * fit as they are; node:test's too, with `before` as `beforeAll`:
 *
 * ```js
 * const { describe, it, before } = require('node:test');
 * describeConformance('mine', () => myBackend(), { runner: { describe, it, beforeAll: before } });
 * ```
 * An excluded case is registered with `it.skip`, so every runner reports it as skipped. Jest and
 * Vitest take the third argument of `it` as a timeout; node:test ignores it.
 */
export interface TestRunner {
  describe(name: string, body: () => void): unknown;
  it: TestFunction;
  beforeAll(body: () => Promise<void> | void): unknown;
}

/** The runner's globals (Jest, Vitest with globals), or an error saying to pass `runner`. */
export function globalRunner(): TestRunner {
  const g = globalThis as Partial<TestRunner>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.it.skip !== 'function' || typeof g.beforeAll !== 'function') {
    throw new Error('no describe/it/beforeAll globals: pass options.runner (node:test: { describe, it, beforeAll: before }; Vitest: import them from "vitest")');
  }
  return { describe: g.describe, it: g.it, beforeAll: g.beforeAll };
}
