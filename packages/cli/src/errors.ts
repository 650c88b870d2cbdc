import { CapabilityError, GenEftInputError } from '@geneft/core';
import { PluginLoadError } from '@geneft/core/node';
import { EXIT_BAD_INPUT, EXIT_FAILURE, type CommandIO } from './io';

/** A command-line usage problem (unknown flag, missing argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Turns an error into the one line printed on stderr and the exit code: bad input (a file,
 * a flag, an unsupported feature, a plugin that does not load) is 2 and nothing has been written; anything else is 1.
 */
export function reportError(error: unknown, io: CommandIO): number {
  if (error instanceof GenEftInputError || error instanceof CapabilityError || error instanceof PluginLoadError || error instanceof UsageError) {
    io.stderr(`geneft: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(`geneft: ${message}\n`);
  return EXIT_FAILURE;
}
