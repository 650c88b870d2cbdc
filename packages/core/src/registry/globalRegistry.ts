import type { BackendFactory, Backend } from '../backend/types';
import type { Decoder } from '../decoder/types';

/** A registered backend: its factory, priority, the module that registered it, its instance once made. */
export interface BackendEntry {
  factory: BackendFactory;
  priority: number;
  /** the plugin module (package name or file) being loaded when it registered, or "@geneft/core". */
  module: string;
  instance?: Promise<Backend>;
}

export interface DecoderEntry {
  decoder: Decoder;
  module: string;
}

/** A plugin module loaded into this process, and what it registered. */
export interface LoadedPlugin {
  /** as the user named it: a package name, or a file path as given. */
  readonly module: string;
  /** the file it resolved to (what worker threads load). */
  readonly path: string;
  readonly backends: readonly string[];
  readonly decoders: readonly string[];
}

/**
 * The registries of one process (one JS realm): backends and decoder kinds. They live on
 * `globalThis` under a `Symbol.for` key rather than in module state, so a plugin that resolves
 * its own copy of @geneft/core (a nested install, a global CLI with a local plugin) registers
 * into the same tables as the CLI's copy. The shape is versioned: a copy of core that finds
 * tables of another layout refuses to share them instead of corrupting them.
 */
export interface RegistryTables {
  readonly layout: 1;
  readonly backends: Map<string, BackendEntry>;
  readonly decoders: Map<string, DecoderEntry>;
  /** plugins loaded, by resolved path, so loading one twice reports what it registered the first time. */
  readonly plugins: Map<string, LoadedPlugin>;
  /** the plugin module being loaded (see `loadPlugins`): registrations made meanwhile are attributed to it. */
  loading?: string;
}

const KEY = Symbol.for('@geneft/core/registry');
export const CORE_MODULE = '@geneft/core';

export function registryTables(): RegistryTables {
  const holder = globalThis as { [KEY]?: RegistryTables };
  const tables = holder[KEY];
  if (tables === undefined) {
    const fresh: RegistryTables = { layout: 1, backends: new Map(), decoders: new Map(), plugins: new Map() };
    holder[KEY] = fresh;
    return fresh;
  }
  if (tables.layout !== 1) throw new Error(`@geneft/core: this process holds registries of layout ${String(tables.layout)}, this copy of core expects 1`);
  return tables;
}

/** The module to attribute a registration to. */
export function registeringModule(): string {
  return registryTables().loading ?? CORE_MODULE;
}
