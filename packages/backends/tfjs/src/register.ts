// Side-effect module (listed in package.json "sideEffects"): registers the tfjs "cpu" kernels
// and the GenEFT backend "tfjs-cpu" at a low priority, above the reference backend only.
import '@tensorflow/tfjs-backend-cpu';
import { registerBackend } from '@geneft/core';
import { tfjsBackend } from './backend';

export const TFJS_CPU_PRIORITY = 1;

registerBackend('tfjs-cpu', () => tfjsBackend({ name: 'tfjs-cpu', tfBackend: 'cpu' }), TFJS_CPU_PRIORITY);
