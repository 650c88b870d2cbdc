import { WasmEngine, type WasmRun } from './engine';
import type { WasmIsa } from './isa';
import type { WasmRunSpec } from './spec';
import type { WasmModule } from './wasmTypes';

/** Requests to a group of runs; the same whether the group is on this thread or a worker's. */
export type GroupRequest =
  | { type: 'step'; k: number; runs: number[] }
  | { type: 'predict'; run: number }
  | { type: 'readParams'; run: number }
  /** hands a run over: its state (WasmRun.readState), and it leaves this group */
  | { type: 'export'; run: number }
  /** takes a run over from another group of the same build */
  | { type: 'import'; run: number; spec: WasmRunSpec; state: Float64Array }
  | { type: 'dispose' };

/** Some of a batch's runs in one engine instance, addressed by their index in the batch. */
export class RunGroup {
  private readonly runs = new Map<number, WasmRun>();

  private constructor(private readonly engine: WasmEngine) {}

  static async create(module: WasmModule, isa: WasmIsa, runs: [number, WasmRunSpec][]): Promise<RunGroup> {
    const group = new RunGroup(await WasmEngine.instantiate(module, isa));
    try {
      for (const [index, spec] of runs) group.runs.set(index, group.engine.createRun(spec));
    } catch (error) {
      group.handle({ type: 'dispose' });
      throw error;
    }
    return group;
  }

  /** Answers one request synchronously: losses of the stepped runs in request order, outputs, parameters. */
  handle(request: GroupRequest): Float64Array | Float32Array | undefined {
    switch (request.type) {
      case 'step':
        return Float64Array.from(request.runs, (i) => this.run(i).step(request.k));
      case 'predict':
        return this.run(request.run).predict();
      case 'readParams':
        return this.run(request.run).readParams();
      case 'export': {
        const run = this.run(request.run);
        const state = run.readState();
        run.dispose();
        this.runs.delete(request.run);
        return state;
      }
      case 'import': {
        const run = this.engine.createRun(request.spec);
        try {
          run.writeState(request.state);
        } catch (error) {
          run.dispose();
          throw error;
        }
        this.runs.set(request.run, run);
        return undefined;
      }
      case 'dispose':
        this.runs.forEach((r) => r.dispose());
        this.runs.clear();
        return undefined;
    }
  }

  private run(index: number): WasmRun {
    const run = this.runs.get(index);
    if (!run) throw new RangeError(`run ${index} is not in this group`);
    return run;
  }
}

/** A group as the batch trainer sees it, wherever it runs. */
export interface GroupClient {
  request(request: GroupRequest): Promise<Float64Array | Float32Array | undefined>;
  /** Ends the group (and its thread, if it has one) after any request in flight. */
  close(): void;
}

/** A group on the calling thread (browsers, or a single group). */
export function localGroup(group: RunGroup): GroupClient {
  return {
    request: async (request) => group.handle(request),
    close: () => void group.handle({ type: 'dispose' }),
  };
}
