export { digraphOf, isAutomorphism, type Digraph } from './digraph';
export { automorphismGroup, automorphismCount, type AutomorphismGroup } from './automorphisms';
export { factorial, binomial, log2BigInt, log2Factorial } from './big-math';
export {
  descriptionLength,
  equivalenceBits,
  equivalenceAutomorphisms,
  equivalenceApproxBits,
  modClassSizes,
  totalOrderBits,
  completeBipartiteBits,
  symmetricBits,
  genericBits,
  type DescriptionLength,
} from './description-length';
export {
  knownFraction,
  criticalFraction,
  accuracyUpperBound,
  pStarOf,
  edgeDensity,
  staticsCurve,
  type StaticsPoint,
} from './balls-in-buckets';
export {
  completeGraph,
  cycleGraph,
  directedCycle,
  completeBipartiteGraph,
  petersenGraph,
  hypercubeGraph,
  rookGraph,
  triangularGraph,
  latinSquareGraph,
  disjointUnion,
  randomDigraph,
  randomGraph,
  paleyGraph,
  GaloisField,
} from './families';
export { bayesAccuracy, determinedFraction, InconsistentObservationsError, type Observation, type PairPosterior } from './observations';
export { equivalencePosterior, type EquivalencePosteriorOptions } from './equivalence-posterior';
export {
  posetFromPairs,
  countLinearExtensions,
  precedenceProbabilities,
  sampleLinearExtension,
  type Poset,
  type LinearExtensionOptions,
} from './linear-extensions';
export { totalOrderPosterior } from './order-posterior';
export { bipartitePosterior } from './bipartite-posterior';
export {
  achievableAccuracy,
  achievableAccuracyCurve,
  familyPosterior,
  familyRelation,
  sampleObservations,
  type AchievableFamily,
  type AchievableOptions,
  type AchievablePoint,
} from './achievable-accuracy';
export { integrate, type Derivative, type OdeOptions, type OdeResult } from './ode';
export {
  conservedQuantity,
  twoReponVelocity,
  twoReponExact,
  twoReponOutcome,
  integrateTwoRepon,
  type TwoReponRates,
  type TwoReponState,
  type TwoReponOutcome,
  type TwoReponResult,
  type TwoReponOptions,
} from './two-repon';
export {
  reponRho,
  reponProbability,
  reponProbabilityMultiOutput,
  reponProbabilityMonteCarlo,
  criticalRateRatio,
  type ReponProbabilityParams,
  type MonteCarloEstimate,
} from './repon-probability';
export { logGamma, regularizedBeta, studentTCentralProbability, studentTCentralQuantile } from './special-functions';
export { ReponSystem, type ReponSystemSpec, type ReponState, type ReponOptimizer } from './repon-system';
export { decoderJacobian, decoderParamCount, decoderParamGradient, jacobianParamGradient, linearizeDecoder, type DecoderJacobian } from './decoder-jacobian';
export { effectiveReponParameters, initialLossGradient, type EffectiveReponOptions, type EffectiveReponParameters } from './effective-repon';
export {
  adamConservedQuantity,
  adamRho,
  criticalRateRatioAdam,
  reponProbabilityAdam,
  simulateTwoRepon,
  twoReponOptimizerProbability,
  type TwoReponSimulationOutcome,
} from './repon-adam';
export { reponDynamics, ReponTrainer, quadraticSurrogate, REPON_DYNAMICS_NAME, type ReponDynamicsOptions } from './repon-dynamics';
export { predictPhaseBoundary, reponBoundary, type PhaseBoundary, type PhaseBoundaryOptions, type ReponBoundary } from './phase-boundary';
export { fitRace, meanNearestNeighbour, testReponTravel, type FitRace, type FitRaceOptions, type SeedRace, type TestReponTravel } from './fit-race';
export {
  clusterConservedQuantity,
  clusterCriticalRateRatio,
  clusterCriticalRateRatioAsPrinted,
  clusterCaptureProbability,
  simulateClusterCapture,
  type ClusterCaptureParams,
  type ClusterSimulation,
} from './cluster-capture';
