export type {
  Activation,
  BudgetConfig,
  Combine,
  DecoderConfig,
  DecoderKind,
  DeepPartial,
  DynamicsConfig,
  EncoderConfig,
  ExperimentConfig,
  IdealDistanceDecoderConfig,
  IdealOrderDecoderConfig,
  LossName,
  MlpDecoderConfig,
  OptimizerName,
  TaskCommon,
  TaskConfig,
} from './config/types';
export { resolveExperiment, experimentHash, canonicalExperiment, MEMORY_LIMIT_BYTES } from './config/experiment';
export { experimentSchema, MAX_SYMBOLS } from './config/experimentSchema';
export { validate, applyDefaults, isPlainObject, type JsonSchema } from './config/jsonSchema';
export { canonicalJson, configHash } from './config/canonical';
export { GenEftInputError, CapabilityError } from './errors';
export { Prng } from './random/prng';
export { sha256Hex } from './util/sha256';

export {
  modRelation,
  greaterRelation,
  bipartiteRelation,
  matrixRelation,
  edgeListRelation,
  relationOf,
  type RelationMatrix,
} from './tasks/relations';
export { makeDataset, splitDataset, trainSize, pairOf, type Dataset } from './tasks/dataset';

export { initParams, IDEAL_READOUT_INIT } from './model/init';
export { cloneParams, paramsToJson, parameterCount, shapeOf, type Layer, type Params, type ParamsJson, type ParamsShape } from './model/params';
export { paramsFromJson } from './model/paramsJson';
export { decoderInputSize, decoderLayerSizes, paramsShapeOf } from './model/shape';
export { activate } from './model/activations';
export { erf } from './model/erf';

export { lossAndGradient, predictsRelated, sigmoid } from './dynamics/losses';
export { Optimizer, type ParamSlot } from './dynamics/optimizers';

export { MODEL_FEATURES } from './backend/types';
export type {
  Backend,
  BackendCapabilities,
  BackendFactory,
  BatchTrainer,
  Dynamics,
  Evaluation,
  Trainer,
  TrainerSpec,
} from './backend/types';
export { registerBackend, removeBackend, listBackends, getBackend, checkCapabilities } from './backend/registry';
export { referenceBackend, REFERENCE_CAPABILITIES } from './backends/reference/backend';
export { ReferenceTrainer } from './backends/reference/trainer';

export { evaluateOutputs } from './run/evaluation';
export {
  classifyPhase,
  settledPhase,
  memorizationPlateau,
  observe,
  milestonesOf,
  PHASES,
  type Phase,
  type EvalRecord,
  type Milestones,
  type PhaseCriteria,
} from './run/phase';
export { runExperiment, type RunOptions, type RunResult } from './run/run';
export { runBatch } from './run/batch';

export { sweepSchema, axisSchema } from './config/sweepSchema';
export { resolveSweep, sweepCells, rangeValues, getPath, setPath } from './sweep/expand';
export { coarseToFine } from './sweep/order';
export type { SweepAxis, SweepCell, SweepSpec } from './sweep/types';
