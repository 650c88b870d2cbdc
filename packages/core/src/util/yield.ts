/**
 * Lets the event loop run once: I/O callbacks, IPC messages, timers, an abort. A backend whose
 * `step` resolves at once (native, WASM, reference) would otherwise keep a run loop on the
 * microtask queue for the whole run, so nothing else (a Stop message, Ctrl-C) could get a turn.
 * setImmediate in Node; a macrotask elsewhere (browsers, webviews).
 *
 * The turn is taken only once `everyMs` have passed since the last one (default 20 ms): a
 * handful of turns a second keeps Stop and Ctrl-C within one trainer call, while a loop of
 * fast steps (a browser's setTimeout is clamped to 4 ms once nested) does not pay a turn per
 * step. The clock is shared by every loop of the thread, so a sweep of many short runs yields
 * as often as one long run.
 */
let lastTurn = 0;

export function yieldToEventLoop(everyMs = 20): Promise<void> {
  const now = Date.now();
  if (now - lastTurn < everyMs) return Promise.resolve();
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise<void>((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0))).then(() => {
    lastTurn = Date.now();
  });
}
