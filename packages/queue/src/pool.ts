import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExperimentConfig } from '@geneft/core';
import type { QueuedRun } from './names';
import type { BlockReply } from './protocol';

function threadScript(): string {
  const compiled = join(__dirname, 'blockThread.js');
  // Under ts-jest this file runs from src/; threads need the compiled script in dist/.
  return existsSync(compiled) ? compiled : join(__dirname, '..', 'dist', 'blockThread.js');
}

interface Slot {
  thread: Worker;
  busy: boolean;
}

/**
 * A fixed set of threads, each running one block at a time. `run` waits for a free thread;
 * a block's runs are reported one by one through `onRun` and returned in block order.
 */
export class BlockPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 0;

  constructor(
    readonly size: number,
    private readonly setupModules: string[] = [],
  ) {}

  async run(configs: ExperimentConfig[], backend: string, onRun?: (index: number, run: QueuedRun) => void): Promise<QueuedRun[]> {
    const slot = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<QueuedRun[]>((resolve, reject) => {
        const runs: QueuedRun[] = new Array(configs.length);
        const onMessage = (reply: BlockReply) => {
          if (reply.id !== id) return;
          if (reply.kind === 'run') {
            runs[reply.index] = reply.run;
            onRun?.(reply.index, reply.run);
            return;
          }
          slot.thread.off('message', onMessage);
          slot.thread.off('error', onError);
          if (reply.kind === 'done') resolve(runs);
          else reject(new Error(reply.error));
        };
        const onError = (error: Error) => {
          slot.thread.off('message', onMessage);
          this.slots.splice(this.slots.indexOf(slot), 1); // a crashed thread is replaced on next use
          reject(error);
        };
        slot.thread.on('message', onMessage);
        slot.thread.once('error', onError);
        slot.thread.postMessage({ id, backend, configs });
      });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.thread.terminate()));
    this.slots.length = 0;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.size) {
      const slot: Slot = { thread: new Worker(threadScript(), { workerData: { setupModules: this.setupModules } }), busy: true };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (!next) {
      slot.busy = false;
      return;
    }
    if (this.slots.includes(slot)) next(slot);
    else {
      const fresh: Slot = { thread: new Worker(threadScript(), { workerData: { setupModules: this.setupModules } }), busy: true };
      this.slots.push(fresh);
      next(fresh);
    }
  }
}
