import type { Activation, Combine, DecoderKind, ExperimentConfig, LossName, OptimizerName } from '../config/types';
import type { Dataset } from '../tasks/dataset';
import type { Params } from '../model/params';

/** Everything a trainer needs: the resolved config, the data and the initial parameters. */
export interface TrainerSpec {
  readonly config: ExperimentConfig;
  readonly data: Dataset;
  /** initial parameters, made by core (`initParams`) or loaded from params.json. */
  readonly params: Params;
}

/** Losses and accuracies over the training and test pairs (accuracy: logit > 0 ⇔ related for bce, output > 0.5 for mse). */
export interface Evaluation {
  trainLoss: number;
  trainAccuracy: number;
  /** NaN when the test set is empty. */
  testLoss: number;
  /** NaN when the test set is empty. */
  testAccuracy: number;
}

/**
 * One training in progress. A trainer advances `k` full-batch optimizer steps per call so a
 * native or WASM loop never crosses the JS boundary per step.
 */
export interface Trainer {
  /** Name of the backend (or dynamics) running this trainer. */
  readonly backend: string;
  /** Steps taken so far. */
  readonly stepsDone: number;
  /** Advances k steps; resolves to the training loss computed at the last of them (before its update). */
  step(k: number): Promise<number>;
  /** Losses and accuracies at the current parameters. */
  evaluate(): Promise<Evaluation>;
  /** Decoder outputs (logits for bce) of all n² pairs at the current parameters, pair index order. */
  predict(): Promise<Float64Array>;
  /** Current parameters, float64. */
  readParams(): Promise<Params>;
  /** Replaces the parameters (the optimizer state is kept). */
  writeParams(params: Params): Promise<void>;
  /** Frees native or GPU memory; the trainer is unusable afterwards. */
  dispose(): void;
}

/** Many independent trainings advanced together (a block of sweep cells). */
export interface BatchTrainer {
  readonly backend: string;
  readonly size: number;
  /** Advances every still-active run by k steps; resolves to each run's last training loss. */
  step(k: number): Promise<Float64Array>;
  /** Evaluation of each run. */
  evaluate(): Promise<Evaluation[]>;
  readParams(index: number): Promise<Params>;
  /** Stops advancing a run (its phase is settled), so the others go faster. */
  deactivate(index: number): void;
  dispose(): void;
}

/**
 * A Dynamics moves a model's state in time. Gradient dynamics (an optimizer on a loss) are
 * implemented by backends; the repon effective theory in @geneft/theory is another Dynamics
 * over the same latent state, so a run and its theory can be driven by the same `Run` code.
 */
export interface Dynamics {
  readonly name: string;
  createTrainer(spec: TrainerSpec): Promise<Trainer>;
}

/** Every model feature core defines: a backend that supports them all spreads this into its capabilities. */
export const MODEL_FEATURES = {
  optimizers: ['adam', 'adamw', 'sgd'],
  losses: ['bce', 'mse'],
  decoders: ['mlp', 'ideal-distance', 'ideal-order'],
  activations: ['tanh', 'relu', 'gelu', 'linear'],
  combines: ['concat', 'diff', 'sqdiff'],
} as const satisfies Pick<BackendCapabilities, 'optimizers' | 'losses' | 'decoders' | 'activations' | 'combines'>;

/** What a backend can do; `checkCapabilities` refuses the rest with a clear message. */
export interface BackendCapabilities {
  /** arithmetic of the hot loops; the conformance tolerance follows from it. */
  precision: 'float64' | 'float32';
  optimizers: readonly OptimizerName[];
  losses: readonly LossName[];
  /** decoder kinds it runs: core's (`MODEL_FEATURES.decoders`) and any a plugin registered that it implements. */
  decoders: readonly DecoderKind[];
  activations: readonly Activation[];
  combines: readonly Combine[];
  /** trains many independent runs per call (`createBatchTrainer`). */
  batchedRuns: boolean;
  /** largest n supported (memory), if bounded. */
  maxSymbols?: number;
}

export interface Backend extends Dynamics {
  readonly capabilities: BackendCapabilities;
  createBatchTrainer?(specs: readonly TrainerSpec[]): Promise<BatchTrainer>;
}

/** Makes a backend (possibly asynchronously: a WASM module or a GPU context must be loaded). */
export type BackendFactory = () => Backend | Promise<Backend>;
