import { engineRunSpec, type EngineRunSpec, type TrainerSpec } from '@geneft/core';

export const OWNER = '@geneft/backend-wasm';

/** One run as the module takes it: core's engine run spec, shared with the native addon. */
export type WasmRunSpec = EngineRunSpec;

export function wasmRunSpec(spec: TrainerSpec): WasmRunSpec {
  return engineRunSpec(spec, OWNER);
}
