// Entry of the browser bundle (dist/geneft-webgl.browser.js, global `GenEFTWebgl`): what a page
// or a VS Code webview needs to train with WebGL, with core and tfjs inside.
import * as tf from '@tensorflow/tfjs-core';

export * from './index';
export {
  resolveExperiment,
  initParams,
  makeDataset,
  paramsToJson,
  paramsFromJson,
  getBackend,
  listBackends,
  registerBackend,
  checkCapabilities,
  evaluateOutputs,
  runExperiment,
  referenceBackend,
} from '@geneft/core';
export { tfjsBackend } from '@geneft/backend-tfjs/base';

/** The bundled TensorFlow.js core (engine, memory(), env flags), for diagnostics. */
export { tf };
