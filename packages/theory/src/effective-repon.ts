import { initParams, lossAndGradient, makeDataset, trainSize, type ExperimentConfig, type Params } from '@geneft/core';
import { decoderJacobian, decoderParamCount, decoderParamGradient, jacobianParamGradient } from './decoder-jacobian';

/**
 * The repon system of an actual experiment, read off core's own model at initialisation
 * (README "Effective repon parameters"). For two same-class repons i, j and a training partner
 * q, the decoder output near the repons' mean x̄ is z_iq ≈ z̄_q + a_q·(x_i − x̄) with a_q the
 * Jacobian ∂D(x, e_q)/∂x (and likewise for the repon as second argument). With the loss's
 * curvature κ (⅛ for BCE at logit 0, 1 for MSE) and P training pairs, the pair's share of the
 * mean loss is (2κ/P)[(z̄ − t)² + Σ_o (a_o·r)²], r = (x_i − x_j)/2: Theorem 2's spring, one
 * term per shared output o, so
 * - **σ_a** is the spread of a Jacobian entry a_o along one axis (RMS over pairs, both
 *   arguments, both axes, seeds), and **M** the outputs per repon, 2P/n;
 * - **σ_c** is the spread of a coordinate of r: initScale/√2 for N(0, initScale²) latents;
 * - the decoder does not hold a as a parameter: a = a(θ) over the decoder's parameters θ, so
 *   gradient descent on θ at rate η_A moves a at da/dt = −η_A·K·∂L/∂a, K = Σ_θ (∂a/∂θ)² (the
 *   decoder's tangent kernel on its own Jacobian; cross-output terms left out). **k_sgd** is the
 *   mean K: the spring's rate is η_A·k_sgd, not η_A;
 * - under Adam while its second moments warm up, each parameter's step is its gradient over
 *   |g_θ(0)|, the size of its initial gradient from the whole loss (README "Repons under Adam"):
 *   da/dt = −η_A·K_Adam·∂L/∂a with K_Adam = Σ_θ (∂a/∂θ)²/(|g_θ(0)| + ε) (**k_adam**), and the
 *   repons move at η_x/|g_x(0)| per unit force (**encoderGradient**, the RMS of the embeddings'
 *   initial gradient).
 * Nothing is fitted: every number is a derivative of core's initial model on its training set.
 */
export interface EffectiveReponParameters {
  /** σ_a: RMS of the Jacobian entries ∂D(e_p, e_q)/∂e at initialisation. */
  sigmaA: number;
  /** mean of those entries (the theory assumes ≈ 0). */
  jacobianMean: number;
  /** σ_c = initScale/√2. */
  sigmaC: number;
  /** the half-separation spread measured on the initial embeddings (a check on σ_c). */
  sigmaCEmpirical: number;
  /** M = 2·(training pairs)/n, the outputs each repon drives (rounded). */
  outputsPerRepon: number;
  /** mean Σ_θ (∂a/∂θ)² over sampled Jacobian entries: the spring's gradient-descent rate per unit η_A. */
  kSgd: number;
  /** mean Σ_θ (∂a/∂θ)²/(|g_θ(0)| + ε): the same under Adam's warm-up preconditioner. */
  kAdam: number;
  /** RMS of the initial loss gradient of the embeddings, |g_x(0)|. */
  encoderGradient: number;
  /** RMS of the initial loss gradient of the decoder parameters. */
  decoderGradient: number;
  /**
   * (2κ/P)·M·σ_a²·σ_c ÷ encoderGradient: the size of the spring's pull on a repon relative to
   * the whole initial gradient on it. Near 1 the two-repon sign regime of Adam applies; well
   * below 1 Adam's normalisation is set by the other forces and acts as a fixed preconditioner.
   */
  springShare: number;
  seeds: number;
}

export interface EffectiveReponOptions {
  /** initialisations (seeds config.seed, config.seed + 1, …). Default 4. */
  seeds?: number;
  /** pairs per seed in σ_a (all n² when fewer). Default 2000. */
  maxPairs?: number;
  /** training pairs per seed in the kernels k_sgd, k_adam. Default 60. */
  kernelPairs?: number;
}

/**
 * The initial gradient of the mean training loss, (1/P)·Σ_(p,q) ℓ'(z_pq)·∂z_pq/∂(θ, e_p, e_q), from
 * the per-pair derivatives of `decoder-jacobian.ts` (checked in the tests against one SGD step of
 * core's reference trainer).
 */
