export { describeConformance, type ConformanceOptions } from './conformance';
export { describeDecoderConformance, type DecoderConformanceOptions } from './decoderConformance';
export { relativeError, maxRelativeError } from './compare';
export type { TestRunner, TestFunction, TestBody } from './runner';
export { conformanceCases, type ConformanceCase } from './cases';
export { canonicalConfig, specOf, mixedBlock, lossTrajectory, referenceTrajectory } from './canonical';
export { activationValues, checkTanh, float32UlpDistance, type TanhCheck } from './activation';
