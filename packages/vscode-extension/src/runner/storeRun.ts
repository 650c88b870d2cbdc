import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { paramsToJson, type Params, type RunResult } from '@geneft/core';
import { RunStore, writeJsonFile, type StoredRun } from '@geneft/core/node';

/** Stores a finished single run (its line, its trace) and its final parameters beside it, for the Run panel's embeddings. */
export function storeRun(dir: string, result: RunResult & { finalParams: Params }): StoredRun | undefined {
  const store = RunStore.open(dir);
  store.appendResult(result);
  mkdirSync(join(dir, 'params'), { recursive: true });
  writeJsonFile(join(dir, 'params', `${result.configHash}.json`), paramsToJson(result.finalParams));
  return store.readAll().find((r) => r.configHash === result.configHash);
}
