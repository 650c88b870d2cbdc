#!/usr/bin/env node
import { processIO } from './io';
import { main } from './main';

// The first Ctrl-C stops a run gracefully (its summary is still printed); the second exits.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

main(process.argv.slice(2), processIO(), controller.signal).then((code) => {
  process.exitCode = code;
});
