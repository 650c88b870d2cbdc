import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { listBackends } from '../backend/registry';
import { listDecoders } from '../decoder/registry';
import { registryTables, type LoadedPlugin } from '../registry/globalRegistry';

export type { LoadedPlugin };

const BRAND = Symbol.for('@geneft/core/error');

/** A plugin module that could not be resolved or threw while loading. */
export class PluginLoadError extends Error {
  readonly [BRAND] = 'PluginLoadError';

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: string })[BRAND] === 'PluginLoadError';
  }

  constructor(
    /** the module as the user named it. */
    readonly module: string,
    /** one line: why. */
    readonly reason: string,
  ) {
    super(`plugin "${module}": ${reason}`);
    this.name = 'PluginLoadError';
  }
}

/**
 * The backend packages of the GenEFT project, loaded by the CLI and the VS Code runner when
 * they are installed beside them (each is optional: the reference backend is always there).
 */
export const BACKEND_PACKAGES = ['@geneft/backend-native', '@geneft/backend-wasm', '@geneft/backend-tfjs'] as const;

/** A path is a file path when it is absolute or starts with "./" or "../" (else a package name). */
const isFilePath = (spec: string) => isAbsolute(spec) || /^\.\.?([/\\]|$)/.test(spec);

/**
 * The file a plugin module resolves to: a file path relative to `from` (a directory), or a
 * package name resolved as `require` would from a file in `from` (its node_modules, then its
 * parents'). Default `from`: the current directory, so a plugin installed beside the user's
 * experiments is found by a globally installed CLI.
 */
export function resolvePlugin(spec: string, from: string = process.cwd()): string {
  const requireFrom = createRequire(join(from, 'noop.js'));
  try {
    return requireFrom.resolve(isFilePath(spec) ? resolve(from, spec) : spec);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new PluginLoadError(spec, code === 'MODULE_NOT_FOUND' ? `not found from ${from}` : firstLine(error));
  }
}

/**
 * Loads a plugin: resolves it (see `resolvePlugin`) and requires it, so it registers its
 * backends and decoder kinds. Registrations made while it loads are attributed to it
 * (`backendRegistrations`, `listDecoders`). Loading the same file again does nothing and returns
 * the first record. Throws a PluginLoadError naming the module and the cause.
 */
export function loadPlugin(spec: string, from: string = process.cwd()): LoadedPlugin {
  const path = resolvePlugin(spec, from);
  const tables = registryTables();
  // Seed core's own entries first, so they are not taken for the plugin's.
  listBackends();
  listDecoders();
  const known = tables.plugins.get(path);
  if (known) return known;
  const backendsBefore = new Map([...tables.backends].map(([name, e]) => [name, e.factory]));
  const decodersBefore = new Map([...tables.decoders].map(([kind, e]) => [kind, e.decoder]));
  const outer = tables.loading;
  tables.loading = spec;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins register themselves on load
    require(path);
  } catch (error) {
    throw new PluginLoadError(spec, firstLine(error));
  } finally {
    tables.loading = outer;
  }
  const plugin: LoadedPlugin = {
    module: spec,
    path,
    backends: [...tables.backends].filter(([name, e]) => backendsBefore.get(name) !== e.factory).map(([name]) => name),
    decoders: [...tables.decoders].filter(([kind, e]) => decodersBefore.get(kind) !== e.decoder).map(([kind]) => kind),
  };
  tables.plugins.set(path, plugin);
  return plugin;
}

/** Loads plugins in order; the first that fails throws. */
export function loadPlugins(specs: readonly string[], from: string = process.cwd()): LoadedPlugin[] {
  return specs.map((spec) => loadPlugin(spec, from));
}

/** The plugins named by GENEFT_PLUGINS (comma-separated, same meaning as --plugin). */
export function pluginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.GENEFT_PLUGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
