import { Optimizer, type DynamicsConfig } from '@geneft/core';
import { integrate, type OdeOptions } from './ode';

/**
 * The interacting-repon effective theory in general matrix form. n repons x_i ∈ R^d share a
 * linear decoder D(x) = A x + b with M outputs (A is M×d); repon i should produce the targets
 * t_i ∈ R^M on the outputs it is trained on (weights w_io, 0 for unobserved). The loss is
 * quadratic,
 *   L = (κ/Z) Σ_i Σ_o w_io ((A x_i + b)_o − t_io)²,
 * and the state follows gradient flow with separate rates:
 *   dA/dt = −η_A Σ_i g_i x_iᵀ,   db/dt = −η_A Σ_i g_i,   dx_i/dt = −η_x Aᵀ g_i,
 * where g_io = ∂L/∂z_io = (2κ/Z) w_io (z_io − t_io). Repons interact only through A: same-class
 * repons have equal targets, so the target forces cancel in their differences and they attract
 * like masses on springs of stiffness AᵀA that the decoder wears down (Theorems 2 and 3 are the
 * two-repon, one-output case with κ = ½, Z = 1). Clusters of any size are just repons with
 * equal targets.
 */
export interface ReponSystemSpec {
  n: number;
  dim: number;
  /** M, the number of decoder outputs. */
  outputs: number;
  /** t, n×M row-major. */
  targets: Float64Array;
  /** w, n×M row-major (0 = output not trained for this repon). */
  weights: Float64Array;
  /** η_x. */
  etaEncoder: number;
  /** η_A (also used for b). */
  etaDecoder: number;
  /** κ, the loss curvature. Default ½. */
  curvature?: number;
  /** Z, the loss normalisation. Default 1. */
  normalization?: number;
  /** train b (default true). */
  trainBias?: boolean;
}

/**
 * A discrete optimizer for the repon system: core's PyTorch-exact Adam, AdamW or SGD, with the
 * repons as the encoder group (rate η_x) and A, b as the decoder group (rate η_A). Omitted
 * hyperparameters take core's defaults (β 0.9/0.999, ε 1e-8, no momentum or decay).
 */
export type ReponOptimizer = Pick<DynamicsConfig, 'optimizer'> &
  Partial<Pick<DynamicsConfig, 'beta1' | 'beta2' | 'eps' | 'momentum' | 'weightDecayEncoder' | 'weightDecayDecoder'>>;

export interface ReponState {
  /** n×d repons. */
  x: Float64Array;
  /** M×d decoder map. */
  A: Float64Array;
  /** M decoder offsets. */
  b: Float64Array;
}

export class ReponSystem {
  readonly n: number;
  readonly dim: number;
  readonly outputs: number;
  private readonly scale: number;
  private readonly z: Float64Array;

  constructor(
    readonly spec: ReponSystemSpec,
    public state: ReponState,
  ) {
    const { n, dim, outputs } = spec;
    if (state.x.length !== n * dim || state.A.length !== outputs * dim || state.b.length !== outputs) {
      throw new RangeError(`repon state shape mismatch: expected x ${n}×${dim}, A ${outputs}×${dim}, b ${outputs}`);
    }
    if (spec.targets.length !== n * outputs || spec.weights.length !== n * outputs) throw new RangeError('targets and weights must be n×M');
    if (!(spec.etaEncoder >= 0 && spec.etaDecoder >= 0)) throw new RangeError('learning rates must be ≥ 0');
    this.n = n;
    this.dim = dim;
    this.outputs = outputs;
    this.scale = (2 * (spec.curvature ?? 0.5)) / (spec.normalization ?? 1);
    this.z = new Float64Array(n * outputs);
  }

  /** Decoder outputs z_i = A x_i + b of every repon, n×M. */
  outputsOf(state: ReponState = this.state): Float64Array {
    const { n, outputs } = this;
    const z = new Float64Array(n * outputs);
    this.forward(state.x, state.A, state.b, z);
    return z;
  }

  /** The loss L at a state (default: the current one). */
  loss(state: ReponState = this.state): number {
    const { n, outputs } = this;
    const z = this.outputsOf(state);
    let sum = 0;
    for (let i = 0; i < n * outputs; i++) {
      const w = this.spec.weights[i];
      if (w !== 0) sum += w * (z[i] - this.spec.targets[i]) ** 2;
    }
    return ((this.spec.curvature ?? 0.5) * sum) / (this.spec.normalization ?? 1);
  }

