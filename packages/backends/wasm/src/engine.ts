import type { WasmIsa } from './isa';
import type { WasmRunSpec } from './spec';
import type { WasmMemory, WasmModule } from './wasmTypes';

/** The module's exports (csrc/exports.cc). Pointers are byte offsets into `memory`. */
interface Exports {
  memory: WasmMemory;
  geneft_alloc(bytes: number): number;
  geneft_free(pointer: number): void;
  geneft_error(): number;
  geneft_isa(): number;
  geneft_create(
    n: number, dim: number, feature: number, activation: number, threshold: number, nlayers: number, layers: number,
    optimizer: number, loss: number, lrEncoder: number, lrDecoder: number, wdEncoder: number, wdDecoder: number,
    beta1: number, beta2: number, eps: number, momentum: number, m: number, train: number, labels: number, params: number,
  ): number;
  geneft_destroy(run: number): void;
  geneft_step(run: number, k: number): number;
  geneft_predict(run: number, out: number): void;
  geneft_packed_size(run: number): number;
  geneft_read_params(run: number, out: number): void;
  geneft_write_params(run: number, params: number): void;
  geneft_steps(run: number): number;
  geneft_state_size(run: number): number;
  geneft_read_state(run: number, out: number): void;
  geneft_write_state(run: number, state: number, steps: number): void;
  geneft_cost(run: number): number;
  geneft_fma_loop(iterations: number): number;
}

type Typed = Int32Array | Uint8Array | Float32Array | Float64Array;

/** k as the engine takes it, or a RangeError (the native addon's message). */
export function stepCount(k: number): number {
  if (!(k >= 0) || !Number.isInteger(k) || k > 9e15) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  return k;
}

/**
 * One instance of the engine: its own linear memory, used from one thread. Runs created on it
 * live in that memory until disposed.
 */
export class WasmEngine {
  private constructor(
    readonly isa: WasmIsa,
    private readonly x: Exports,
  ) {}

  static async instantiate(module: WasmModule, isa: WasmIsa): Promise<WasmEngine> {
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmEngine(isa, instance.exports as unknown as Exports);
  }

  createRun(spec: WasmRunSpec): WasmRun {
    const owned: number[] = [];
    const put = (array: Typed) => {
      const p = this.alloc(array.byteLength);
      owned.push(p);
      new Uint8Array(this.x.memory.buffer, p, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return p;
    };
    try {
      const s = spec;
      const handle = this.x.geneft_create(
        s.n, s.dim, s.feature, s.activation, s.threshold, s.layers.length / 2, put(s.layers), s.optimizer, s.loss,
        s.lrEncoder, s.lrDecoder, s.weightDecayEncoder, s.weightDecayDecoder, s.beta1, s.beta2, s.eps, s.momentum,
        s.train.length, put(s.train), put(s.labels), put(s.params),
      );
      if (handle === 0) throw new RangeError(`@geneft/backend-wasm: ${this.string(this.x.geneft_error())}`);
      return new WasmRun(this, handle, s.n, this.x.geneft_packed_size(handle));
    } finally {
      owned.forEach((p) => this.x.geneft_free(p));
    }
  }

  /** Single-thread peak of the engine's multiply-add loop, in GFLOP/s, timed for about `seconds`. */
  peakGflops(seconds = 0.25): number {
    let iterations = 1e5;
    for (;;) {
      const start = performance.now();
      const flops = this.x.geneft_fma_loop(iterations);
      const took = (performance.now() - start) / 1000;
      if (took >= seconds) return flops / took / 1e9;
      iterations = Math.ceil(iterations * Math.min(100, (1.2 * seconds) / Math.max(took, 1e-6)));
    }
  }

  /** @internal */
  get exports(): Exports {
    return this.x;
  }

  /** @internal Bytes in linear memory; throws when it cannot grow. */
  alloc(bytes: number): number {
    const p = this.x.geneft_alloc(bytes);
    if (p === 0) throw new RangeError(`@geneft/backend-wasm: out of WebAssembly memory allocating ${bytes} bytes`);
    return p;
  }

  private string(pointer: number): string {
    const bytes = new Uint8Array(this.x.memory.buffer, pointer);
    return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
  }
}

/** One run in an engine's memory. Every call runs synchronously on the calling thread. */
export class WasmRun {
  private live = true;

  /** @internal */
  constructor(
    private readonly engine: WasmEngine,
    private readonly handle: number,
    private readonly n: number,
    readonly packedSize: number,
  ) {}

  /** k steps in one call; the mean training loss at the last one (NaN for k = 0). */
  step(k: number): number {
    this.check();
    return stepCount(k) === 0 ? NaN : this.engine.exports.geneft_step(this.handle, k);
  }

  get steps(): number {
    return this.live ? this.engine.exports.geneft_steps(this.handle) : 0;
  }

  /** Relative cost of one step, for spreading runs over threads. */
  get cost(): number {
    this.check();
    return this.engine.exports.geneft_cost(this.handle);
  }

  /** Decoder outputs of all n² pairs (pair order). */
  predict(): Float64Array {
    this.check();
    const count = this.n * this.n;
    return this.through(new Float64Array(count), (p) => this.engine.exports.geneft_predict(this.handle, p), true);
  }

  readParams(): Float32Array {
    this.check();
    return this.through(new Float32Array(this.packedSize), (p) => this.engine.exports.geneft_read_params(this.handle, p), true);
  }

  writeParams(params: Float32Array): void {
    this.check();
    if (params.length !== this.packedSize) throw new RangeError(`parameter array has ${params.length} values, expected ${this.packedSize}`);
    this.through(params, (p) => this.engine.exports.geneft_write_params(this.handle, p), false);
  }

  /**
   * The run's training state for another instance of the same build: [steps, parameters and
   * optimizer moments in the engine's layout…] (float32 values widened exactly to float64).
   */
  readState(): Float64Array {
    this.check();
    const x = this.engine.exports;
    const values = this.through(new Float32Array(x.geneft_state_size(this.handle)), (p) => x.geneft_read_state(this.handle, p), true);
    const state = new Float64Array(values.length + 1);
    state[0] = x.geneft_steps(this.handle);
    state.set(values, 1);
    return state;
  }

  /** Continues from `readState()` of the same run (same spec, same build) made elsewhere. */
  writeState(state: Float64Array): void {
    this.check();
    const x = this.engine.exports;
    const size = x.geneft_state_size(this.handle);
    if (state.length !== size + 1) throw new RangeError(`run state has ${state.length} values, expected ${size + 1}`);
    this.through(Float32Array.from(state.subarray(1)), (p) => x.geneft_write_state(this.handle, p, state[0]), false);
  }

  dispose(): void {
    if (!this.live) return;
    this.live = false;
    this.engine.exports.geneft_destroy(this.handle);
  }

  private check(): void {
    if (!this.live) throw new Error('@geneft/backend-wasm: trainer has been disposed');
  }

  /** Runs fn on a copy of `array` in linear memory; copies the result back into it if `readBack`. */
  private through<T extends Float32Array | Float64Array>(array: T, fn: (pointer: number) => void, readBack: boolean): T {
    const x = this.engine.exports;
    const p = this.engine.alloc(array.byteLength);
    try {
      const view = () => new Uint8Array(x.memory.buffer, p, array.byteLength);
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      if (!readBack) view().set(bytes);
      fn(p);
      if (readBack) bytes.set(view());
      return array;
    } finally {
      x.geneft_free(p);
    }
  }
}
