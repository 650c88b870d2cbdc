/**
 * Node-only helpers of @geneft/core (files and the run store). Kept out of the main entry so
 * core stays usable in browsers and VS Code webviews.
 */
export { loadExperimentFile, readJsonFile, loadParamsFile, writeFileAtomic, writeJsonFile } from './store/files';
export { RunStore, type StoredRun } from './store/runStore';
export { executeSweep, type SweepOptions, type SweepProgress } from './sweep/executor';
export { loadSweepFile } from './store/files';
export { BACKEND_PACKAGES, loadPlugin, loadPlugins, pluginsFromEnv, resolvePlugin, PluginLoadError, type LoadedPlugin } from './plugins/load';
