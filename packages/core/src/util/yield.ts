/**
 * Lets the event loop run once: I/O callbacks, IPC messages, timers, an abort. A backend whose
 * `step` resolves at once (native, WASM, reference) would otherwise keep a run loop on the
 * microtask queue for the whole run, so nothing else (a Stop message, Ctrl-C) could get a turn.
 * setImmediate in Node; a macrotask elsewhere (browsers, webviews).
 */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
