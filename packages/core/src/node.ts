/**
 * Node-only helpers of @geneft/core (files and the run store). Kept out of the main entry so
 * core stays usable in browsers and VS Code webviews.
 */
export {
  loadExperimentFile,
  loadSweepFile,
  readJsonFile,
  readInputText,
  loadParamsFile,
  writeFileAtomic,
  writeJsonFile,
  isInside,
  MAX_INPUT_BYTES,
  type LoadOptions,
} from './store/files';
export { RunStore, toStoredRun, type StoredRun, type StoreProblem } from './store/runStore';
export { parseRunLines, checkRunLine, type ParsedRuns } from './store/lines';
export { checkStore, repairStore, storeIsClean, type StoreReport } from './store/check';
export { RUNS_FILE, LOCK_FILE, TRACES_DIR, PARAMS_DIR, CONFIG_HASH_PATTERN, isConfigHash, tracePath, paramsPath } from './store/layout';
export { executeSweep, executeCells, type SweepOptions } from './sweep/executor';
export { ThreadPool } from './sweep/pool';
// also here for code written against the node entry before countPhases moved to the main entry
export { countPhases, type SweepProgress } from './sweep/progress';
export { chooseBackend } from './plugins/notice';
export { BACKEND_PACKAGES, loadPlugin, loadPlugins, pluginsFromEnv, resolvePlugin, PluginLoadError, type LoadedPlugin } from './plugins/load';
