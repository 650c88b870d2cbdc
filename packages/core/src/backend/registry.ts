import { referenceBackend } from '../backends/reference/backend';
import type { ExperimentConfig } from '../config/types';
import { CapabilityError } from '../errors';
import { CORE_MODULE, registeringModule, registryTables, type BackendEntry } from '../registry/globalRegistry';
import type { Backend, BackendFactory } from './types';

/**
 * Backends by name, in the manner of tf.registerBackend: a package registers a factory with a
 * priority; `getBackend()` without a name gives the highest-priority one that initialises.
 * The reference backend is always present, at priority 0. The table is the process-wide one
 * (see `registryTables`), shared by every copy of core.
 */
function backendTable(): Map<string, BackendEntry> {
  const table = registryTables().backends;
  if (!table.has('reference')) table.set('reference', { factory: referenceBackend, priority: 0, module: CORE_MODULE });
  return table;
}

/**
 * Registers (or replaces) a backend. Returns false if the name was taken and is kept. The
 * registration is attributed to the plugin module being loaded (`loadPlugins`), if any.
 */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): boolean {
  const registry = backendTable();
  const existing = registry.get(name);
  if (existing && existing.priority > priority) return false;
  registry.set(name, { factory, priority, module: registeringModule() });
  return true;
}

/** Each registered backend's name, priority and the module that registered it, highest priority first. */
export function backendRegistrations(): { name: string; priority: number; module: string }[] {
  return listBackends().map((name) => {
    const { priority, module } = backendTable().get(name)!;
    return { name, priority, module };
  });
}

export function removeBackend(name: string): void {
  if (name !== 'reference') backendTable().delete(name);
}

/** Registered backend names, highest priority first. */
export function listBackends(): string[] {
  return [...backendTable().entries()].sort((a, b) => b[1].priority - a[1].priority).map(([name]) => name);
}

/** A backend by name, or the best available one. Initialisation happens once per name. */
export async function getBackend(name?: string): Promise<Backend> {
  if (name !== undefined) {
    const entry = backendTable().get(name);
    if (!entry) {
      throw new CapabilityError(`unknown backend "${name}"; registered: ${listBackends().join(', ')}`);
    }
    return instantiate(name, entry);
  }
  return (await selectBackend()).backend;
}

/** The backend `getBackend()` picks, and why each one of higher priority was passed over. */
export interface BackendSelection {
  backend: Backend;
  passedOver: { name: string; reason: string }[];
}

/** What `getBackend()` without a name does, with the reasons: the highest-priority backend that initialises. */
export async function selectBackend(): Promise<BackendSelection> {
  const passedOver: BackendSelection['passedOver'] = [];
  for (const candidate of listBackends()) {
    try {
      return { backend: await instantiate(candidate, backendTable().get(candidate)!), passedOver };
    } catch (error) {
      passedOver.push({ name: candidate, reason: (error as Error).message.split('\n')[0] });
    }
  }
  throw new CapabilityError(`no backend could be initialised (${passedOver.map((p) => `${p.name}: ${p.reason}`).join('; ')})`);
}

function instantiate(name: string, entry: BackendEntry): Promise<Backend> {
  if (!entry.instance) {
    entry.instance = Promise.resolve().then(entry.factory);
    // A failed initialisation may succeed later (e.g. after a WASM path is set): do not cache it.
    entry.instance.catch(() => {
      if (backendTable().get(name) === entry) entry.instance = undefined;
    });
  }
  return entry.instance;
}

/** Throws a CapabilityError naming the first feature of `config` the backend lacks. */
export function checkCapabilities(backend: Backend, config: ExperimentConfig): void {
  const caps = backend.capabilities;
  const refuse = (what: string, value: string, supported: readonly string[]) => {
    throw new CapabilityError(
      `backend "${backend.name}" does not support ${what} "${value}" (supported: ${supported.join(', ')})`,
    );
  };
  const { decoder, dynamics, task } = config;
  if (!caps.decoders.includes(decoder.kind)) refuse('decoder', decoder.kind, caps.decoders);
  if (decoder.kind === 'mlp') {
    if (!caps.activations.includes(decoder.activation)) refuse('activation', decoder.activation, caps.activations);
    if (!caps.combines.includes(decoder.combine)) refuse('combiner', decoder.combine, caps.combines);
  }
  if (!caps.optimizers.includes(dynamics.optimizer)) refuse('optimizer', dynamics.optimizer, caps.optimizers);
  if (!caps.losses.includes(dynamics.loss)) refuse('loss', dynamics.loss, caps.losses);
  if (caps.maxSymbols !== undefined && task.n > caps.maxSymbols) {
    throw new CapabilityError(`backend "${backend.name}" supports n ≤ ${caps.maxSymbols}, got n = ${task.n}`);
  }
}
