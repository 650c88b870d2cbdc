/**
 * The experiment configuration, as resolved: every default filled in. The JSON users write
 * (`*.geneft.json`) may omit anything that has a default; `resolveExperiment` fills it.
 * The canonical form of this object is what the config hash is computed over.
 */

/** Relation on n symbols; see `relationOf`. */
export type TaskConfig =
  | ({ relation: 'mod'; /** number of classes, 2 ≤ k ≤ n */ k: number } & TaskCommon)
  | ({ relation: 'greater' } & TaskCommon)
  | ({ relation: 'bipartite'; /** size of the set S = {0..a−1}, 1 ≤ a < n */ a: number } & TaskCommon)
  | ({
      relation: 'graph';
      /** n×n 0/1 matrix; exactly one of `matrix`, `edges` (or `file`, inlined when loading). */
      matrix?: number[][];
      /** ordered edge list [x, y]: R(x, y) = 1 */
      edges?: [number, number][];
    } & TaskCommon);

export interface TaskCommon {
  /** number of symbols; the dataset is all n² ordered pairs. Default 30. */
  n: number;
  /** fraction of the n² pairs used for training, in (0, 1]. Default 0.75. */
  trainFraction: number;
  /** seed of the train/test split (independent of the model seed). Default 0. */
  splitSeed: number;
}

export interface EncoderConfig {
  /** latent dimension d of each repon. Default 2. */
  dim: number;
  /** standard deviation σ of the N(0, σ²) initial embeddings. Default 0.5 (the cited reproduction's `0.5 * randn`). */
  initScale: number;
}

export type Activation = 'tanh' | 'relu' | 'gelu' | 'linear';
export type Combine = 'concat' | 'diff' | 'sqdiff';

export interface MlpDecoderConfig {
  kind: 'mlp';
  /** how the pair of latents becomes the MLP input: [e1, e2] (2d), e1 − e2 (d) or (e1 − e2)² (d). Default concat. */
  combine: Combine;
  /** hidden width. Default 50. */
  width: number;
  /** number of hidden layers; 0 is a linear readout. Default 3. */
  depth: number;
  /** hidden activation. Default tanh. */
  activation: Activation;
}

/**
 * The paper's "ideal" inductive-bias decoder for equivalences: h = ReLU(τ − ‖e1 − e2‖²)/τ,
 * logit = w·h + b with trainable w, b (initialised to 10 and −5: far pairs start "unrelated").
 */
export interface IdealDistanceDecoderConfig {
  kind: 'ideal-distance';
  /** τ, the squared distance under which two latents count as the same class. Default 0.1. */
  threshold: number;
}

/**
 * The paper's "ideal" decoder for orders: h = min(ReLU(e2[0] − e1[0])/τ, 1), logit = w·h + b,
 * so R(x, y) = 1 ("x < y") iff y's latent lies to the right of x's on axis 0.
 */
export interface IdealOrderDecoderConfig {
  kind: 'ideal-order';
  /** τ, the separation at which h saturates. Default 0.1. */
  threshold: number;
}

/**
 * Core's decoder kinds. A plugin's kind (`registerDecoder`) reaches the code as a `decoder`
 * block of its own shape at run time; it is typed as one of these only statically, which is
 * why code that reads kind-specific options first checks `kind` (and engines first check
 * their capabilities).
 */
export type DecoderConfig = MlpDecoderConfig | IdealDistanceDecoderConfig | IdealOrderDecoderConfig;
/** A decoder kind's name: core's, or one a plugin registered. */
export type DecoderKind = DecoderConfig['kind'] | (string & {});

export type OptimizerName = 'adam' | 'adamw' | 'sgd';
export type LossName = 'bce' | 'mse';

export interface DynamicsConfig {
  /** Default adam. Update rules match PyTorch's (torch.optim.Adam/AdamW/SGD) exactly. */
  optimizer: OptimizerName;
  /** learning rate of the encoder (η_x in the theory). Default 1e-3. */
  lrEncoder: number;
  /** learning rate of the decoder (η_A in the theory). Default 1e-3. */
  lrDecoder: number;
  /** weight decay of the encoder: L2 for adam/sgd, decoupled for adamw. Default 0. */
  weightDecayEncoder: number;
  /** weight decay of the decoder. Default 0. */
  weightDecayDecoder: number;
  /** Adam β1. Default 0.9. */
  beta1: number;
  /** Adam β2. Default 0.999. */
  beta2: number;
  /** Adam ε. Default 1e-8. */
  eps: number;
  /** SGD momentum (PyTorch convention, no dampening). Default 0. */
  momentum: number;
  /** bce: BCE-with-logits on the output; mse: mean squared error of the raw output vs 0/1. Default bce. */
  loss: LossName;
}

export interface BudgetConfig {
  /** step budget B. Default 100000 (the paper's). */
  steps: number;
  /** evaluate every this many steps. Default 100. */
  evalEvery: number;
  /** accuracy threshold for "reached". Default 0.9. */
  threshold: number;
  /** a test step this many steps or more after the train step is grokking. Default 1000. */
  grokDelay: number;
  /**
   * Memorization plateau (opt-in): when > 0, a run whose training accuracy has reached the
   * threshold, and whose test accuracy has not moved by more than one test pair for this many
   * steps, stops as memorization before its budget. 0 (the default) runs every memorization to
   * the end of the budget. Validated against full-budget runs in core's tests; see `memorizationPlateau`.
   */
  plateauWindow: number;
  /**
   * How far below the threshold a plateau's test accuracy must stay (default 0.05). Under Adam a
   * fitted run keeps drifting: at paper scale a run flat for 20,000 steps two test pairs short of
   * the threshold crossed it later (grokking), while the runs this far below did not.
   */
  plateauMargin: number;
  /**
   * false: every run trains to the end of its budget, even once its phase is settled, so its
   * final accuracies are those at the budget (Fig. 2). Absent (the default): stop early. Left
   * out of the resolved config when absent, so existing config hashes do not change.
   */
  earlyStop?: boolean;
}

export interface ExperimentConfig {
  task: TaskConfig;
  encoder: EncoderConfig;
  decoder: DecoderConfig;
  dynamics: DynamicsConfig;
  budget: BudgetConfig;
  /** seed of the initial parameters. Default 0. */
  seed: number;
}

/** What a user may write: any subset, defaults filled by `resolveExperiment`. */
export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
