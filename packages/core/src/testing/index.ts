export { describeConformance, relativeError, maxRelativeError, type ConformanceOptions } from './conformance';
export { conformanceCases, type ConformanceCase } from './cases';
export { canonicalConfig, specOf, lossTrajectory, referenceTrajectory } from './canonical';
