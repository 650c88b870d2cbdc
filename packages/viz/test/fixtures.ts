/**
 * Deterministic input data for every figure, shaped like what the real pipeline produces
 * (science.md values where it gives them). Plain formulas here stand in for @geneft/theory,
 * which viz must not import.
 */
import { Prng, type EvalRecord, type Phase } from '@geneft/core';
import type {
  AccuracyVsFractionData,
  DepthAccuracy,
  EmbeddingsData,
  InductionGapData,
  PhaseRun,
  PrCurveData,
  ReponPortraitData,
  ReponTrajectory,
  ScaleBoundary,
} from '../src';

const N = 900;
const ALPHA = 0.9;
/** description length b (bits, n = 30) and p* per relation (science.md A2.1–A2.2). */
const RELATIONS = [
  { relation: 'mod 3', b: 39.75, pStar: 1 / 3 },
  { relation: 'mod 5', b: 53.34, pStar: 1 / 5 },
  { relation: 'greater', b: 107.71, pStar: 1 / 3 },
  { relation: 'bipartite', b: 24.84, pStar: 1 / 2 },
];
const FRACTIONS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9];

function staticsCurve(b: number, pStar: number, p: number) {
  const f = 1 - (1 - 1 / b) ** (N * p);
  return { f, fUB: f + Math.max(pStar, 1 - pStar) * (1 - f) };
}

function criticalFraction(b: number): number {
  return Math.log(1 - ALPHA) / Math.log(1 - 1 / b) / N;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function accuracyData(): AccuracyVsFractionData {
  const rng = Prng.fromSeed(1);
  const grid = Array.from({ length: 51 }, (_, i) => i / 50);
  return {
    theory: RELATIONS.flatMap(({ relation, b, pStar }) => grid.map((fraction) => ({ relation, fraction, ...staticsCurve(b, pStar, fraction) }))),
    criticalFractions: RELATIONS.map(({ relation, b }) => ({ relation, fraction: criticalFraction(b) })),
    monteCarlo: RELATIONS.filter((r) => r.relation === 'mod 3').flatMap(({ relation, b, pStar }) =>
      FRACTIONS.map((fraction) => ({ relation, fraction, accuracy: clamp01(staticsCurve(b, pStar, fraction).fUB + 0.012), error: 0.01 })),
    ),
    measured: RELATIONS.flatMap(({ relation, b, pStar }) =>
      FRACTIONS.flatMap((fraction) =>
        [0, 1, 2].map(() => {
          const lagged = staticsCurve(b, pStar, Math.max(0, fraction - 0.6 * criticalFraction(b)));
          return { relation, fraction, accuracy: clamp01(lagged.fUB - 0.02 + 0.03 * rng.normal()) };
        }),
      ),
    ),
  };
}

export function inductionGapData(): InductionGapData {
  const rng = Prng.fromSeed(2);
  const panels = [
    { relation: 'mod 3', b: 39.75, pStar: 1 / 3, lags: { concat: 0.25, diff: 0.18, sqdiff: 0.08, ideal: 0.02 } },
    { relation: 'greater', b: 107.71, pStar: 1 / 3, lags: { concat: 0.3, diff: 0.1, sqdiff: 0.22, ideal: 0.04 } },
  ];
  return {
    bound: panels.flatMap(({ relation, b, pStar }) =>
      Array.from({ length: 51 }, (_, i) => i / 50).map((fraction) => ({ relation, fraction, fUB: staticsCurve(b, pStar, fraction).fUB })),
    ),
    measured: panels.flatMap(({ relation, b, pStar, lags }) =>
      Object.entries(lags).flatMap(([architecture, lag]) =>
        FRACTIONS.flatMap((fraction) =>
          [0, 1, 2].map(() => ({
            architecture,
            relation,
            fraction,
            accuracy: clamp01(staticsCurve(b, pStar, Math.max(0, fraction - lag)).fUB - lag / 5 + 0.015 * rng.normal()),
          })),
        ),
      ),
    ),
  };
}

/** The CoursIA reproduction's means (science.md A2.4) plus seed noise; a second width for the colour/facet variants. */
export function goldilocksData(widths: readonly number[] = [10]): DepthAccuracy[] {
  const rng = Prng.fromSeed(3);
  const means = [0.764, 0.86, 0.796, 0.73, 0.707, 0.667];
  return widths.flatMap((width, w) =>
    means.flatMap((mean, i) => [0, 1, 2].map(() => ({ depth: i + 1, width, accuracy: mean - 0.04 * w + 0.03 * rng.normal() }))),
  );
}

export const PD_ENC = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
export const PD_DEC = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1];

/** A 5 × 5 learning-rate grid (the CoursIA grid) × 3 seeds × 2 decoder weight decays. */
export function phaseRuns(): PhaseRun[] {
  const runs: PhaseRun[] = [];
  for (const weightDecayDecoder of [0, 1])
    for (const lrEncoder of PD_ENC)
      for (const lrDecoder of PD_DEC)
        for (const seed of [0, 1, 2]) {
          const ratio = lrDecoder / lrEncoder;
          let phase: Phase = ratio < 3 ? 'comprehension' : ratio <= 10 ? (seed === 0 ? 'grokking' : 'comprehension') : 'memorization';
          if (lrDecoder === 1e-1 && lrEncoder < 1e-2) phase = 'confusion';
          if (lrDecoder === 1e-1 && lrEncoder === 1e-4 && seed === 2) phase = 'diverged';
          if (ratio === 10 && seed === weightDecayDecoder + 1) phase = 'memorization';
          runs.push({
            config: { dynamics: { lrEncoder, lrDecoder, weightDecayDecoder }, task: { relation: 'mod', k: 3, n: 30 }, seed },
            phase,
          });
        }
  return runs;
}

