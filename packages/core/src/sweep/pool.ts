import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExperimentConfig } from '../config/types';
import type { RunResult } from '../run/run';
import type { BlockReply } from './protocol';

function threadScript(): string {
  const compiled = join(__dirname, 'worker.js');
  // Under ts-jest this file runs from src/; threads need the compiled script in dist/.
  return existsSync(compiled) ? compiled : join(__dirname, '..', '..', 'dist', 'sweep', 'worker.js');
}

interface Slot {
  thread: Worker;
  busy: boolean;
}

/**
 * A fixed set of sweep threads (./worker.ts), each running one block at a time. `run` waits for
 * a free thread; a block's runs are reported one by one through `onRun` and returned in block
 * order. A thread that crashes is replaced on next use; `close()` stops every thread at once
 * (the blocks in flight reject), which is how Ctrl-C reaches them.
 */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { resolve: (slot: Slot) => void; reject: (error: Error) => void }[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly setupModules: string[] = [],
  ) {}

  async run(configs: ExperimentConfig[], backend: string, onRun?: (index: number, run: RunResult) => void): Promise<RunResult[]> {
    const slot = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<RunResult[]>((resolve, reject) => {
        const runs: RunResult[] = new Array(configs.length);
        const detach = () => {
          slot.thread.off('message', onMessage);
          slot.thread.off('error', onError);
          slot.thread.off('exit', onExit);
        };
        const onMessage = (reply: BlockReply) => {
          if (reply.id !== id) return;
          if (reply.kind === 'run') {
            runs[reply.index] = reply.result;
            onRun?.(reply.index, reply.result);
            return;
          }
          detach();
          if (reply.kind === 'done') resolve(runs);
          else reject(new Error(reply.error));
        };
        const onError = (error: Error) => {
          detach();
          this.drop(slot);
          reject(error);
        };
        const onExit = () => {
          detach();
          this.drop(slot);
          reject(new Error('sweep thread stopped'));
        };
        slot.thread.on('message', onMessage);
        slot.thread.once('error', onError);
        slot.thread.once('exit', onExit);
        slot.thread.postMessage({ id, backend, configs });
      });
    } finally {
      this.release(slot);
    }
  }

  /** Stops every thread now. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('thread pool is closed'));
    const threads = this.slots.splice(0).map((s) => s.thread);
    await Promise.all(threads.map((t) => t.terminate()));
  }

  private spawn(): Slot {
    if (this.closed) throw new Error('thread pool is closed');
    const slot: Slot = { thread: new Worker(threadScript(), { workerData: { setupModules: this.setupModules } }), busy: true };
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.size) return Promise.resolve(this.spawn());
    if (this.closed) return Promise.reject(new Error('thread pool is closed'));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (!next) {
      slot.busy = false;
      return;
    }
    if (this.slots.includes(slot)) next.resolve(slot);
    else if (this.closed) next.reject(new Error('thread pool is closed'));
    else next.resolve(this.spawn());
  }
}
