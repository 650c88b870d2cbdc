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
export { resolveExperiment, experimentHash, MEMORY_LIMIT_BYTES } from './config/experiment';
export { experimentSchema, registeredExperimentSchema, MAX_SYMBOLS } from './config/experimentSchema';
export { validate, applyDefaults, isPlainObject, type JsonSchema } from './config/jsonSchema';
export { canonicalJson, configHash } from './config/canonical';
export { GenEftInputError, CapabilityError, StoreBusyError, StoreWriteError, abbreviate } from './errors';
export { parseJsonText, checkDepth, MAX_JSON_DEPTH } from './config/jsonText';
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
export { makeDataset, splitDataset, trainSize, type Dataset } from './tasks/dataset';

export { initParams } from './model/init';
export { cloneParams, paramsToJson, shapeOf, type Layer, type Params, type ParamsJson, type ParamsShape } from './model/params';
export { paramsFromJson } from './model/paramsJson';
export { decoderLayerSizes, paramsShapeOf } from './model/shape';
export { paramLayout, packedSize, packParams, unpackParams, checkParams, type ParamLayout, type LayerSlot } from './model/layout';
export { ENGINE_CODES, engineModel, type EngineModel } from './model/engineCodes';
export { engineRunSpec, type EngineRunSpec } from './model/engineRun';

export type { Encoder } from './encoder/types';
export { embeddingEncoder } from './encoder/embedding';
export type { Decoder, DecoderNetwork, DecoderOptions, DecoderPass, LayerGradients } from './decoder/types';
export { registerDecoder, getDecoder, decoderOf, listDecoders, BUILTIN_DECODERS } from './decoder/registry';
export { IDEAL_READOUT_INIT } from './decoder/ideal';
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
export { registerBackend, removeBackend, listBackends, backendRegistrations, getBackend, selectBackend, checkCapabilities, type BackendSelection } from './backend/registry';
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
export { resolveSweep, sweepCells, rangeValues, getPath, setPath, MAX_AXIS_VALUES, MAX_SWEEP_CELLS } from './sweep/expand';
export { coarseToFine } from './sweep/order';
export type { SweepAxis, SweepCell, SweepSpec } from './sweep/types';
export { runBlock, isBatched } from './sweep/block';
export { makeBlocks } from './sweep/blocks';
export { countPhases, ProgressTracker, type SweepProgress } from './sweep/progress';
export type { BlockRequest, BlockReply } from './sweep/protocol';
