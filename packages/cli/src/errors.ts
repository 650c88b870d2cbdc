import { CapabilityError, GenEftInputError, StoreBusyError, StoreWriteError } from '@geneft/core';
import { PluginLoadError } from '@geneft/core/node';
import { EXIT_BAD_INPUT, EXIT_FAILURE, type CommandIO } from './io';

/** A command-line usage problem (unknown flag, missing argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Turns an error into the one line printed on stderr and the exit code: bad input (a file,
 * a flag, an unsupported feature, a plugin that does not load, a store another process is writing) is 2 and nothing has been
 * written; a failed write (a full disk, a read-only target) or a file-system error is 1, in one
 * line; anything else is 1 with its stack, since it is a bug.
 */
export function reportError(error: unknown, io: CommandIO): number {
  if (error instanceof GenEftInputError || error instanceof CapabilityError || error instanceof PluginLoadError || error instanceof UsageError || error instanceof StoreBusyError) {
    io.stderr(`geneft: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // BrokerError comes from @geneft/queue, loaded only when used: matched by name.
  if (error instanceof StoreWriteError || isSystemError(error) || (error instanceof Error && error.name === 'BrokerError')) {
    io.stderr(`geneft: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`geneft: ${message}\n`);
  return EXIT_FAILURE;
}

/** An error from the operating system (ENOSPC, EACCES, ECONNREFUSED …): its message already says what failed. */
function isSystemError(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}
