// Side-effect module (listed in package.json "sideEffects"): registers the tfjs "webgl" kernels
// and the GenEFT backend "webgl".
import '@tensorflow/tfjs-backend-webgl';
import { registerBackend } from '@geneft/core';
import { webglBackend } from './backend';

/**
 * Between tfjs-cpu (1) and tfjs-wasm (1.75): at the paper's sizes a step is ~100 small kernels,
 * and a WebGL dispatch costs more than a WASM call, so WASM wins when both load (and GenEFT's
 * own engine, `wasm` at 2, runs a whole step per call).
 */
export const WEBGL_PRIORITY = 1.5;

registerBackend('webgl', () => webglBackend(), WEBGL_PRIORITY);
