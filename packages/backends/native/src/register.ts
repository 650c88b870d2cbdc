// Side-effect module (listed in package.json "sideEffects"): registers the "native" backend.
// The addon is loaded when the backend is first requested, so importing this never throws;
// without a built addon, getBackend() falls through to the next backend.
import { registerBackend } from '@geneft/core';
import { nativeBackend } from './backend';

/** Above tfjs-cpu (1) and wasm (2): the fastest backend in Node when it is built. */
export const NATIVE_PRIORITY = 3;

registerBackend('native', () => nativeBackend(), NATIVE_PRIORITY);
