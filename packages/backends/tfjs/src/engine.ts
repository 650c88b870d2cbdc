import * as tf from '@tensorflow/tfjs-core';

/**
 * Makes `name` the active tfjs backend, initialising it if needed. tfjs has one active backend
 * per process; GenEFT may run trainers on several (tfjs-cpu beside wasm), so every trainer call
 * re-activates its own before running ops (see `enterTfBackend`).
 */
export async function activateTfBackend(name: string): Promise<void> {
  const engine = tf.engine();
  if (engine.backendName === name && engine.findBackend(name) != null) return;
  if (tf.findBackendFactory(name) == null) {
    throw new Error(`TensorFlow.js backend "${name}" is not registered (import its package first)`);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`TensorFlow.js backend "${name}" failed to initialise`);
}

/**
 * Switches to the already initialised backend `name` synchronously, right before a block of ops:
 * between an `await` and the ops, another trainer's call may have switched the engine.
 * (tf.setBackend runs to completion without suspending once the backend exists.)
 */
export function enterTfBackend(name: string): void {
  const engine = tf.engine();
  if (engine.backendName === name) return;
  void tf.setBackend(name);
  if (engine.backendName !== name || engine.findBackend(name) == null) {
    throw new Error(`TensorFlow.js backend "${name}" is not initialised`);
  }
}

/**
 * tfjs-backend-cpu prints "install our node backend" on its first tensor in Node. GenEFT's fast
 * Node paths are the wasm and native backends (tfjs-node cannot be installed offline), so the
 * advice misleads; mark the cpu backend as already used.
 */
export function quietCpuBackend(): void {
  const cpu = tf.engine().findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
