export { main } from './main';
export { processIO, EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, type CommandIO } from './io';
export { runSummary } from './commands/run';
