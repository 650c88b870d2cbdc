import { cloneParams, evaluateOutputs, type Dynamics, type Evaluation, type LossName, type Params, type Trainer, type TrainerSpec } from '@geneft/core';
import { linearizeDecoder } from './decoder-jacobian';
import { ReponSystem } from './repon-system';

export const REPON_DYNAMICS_NAME = 'repon-theory';

/**
 * The quadratic loss the effective theory trains on, per decoder output z with label y:
 * mse is (z − y)² itself; for bce it is the second-order expansion of BCE-with-logits at
 * z = 0, ln 2 + (½ − y)z + z²/8 = ⅛(z − (4y − 2))² + const: curvature ⅛, target ±2.
 */
export function quadraticSurrogate(loss: LossName): { curvature: number; target: (label: number) => number } {
  return loss === 'mse' ? { curvature: 1, target: (y) => y } : { curvature: 1 / 8, target: (y) => 4 * y - 2 };
}

export interface ReponDynamicsOptions {
  /** Euler sub-steps per training step (the flow is followed with dt = 1/substeps). Default 1: plain gradient descent. */
  substeps?: number;
}

/**
 * The repon effective theory as a core `Dynamics`, so core's `runExperiment` can drive it like a
 * backend and its phases can be set beside a real run's.
 *
 * State: the repons (the embeddings of `spec.params`) and a linear decoder A x + b with 2n
 * outputs per repon, obtained by linearising the initial decoder of `spec.params` around the
 * centroid of the initial embeddings (`linearizeDecoder`): row q is "this repon paired with q",
 * row n + p is "p paired with this repon", partners frozen at their initial latents. A
 * training pair (p, q) is seen twice, as output q of repon p and output n + p of repon q;
 * the model's prediction for (p, q) is the mean of those two views. Training is gradient
 * descent (one Euler step of the gradient flow per step, dt = 1, with lrEncoder = η_x and
 * lrDecoder = η_A; the optimizer setting is ignored — the theory is a gradient-flow theory) on
 * the quadratic loss `quadraticSurrogate(config.dynamics.loss)` averaged over both views of
 * every training pair. `evaluate()` reports core's losses and accuracies (`evaluateOutputs`)
 * of the linearised model's pair outputs.
 */
export function reponDynamics(options: ReponDynamicsOptions = {}): Dynamics {
  return {
    name: REPON_DYNAMICS_NAME,
    createTrainer: async (spec: TrainerSpec) => new ReponTrainer(spec, options.substeps ?? 1),
  };
}

export class ReponTrainer implements Trainer {
  readonly backend = REPON_DYNAMICS_NAME;
  private steps = 0;
  private system!: ReponSystem;
  private params: Params;

  constructor(
    private readonly spec: TrainerSpec,
    private readonly substeps: number,
  ) {
    if (!(Number.isSafeInteger(substeps) && substeps >= 1)) throw new RangeError(`substeps must be a positive integer, got ${substeps}`);
    this.params = cloneParams(spec.params);
    this.rebuild();
  }

  get stepsDone(): number {
    return this.steps;
  }

  /** The effective system (repons x, linear decoder A, b), live. */
  get repons(): ReponSystem {
    return this.system;
  }

  async step(k: number): Promise<number> {
    if (!(Number.isSafeInteger(k) && k >= 0)) throw new RangeError(`k must be a non-negative integer, got ${k}`);
    let last = NaN;
    for (let s = 0; s < k; s++) {
      if (s === k - 1) last = this.evaluateNow().trainLoss;
      for (let j = 0; j < this.substeps; j++) this.system.eulerStep(1 / this.substeps);
      this.steps++;
    }
    return last;
  }

  async evaluate(): Promise<Evaluation> {
    return this.evaluateNow();
  }

  async predict(): Promise<Float64Array> {
    return this.pairOutputs();
  }

  async readParams(): Promise<Params> {
    const out = cloneParams(this.params);
    (out.embeddings as Float64Array).set(this.system.state.x);
    return out;
  }

  /** New parameters: the repons start from its embeddings, the decoder is linearised afresh. */
  async writeParams(params: Params): Promise<void> {
    const { n, dim } = this.params;
    if (params.n !== n || params.dim !== dim) throw new RangeError(`params shape mismatch: expected n = ${n}, d = ${dim}`);
    this.params = cloneParams(params);
    this.rebuild();
  }

  dispose(): void {}

  private evaluateNow(): Evaluation {
    return evaluateOutputs(this.pairOutputs(), this.spec.data, this.spec.config.dynamics.loss);
  }

  /** z_pq = ½[(A x_p + b)_q + (A x_q + b)_{n+p}] for every pair, pair index order. */
  private pairOutputs(): Float64Array {
    const n = this.params.n;
    const z = this.system.outputsOf();
    const m = 2 * n;
    const out = new Float64Array(n * n);
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) out[p * n + q] = 0.5 * (z[p * m + q] + z[q * m + n + p]);
    return out;
  }

  private rebuild(): void {
    const { config, data } = this.spec;
    const { n, dim } = this.params;
    const { A, b } = linearizeDecoder(config, this.params);
    const m = 2 * n;
    const surrogate = quadraticSurrogate(config.dynamics.loss);
    const targets = new Float64Array(n * m);
    const weights = new Float64Array(n * m);
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        targets[p * m + q] = surrogate.target(data.labels[p * n + q]);
        targets[q * m + n + p] = surrogate.target(data.labels[p * n + q]);
      }
    }
    for (const pair of data.train) {
      const p = Math.floor(pair / n);
      const q = pair % n;
      weights[p * m + q] += 1;
      weights[q * m + n + p] += 1;
    }
    this.system = new ReponSystem(
      {
        n,
        dim,
        outputs: m,
        targets,
        weights,
        etaEncoder: config.dynamics.lrEncoder,
        etaDecoder: config.dynamics.lrDecoder,
        curvature: surrogate.curvature,
        normalization: 2 * Math.max(1, data.train.length),
      },
      { x: this.params.embeddings.slice(), A, b },
    );
  }
}
