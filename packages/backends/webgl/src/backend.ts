import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from '@geneft/core';
import { activateTfBackend, tfjsBackend } from '@geneft/backend-tfjs/base';

export interface WebglBackendOptions {
  /** GenEFT name. Default "webgl". */
  name?: string;
}

/**
 * The GenEFT backend `webgl`: core's model on @tensorflow/tfjs-backend-webgl, for browsers and
 * VS Code webviews. Rejects where WebGL is missing (Node, a blocked GPU) and where the device
 * renders only half floats, since the backend promises float32.
 */
export async function webglBackend(options: WebglBackendOptions = {}): Promise<Backend> {
  if (tf.findBackendFactory('webgl') == null) {
    // tfjs-backend-webgl registers itself only where it finds a browser.
    throw new Error('webgl: no WebGL here (TensorFlow.js registers its webgl backend only in browsers)');
  }
  await activateTfBackend('webgl');
  if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) {
    throw new Error('webgl: this device renders only 16-bit floats; use the wasm backend');
  }
  return tfjsBackend({ name: options.name ?? 'webgl', tfBackend: 'webgl' });
}
