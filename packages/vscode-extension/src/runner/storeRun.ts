import { paramsToJson, type Params, type RunResult } from '@geneft/core';
import { RunStore, type StoredRun } from '@geneft/core/node';

/** Stores a finished single run (its line, its trace) and its final parameters beside it (core's params/<hash>.json sidecar), for the Run panel's embeddings. */
export function storeRun(dir: string, result: RunResult & { finalParams: Params }): StoredRun | undefined {
  const store = RunStore.open(dir);
  try {
    store.appendResult(result, { params: paramsToJson(result.finalParams) });
    return store.readAll().find((r) => r.configHash === result.configHash);
  } finally {
    store.close();
  }
}
