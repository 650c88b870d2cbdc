import { referenceBackend } from '../backends/reference/backend';
import type { ExperimentConfig } from '../config/types';
import { CapabilityError } from '../errors';
import type { Backend, BackendFactory } from './types';

interface Entry {
  factory: BackendFactory;
  priority: number;
  instance?: Promise<Backend>;
}

/**
 * Backends by name, in the manner of tf.registerBackend: a package registers a factory with a
 * priority; `getBackend()` without a name gives the highest-priority one that initialises.
 * The reference backend is always present, at priority 0.
 */
const registry = new Map<string, Entry>([['reference', { factory: referenceBackend, priority: 0 }]]);

/** Registers (or replaces) a backend. Returns false if the name was taken and is kept. */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): boolean {
  const existing = registry.get(name);
  if (existing && existing.priority > priority) return false;
  registry.set(name, { factory, priority });
  return true;
}

export function removeBackend(name: string): void {
  if (name !== 'reference') registry.delete(name);
}

/** Registered backend names, highest priority first. */
export function listBackends(): string[] {
  return [...registry.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([name]) => name);
}

/** A backend by name, or the best available one. Initialisation happens once per name. */
export async function getBackend(name?: string): Promise<Backend> {
  if (name !== undefined) {
    const entry = registry.get(name);
    if (!entry) {
      throw new CapabilityError(`unknown backend "${name}"; registered: ${listBackends().join(', ')}`);
    }
    return instantiate(name, entry);
  }
  const failures: string[] = [];
  for (const candidate of listBackends()) {
    try {
      return await instantiate(candidate, registry.get(candidate)!);
    } catch (error) {
      failures.push(`${candidate}: ${(error as Error).message}`);
    }
  }
  throw new CapabilityError(`no backend could be initialised (${failures.join('; ')})`);
}

function instantiate(name: string, entry: Entry): Promise<Backend> {
  if (!entry.instance) {
    entry.instance = Promise.resolve().then(entry.factory);
    // A failed initialisation may succeed later (e.g. after a WASM path is set): do not cache it.
    entry.instance.catch(() => {
      if (registry.get(name) === entry) entry.instance = undefined;
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
