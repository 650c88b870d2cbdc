import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin, loadPlugins, pluginsFromEnv } from '@geneft/core/node';

/**
 * The backends the runner offers, mirrored beside it by scripts/build.js under
 * backends/<name>/ (each with its package's own layout, bundled with its copy of core, whose
 * registries are shared on globalThis): `native` (the C++ addon; its binary ships only in
 * platform-specific .vsix packages) and `wasm` (the engine compiled to WebAssembly, in every
 * .vsix). They load through core's plugin loader by path; the native one loads its binary only
 * when first asked for, so a .vsix without it falls through to wasm. With no backend set, core's
 * registry picks by priority: native, then wasm, then the rest. The user's plugins
 * (GENEFT_PLUGINS) load the same way. Returns every loaded path, for sweep worker threads.
 */
export function loadBackends(extensionRoot = join(__dirname, '..')): string[] {
  const paths: string[] = [];
  for (const name of ['native', 'wasm']) {
    const entry = join(extensionRoot, 'backends', name, 'dist', 'index.js');
    if (existsSync(entry)) paths.push(loadPlugin(entry).path);
    else if (name === 'wasm') throw new Error(`the wasm backend is missing from this installation (${entry})`);
  }
  return [...paths, ...loadPlugins(pluginsFromEnv()).map((p) => p.path)];
}