  /** Writes the loss gradient (∂L/∂x, ∂L/∂A, ∂L/∂b; ∂L/∂b = 0 when b is not trained) at (x, A, b). */
  gradient(x: Float64Array, A: Float64Array, b: Float64Array, gx: Float64Array, gA: Float64Array, gb: Float64Array): void {
    const { n, dim, outputs, z } = this;
    const { targets, weights } = this.spec;
    const trainBias = this.spec.trainBias ?? true;
    this.forward(x, A, b, z);
    gx.fill(0);
    gA.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < outputs; o++) {
        const w = weights[i * outputs + o];
        if (w === 0) continue;
        const g = this.scale * w * (z[i * outputs + o] - targets[i * outputs + o]);
        if (trainBias) gb[o] += g;
        for (let k = 0; k < dim; k++) {
          gA[o * dim + k] += g * x[i * dim + k];
          gx[i * dim + k] += g * A[o * dim + k];
        }
      }
    }
  }

  /** Writes the flow's velocity (dx, dA, db) = −(η_x ∂L/∂x, η_A ∂L/∂A, η_A ∂L/∂b) at (x, A, b). */
  velocity(x: Float64Array, A: Float64Array, b: Float64Array, dx: Float64Array, dA: Float64Array, db: Float64Array): void {
    const { etaEncoder, etaDecoder } = this.spec;
    this.gradient(x, A, b, dx, dA, db);
    for (let i = 0; i < dx.length; i++) dx[i] *= -etaEncoder;
    for (let i = 0; i < dA.length; i++) dA[i] *= -etaDecoder;
    for (let i = 0; i < db.length; i++) db[i] *= -etaDecoder;
  }

  /**
   * A stepper that trains the current state with a discrete optimizer (core's `Optimizer`, the
   * same update rules as every backend) at learning rates η_x and η_A: each `step()` computes
   * the gradient and applies one update. SGD without momentum is `eulerStep(1)`.
   */
  optimizer(options: ReponOptimizer): { step(): void; readonly steps: number } {
    const { x, A, b } = this.state;
    const gx = new Float64Array(x.length);
    const gA = new Float64Array(A.length);
    const gb = new Float64Array(b.length);
    const config: DynamicsConfig = {
      optimizer: options.optimizer,
      lrEncoder: this.spec.etaEncoder,
      lrDecoder: this.spec.etaDecoder,
      weightDecayEncoder: options.weightDecayEncoder ?? 0,
      weightDecayDecoder: options.weightDecayDecoder ?? 0,
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
      eps: options.eps ?? 1e-8,
      momentum: options.momentum ?? 0,
      loss: 'mse',
    };
    const slots = [
      { value: x, grad: gx, group: 'encoder' as const },
      { value: A, grad: gA, group: 'decoder' as const },
      ...((this.spec.trainBias ?? true) ? [{ value: b, grad: gb, group: 'decoder' as const }] : []),
    ];
    const optimizer = new Optimizer(config, slots);
    return {
      step: () => {
        this.gradient(x, A, b, gx, gA, gb);
        optimizer.step();
      },
      get steps() {
        return optimizer.steps;
      },
    };
  }

  /** One explicit Euler step of length dt (dt = 1 is plain gradient descent with the rates as learning rates). */
  eulerStep(dt = 1): void {
    const { x, A, b } = this.state;
    const dx = new Float64Array(x.length);
    const dA = new Float64Array(A.length);
    const db = new Float64Array(b.length);
    this.velocity(x, A, b, dx, dA, db);
    for (let i = 0; i < x.length; i++) x[i] += dt * dx[i];
    for (let i = 0; i < A.length; i++) A[i] += dt * dA[i];
    for (let i = 0; i < b.length; i++) b[i] += dt * db[i];
  }

  /**
   * Follows the gradient flow for a time span with adaptive RK45; `event(state)` ≤ 0 stops early.
   * Returns the time actually integrated.
   */
  flow(span: number, options: Omit<OdeOptions, 'event' | 'onStep'> & { event?: (s: ReponState) => number; onStep?: (t: number, s: ReponState) => void } = {}): number {
    const { x, A, b } = this.state;
    const nx = x.length;
    const nA = A.length;
    const unpack = (y: Float64Array): ReponState => ({ x: y.subarray(0, nx), A: y.subarray(nx, nx + nA), b: y.subarray(nx + nA) });
    const y0 = new Float64Array(nx + nA + b.length);
    y0.set(x, 0);
    y0.set(A, nx);
    y0.set(b, nx + nA);
    const result = integrate(
      (_t, y, dy) => {
        const s = unpack(y);
        const d = unpack(dy);
        this.velocity(s.x, s.A, s.b, d.x, d.A, d.b);
      },
      0,
      y0,
      span,
      {
        ...options,
        event: options.event ? (_t, y) => options.event!(unpack(y)) : undefined,
        onStep: options.onStep ? (t, y) => options.onStep!(t, unpack(y)) : undefined,
      },
    );
    const s = unpack(result.y);
    x.set(s.x);
    A.set(s.A);
    b.set(s.b);
    return result.t;
  }

  private forward(x: Float64Array, A: Float64Array, b: Float64Array, z: Float64Array): void {
    const { n, dim, outputs } = this;
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < outputs; o++) {
        let s = b[o];
        for (let k = 0; k < dim; k++) s += A[o * dim + k] * x[i * dim + k];
        z[i * outputs + o] = s;
      }
    }
  }
}
