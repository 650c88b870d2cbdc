#!/usr/bin/env node
import { processIO } from './io';
import { main } from './main';

// The first Ctrl-C stops the work at the next step boundary (the run loops give the event loop a
// turn every 20 ms): finished runs are kept, the command says so and exits 130. The listener is
// gone after that, so a second Ctrl-C gets Node's default action — exit 130 at once, even in the
// middle of a long native step that has the event loop blocked.
const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\ngeneft: stopping at the next step boundary (Ctrl-C again to quit at once)\n');
  controller.abort();
});

main(process.argv.slice(2), processIO(), controller.signal).then((code) => {
  process.exitCode = code;
});
