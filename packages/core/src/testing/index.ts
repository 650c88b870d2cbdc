export { describeConformance, relativeError, maxRelativeError, flattenParams, type ConformanceOptions } from './conformance';
export { conformanceCases, type ConformanceCase } from './cases';
export { canonicalConfig, specOf, lossTrajectory, referenceTrajectory } from './canonical';
