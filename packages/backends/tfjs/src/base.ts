// Everything but the registration: for packages (webgl) that run the trainer on another
// engine and should not pull in or register the cpu kernels.
export { tfjsBackend, type TfjsBackendOptions } from './backend';
export { tfjsCapabilities, DEFAULT_MAX_SYMBOLS } from './capabilities';
export { TfjsTrainer } from './trainer';
export { activateTfBackend } from './engine';
export { tuningFor, DEFAULT_TUNING, type OpTuning } from './tuning';
