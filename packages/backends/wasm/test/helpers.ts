import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WASM_DIR, WASM_FILES } from '../src';

/**
 * The modules are build outputs (clang-14 + wasi-libc). Where they are missing outside CI the
 * suites are skipped with this reason; in CI (CI=true, or GENEFT_WASM_REQUIRED=1 as .ci/run sets)
 * a missing module fails them.
 */
export const notBuilt = Object.values(WASM_FILES).find((f) => !existsSync(join(WASM_DIR, f)));
const required = /^(1|true)$/i.test(process.env.CI ?? '') || process.env.GENEFT_WASM_REQUIRED === '1';
export const skipReason = notBuilt && !required ? `${notBuilt} is not built (needs clang-14, lld-14, llvm-14, wasi-libc)` : undefined;

/** describe, or describe.skip naming why, when the modules are not built. */
export const describeBuilt: jest.Describe = skipReason ? (((name: string, fn: () => void) => describe.skip(`${name} (skipped: ${skipReason})`, fn)) as jest.Describe) : describe;
