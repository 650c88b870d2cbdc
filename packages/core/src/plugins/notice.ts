import { getBackend, selectBackend } from '../backend/registry';
import type { Backend } from '../backend/types';

/**
 * The backend a process trains on when the user named `name` (or none), and the one line to
 * print on stderr when none was named and the native engine does not run: which backend runs
 * instead and why — "native backend unavailable (…); using wasm". The CLI and the VS Code
 * runner both print it, so nobody trains several times slower without being told.
 */
export async function chooseBackend(name?: string): Promise<{ backend: Backend; notice?: string }> {
  if (name !== undefined) return { backend: await getBackend(name) };
  const { backend, passedOver } = await selectBackend();
  if (backend.name === 'native') return { backend };
  const native = passedOver.find((p) => p.name === 'native');
  const why = native ? `native backend unavailable (${native.reason.replace(/^@geneft\/backend-native: /, '')})` : 'native backend not installed (@geneft/backend-native)';
  return { backend, notice: `${why}; using ${backend.name}` };
}
