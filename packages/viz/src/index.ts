export type { Figure, FigureOptions } from './figure';
export type { DomDocument, DomElement, DomHtmlElement, DomSvgElement, DocumentLike, ElementLike } from './dom';
export { PHASE_COLORS, phaseColorScale } from './phaseColors';
export { wilsonInterval, type Spread } from './stats';
export type { AxisType } from './grid';
export type { RunAccessor } from './configPath';

export {
  accuracyVsFraction,
  type AccuracyVsFractionData,
  type AccuracyVsFractionOptions,
  type FractionAccuracy,
  type StaticsCurvePoint,
  type FractionEstimate,
  type CriticalFraction,
} from './accuracyVsFraction';
export { inductionGap, type InductionGapData, type InductionGapOptions, type ArchitectureAccuracy, type BoundPoint } from './inductionGap';
export { goldilocks, type GoldilocksOptions, type DepthAccuracy } from './goldilocks';
export { phaseDiagram, phaseCells, PENDING_FILL, type PhaseDiagramOptions, type PhaseRun, type PhaseCell, type PendingCell } from './phaseDiagram';
export { prCurve, type PrCurveData, type PrCurveOptions, type PrTheoryPoint, type PrMeasuredPoint } from './prCurve';
export {
  reponPortrait,
  type ReponPortraitData,
  type ReponPortraitOptions,
  type ReponTrajectory,
  type ReponPoint,
  type ReponOutcome,
} from './reponPortrait';
export { embeddings, type EmbeddingsData, type EmbeddingsOptions, type EmbeddingSnapshot } from './embeddings';
export { learningCurves, SPLIT_COLORS, type LearningCurvesOptions } from './learningCurves';
export { boundaryVsScale, type ScaleBoundary, type BoundaryVsScaleOptions } from './boundaryVsScale';
