import { BACKEND_PACKAGES, loadPlugin, loadPlugins, PluginLoadError, pluginsFromEnv, type LoadedPlugin } from '@geneft/core/node';

export interface BackendLoadReport {
  /** the project's backend packages found beside the CLI. */
  loaded: LoadedPlugin[];
  /** those not installed or failing to load (a native addon that did not build), with why. */
  skipped: { module: string; reason: string }[];
  /** --plugin and GENEFT_PLUGINS modules. */
  plugins: LoadedPlugin[];
  /**
   * what worker threads load to have the same backends and decoders: the project's backend
   * packages by name (a worker resolves them from core, their sibling), plugins by resolved path.
   */
  setupModules: string[];
}

let optional: Pick<BackendLoadReport, 'loaded' | 'skipped'> | undefined;

/**
 * Registers the project's backend packages (each optional: a user who installs only
 * @geneft/cli still has the reference backend) and the user's plugins: `--plugin` values,
 * then GENEFT_PLUGINS, each resolved from `cwd`. A plugin that fails to load throws a
 * PluginLoadError (exit 2).
 */
export function loadBackends(plugins: readonly string[] = [], cwd = process.cwd()): BackendLoadReport {
  if (!optional) {
    optional = { loaded: [], skipped: [] };
    for (const pkg of BACKEND_PACKAGES) {
      try {
        // Resolved from here: they are the CLI's optional dependencies, not the user's.
        optional.loaded.push(loadPlugin(pkg, __dirname));
      } catch (error) {
        if (!(error instanceof PluginLoadError)) throw error;
        optional.skipped.push({ module: pkg, reason: error.reason });
      }
    }
  }
  const named = [...new Set([...plugins, ...pluginsFromEnv()])];
  const loadedPlugins = loadPlugins(named, cwd);
  return { ...optional, plugins: loadedPlugins, setupModules: [...optional.loaded.map((p) => p.module), ...loadedPlugins.map((p) => p.path)] };
}

/** The `--plugin MODULE` option (repeatable) of every command that trains. */
export const PLUGIN_OPTION = { plugin: { type: 'string', multiple: true } } as const;

export const PLUGIN_USAGE = `  --plugin MODULE    load a plugin (a package name resolved from here, or a file); repeatable.
                     GENEFT_PLUGINS=A,B does the same`;
