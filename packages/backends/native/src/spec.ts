import { engineRunSpec, type TrainerSpec } from '@geneft/core';
import type { NativeRunSpec } from './addon';

/** A core TrainerSpec in the addon's form: core's engine codes and packed float32 parameters. */
export function nativeRunSpec(spec: TrainerSpec): NativeRunSpec {
  return engineRunSpec(spec, '@geneft/backend-native');
}
