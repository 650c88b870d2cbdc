import { loadPlugins, pluginsFromEnv } from '@geneft/core/node';

/**
 * The backends the runner offers, bundled into dist/runner.js by scripts/build.js: `native` (the
 * C++ addon; its binary ships only in platform-specific .vsix packages) and `wasm` (the engine
 * compiled to WebAssembly, in every .vsix). Each package registers itself on import; the native
 * one loads its binary only when first asked for, so a .vsix without it falls through to wasm.
 * With no backend set, core's registry picks by priority: native, then wasm, then the rest.
 * The user's plugins (GENEFT_PLUGINS) load through core's plugin loader, as in every process that
 * trains; their resolved paths are returned for sweep worker threads.
 */
export function loadBackends(): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- bundled; a build without it marks it external
    require('@geneft/backend-native');
  } catch {
    // not bundled
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the default backend: a build without it fails
  require('@geneft/backend-wasm');
  return loadPlugins(pluginsFromEnv()).map((p) => p.path);
}