/** p_r = (2/π)·arctan(√(η_x/(2η_A))) with σ_a = σ_c, and binomial draws around it. */
export function prData(): PrCurveData {
  const pr = (ratio: number) => (2 / Math.PI) * Math.atan(Math.sqrt(1 / (2 * ratio)));
  const rng = Prng.fromSeed(4);
  return {
    theory: Array.from({ length: 61 }, (_, i) => 10 ** (-2 + (4 * i) / 60)).map((ratio) => ({ ratio, pr: pr(ratio) })),
    measured: [0.01, 0.1, 0.3, 1, 3, 10, 30, 100].map((ratio) => {
      const total = 20;
      let generalizing = 0;
      for (let s = 0; s < total; s++) if (rng.next() < pr(ratio)) generalizing += 1;
      return { ratio, generalizing, total };
    }),
  };
}

/** Euler-integrated Eq. 10 trajectories from a grid of initial conditions. */
export function reponData(): ReponPortraitData {
  const etaX = 1;
  const etaA = 1;
  const starts = [
    [0.4, 1.2],
    [0.8, 1.2],
    [1.2, 1.2],
    [1.6, 1.2],
    [1.6, 0.6],
    [1.6, 0.2],
    [-0.6, 1.2],
    [-1.6, 0.8],
  ];
  const trajectories: ReponTrajectory[] = starts.map(([a0, c0]) => {
    let a2 = a0;
    let c = c0;
    const points = [{ a2, c }];
    const dt = 0.01;
    for (let i = 1; i <= 1000; i++) {
      const da = -2 * etaA * c * c * a2;
      const dc = -etaX * a2 * a2 * c;
      a2 += dt * da;
      c += dt * dc;
      if (i % 10 === 0) points.push({ a2, c });
    }
    return { points };
  });
  return { etaX, etaA, trajectories };
}

/** 30 symbols in 3 classes drifting from a random cloud to 3 clusters. */
export function embeddingData(steps: readonly number[] = [0, 1000, 4000]): EmbeddingsData {
  const rng = Prng.fromSeed(5);
  const n = 30;
  const classes = Array.from({ length: n }, (_, i) => i % 3);
  const start = classes.map(() => [0.5 * rng.normal(), 0.5 * rng.normal()]);
  const target = classes.map((k) => {
    const angle = (2 * Math.PI * k) / 3;
    return [Math.cos(angle) + 0.05 * rng.normal(), Math.sin(angle) + 0.05 * rng.normal()];
  });
  const last = steps[steps.length - 1];
  return {
    classes,
    snapshots: steps.map((step) => {
      const t = last === 0 ? 1 : Math.sqrt(step / last);
      return { step, embeddings: start.map((s, i) => [s[0] + t * (target[i][0] - s[0]), s[1] + t * (target[i][1] - s[1])]) };
    }),
  };
}

/** A grokking run: train reaches 0.9 near step 1200, test near step 3400. */
export function traceData(): EvalRecord[] {
  const logistic = (x: number) => 1 / (1 + Math.exp(-x));
  return Array.from({ length: 51 }, (_, i) => {
    const step = i * 100;
    const trainAccuracy = 0.5 + 0.5 * logistic((step - 900) / 150);
    const testAccuracy = 0.5 + 0.48 * logistic((step - 3100) / 150);
    return {
      step,
      trainLoss: 0.7 * Math.exp(-step / 600) + 1e-3,
      trainAccuracy,
      testLoss: 0.7 * Math.exp(-step / 2500) + 0.02 + 0.3 * logistic((step - 1500) / 300) * logistic((3100 - step) / 300),
      testAccuracy,
    };
  });
}

/**
 * Boundary vs initialisation scale as the full init-scale-boundary figure measured it (mod 3,
 * fraction 0.75; three significant digits): Adam crosses at every σ, SGD only at σ 1, its other
 * cells generalize up to the last ratio where runs still fit (256).
 */
export function scaleBoundaryData(): ScaleBoundary[] {
  return [
    { optimizer: 'Adam', initScale: 0.25, measured: 80.6, interval: [64, 128], predicted: 2.42, reference: 4.58 },
    { optimizer: 'Adam', initScale: 0.5, measured: 11.3, interval: [8, 16], predicted: 0.708, reference: 1.01 },
    { optimizer: 'Adam', initScale: 1, measured: 4, interval: [2, 8], predicted: 0.241, reference: 0.182 },
    { optimizer: 'SGD', initScale: 0.25, measured: null, interval: null, predicted: 4.27, reference: 4.58, noCrossing: { edge: 256, side: 'above' } },
    { optimizer: 'SGD', initScale: 0.5, measured: null, interval: null, predicted: 1.06, reference: 1.01, noCrossing: { edge: 256, side: 'above' } },
    { optimizer: 'SGD', initScale: 1, measured: 90.5, interval: [64, 128], predicted: 0.253, reference: 0.182 },
  ];
}