export function initialLossGradient(config: ExperimentConfig, params: Params, train: Int32Array, labels: Uint8Array): { embeddings: Float64Array; decoder: Float64Array } {
  const { n, dim: d } = params;
  const embeddings = new Float64Array(params.embeddings.length);
  const decoder = new Float64Array(decoderParamCount(params.layers));
  const latent = (i: number) => params.embeddings.subarray(i * d, i * d + d);
  for (let t = 0; t < train.length; t++) {
    const p = Math.floor(train[t] / n);
    const q = train[t] % n;
    const jac = decoderJacobian(config, params.layers, latent(p), latent(q));
    const dz = lossAndGradient(config.dynamics.loss, jac.value, labels[train[t]])[1] / train.length;
    for (let k = 0; k < d; k++) {
      embeddings[p * d + k] += dz * jac.du[k];
      embeddings[q * d + k] += dz * jac.dv[k];
    }
    const dtheta = decoderParamGradient(config, params.layers, latent(p), latent(q));
    for (let i = 0; i < dtheta.length; i++) decoder[i] += dz * dtheta[i];
  }
  return { embeddings, decoder };
}

const rms = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] * xs[i];
  return Math.sqrt(s / xs.length);
};

/** σ_a, σ_c, M and the decoder's kernels on its Jacobian, from core's initial model (see the interface). */
export function effectiveReponParameters(config: ExperimentConfig, options: EffectiveReponOptions = {}): EffectiveReponParameters {
  const seeds = options.seeds ?? 4;
  const maxPairs = options.maxPairs ?? 2000;
  const kernelPairs = options.kernelPairs ?? 60;
  if (!(Number.isSafeInteger(seeds) && seeds >= 1)) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  const { n } = config.task;
  const d = config.encoder.dim;
  const pairs = n * n;
  const stride = Math.max(1, Math.ceil(pairs / maxPairs));
  const eps = config.dynamics.eps;
  const data = makeDataset(config.task);

  let sum = 0;
  let sumSq = 0;
  let count = 0;
  let sepSq = 0;
  let sepCount = 0;
  let kSgd = 0;
  let kAdam = 0;
  let kCount = 0;
  let encSq = 0;
  let decSq = 0;
  for (let s = 0; s < seeds; s++) {
    const seeded = { ...config, seed: config.seed + s };
    const params = initParams(seeded);
    const e = params.embeddings;
    const latent = (i: number) => e.subarray(i * d, i * d + d);
    for (let pair = (s * 7919) % stride; pair < pairs; pair += stride) {
      const p = Math.floor(pair / n);
      const q = pair % n;
      const jac = decoderJacobian(config, params.layers, latent(p), latent(q));
      for (let k = 0; k < d; k++) {
        sum += jac.du[k] + jac.dv[k];
        sumSq += jac.du[k] ** 2 + jac.dv[k] ** 2;
        count += 2;
        if (p < q) {
          sepSq += ((e[p * d + k] - e[q * d + k]) / 2) ** 2;
          sepCount++;
        }
      }
    }
    const g = initialLossGradient(config, params, data.train, data.labels);
    encSq += rms(g.embeddings) ** 2;
    decSq += rms(g.decoder) ** 2;
    const train = data.train;
    const kStride = Math.max(1, Math.floor(train.length / kernelPairs));
    for (let t = s % kStride; t < train.length; t += kStride) {
      const p = Math.floor(train[t] / n);
      const q = train[t] % n;
      for (const argument of [0, 1] as const) {
        for (let k = 0; k < d; k++) {
          const da = jacobianParamGradient(config, params.layers, latent(p), latent(q), k, argument);
          let plain = 0;
          let adam = 0;
          for (let i = 0; i < da.length; i++) {
            const sq = da[i] * da[i];
            plain += sq;
            adam += sq / (Math.abs(g.decoder[i]) + eps);
          }
          kSgd += plain;
          kAdam += adam;
          kCount++;
        }
      }
    }
  }
  const sigmaA = Math.sqrt(sumSq / count);
  const sigmaC = config.encoder.initScale / Math.SQRT2;
  const trainPairs = trainSize(pairs, config.task.trainFraction);
  const outputs = Math.max(1, Math.round((2 * trainPairs) / n));
  const encoderGradient = Math.sqrt(encSq / seeds);
  const curvature = config.dynamics.loss === 'mse' ? 1 : 1 / 8;
  const spring = ((2 * curvature) / Math.max(1, trainPairs)) * outputs * sigmaA ** 2 * sigmaC;
  return {
    sigmaA,
    jacobianMean: sum / count,
    sigmaC,
    sigmaCEmpirical: sepCount > 0 ? Math.sqrt(sepSq / sepCount) : NaN,
    outputsPerRepon: outputs,
    kSgd: kSgd / kCount,
    kAdam: kAdam / kCount,
    encoderGradient,
    decoderGradient: Math.sqrt(decSq / seeds),
    springShare: encoderGradient > 0 ? spring / encoderGradient : Infinity,
    seeds,
  };
}
