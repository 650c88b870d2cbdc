import type { RunStore } from '@geneft/core/node';
import type { CommandIO } from './io';

/** One warning line per line of the store that was skipped (torn, invalid, repeated). */
export function warnStoreProblems(store: RunStore, io: CommandIO, rerun: boolean): void {
  for (const p of store.problems) {
    const then = p.kind === 'duplicate' ? 'counted once' : rerun ? 'its cell runs again' : 'skipped';
    io.stderr(`geneft: warning: ${store.file} line ${p.line}: ${p.reason}; ${then} (geneft store repair ${store.dir} removes it)\n`);
  }
}

/** What an interrupted command kept, on stderr. */
export function reportInterrupted(io: CommandIO, kept: number, total: number, storeDir: string): void {
  io.stderr(`geneft: interrupted: ${kept}/${total} finished runs are kept in ${storeDir}; run the same command again to resume\n`);
}
