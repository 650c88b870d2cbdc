import { ReponSystem } from './repon-system';

/**
 * One repon facing a rigid cluster of N same-class repons (science.md D5).
 *
 * Derivation (quadratic loss ½Σ|A x_i + b − y|² over the N + 1 repons, centroid x̄ at the
 * decoder's fixed point A x̄ + b = y, which the flow preserves when x̄ = 0): let s = x − x_c be
 * the separation between the lone repon x and the cluster position x_c. Then
 * x − x̄ = N s/(N+1), x_c − x̄ = −s/(N+1), and
 *   dA/dt = −η_A (N/(N+1)) A s sᵀ,
 *   dx/dt = −η_x (N/(N+1)) AᵀA s,   dx_c/dt = +η_x (1/(N+1)) AᵀA s  (every cluster member alike),
 * so ds/dt = −η_x AᵀA s. Along one axis (a = decoder weight, σ = separation):
 *   da/dt = −η_A (N/(N+1)) σ² a,   dσ/dt = −η_x a² σ,
 * which conserves C_N = (1 + 1/N)·a²/η_A − σ²/η_x. The repon joins the cluster iff C_N > 0, i.e.
 *   |σ|/|a| < √((1 + 1/N)·η_x/η_A),   or with the half-separation c = σ/2:
 *   |c|/|a| < √(η_x / ((4/(1 + 1/N))·η_A)).
 * The factor is 4/(1 + 1/N) = 4N/(N+1): 2 at N = 1 (Theorem 2) and → 4 for a large cluster. The
 * printed 4(1 + 1/N) gives 8 at N = 1 and is off by (1 + 1/N)² — most likely 4/(1 + 1/N)
 * misprinted. With a ~ N(0, σ_a²) and σ ~ N(0, σ_s²):
 *   p_r(N) = (2/π)·arctan((σ_a/σ_s)·√((1 + 1/N)·η_x/η_A)).
 */
export interface ClusterCaptureParams {
  /** N, the size of the rigid cluster (≥ 1). */
  clusterSize: number;
  etaEncoder: number;
  etaDecoder: number;
}

/** C_N = (1 + 1/N)·a²/η_A − σ²/η_x: > 0 iff the lone repon joins the cluster. */
export function clusterConservedQuantity(a: number, separation: number, p: ClusterCaptureParams): number {
  checkCluster(p);
  return ((1 + 1 / p.clusterSize) * a * a) / p.etaDecoder - (separation * separation) / p.etaEncoder;
}

/** The largest η_A/η_x for which the repon still joins: (1 + 1/N)·a²/σ². */
export function clusterCriticalRateRatio(a: number, separation: number, clusterSize: number): number {
  return ((1 + 1 / clusterSize) * a * a) / (separation * separation);
}

/** The same bound as the paper's Eq. 13 prints it (factor 4(1 + 1/N) on the half-separation): a²/((1 + 1/N)σ²). */
export function clusterCriticalRateRatioAsPrinted(a: number, separation: number, clusterSize: number): number {
  return (a * a) / ((1 + 1 / clusterSize) * separation * separation);
}

/** p_r(N) = (2/π)·arctan((σ_a/σ_s)·√((1 + 1/N)·η_x/η_A)), σ_s the spread of the initial separation. */
export function clusterCaptureProbability(p: ClusterCaptureParams & { sigmaA: number; sigmaSeparation: number }): number {
  checkCluster(p);
  return (2 / Math.PI) * Math.atan((p.sigmaA / p.sigmaSeparation) * Math.sqrt(((1 + 1 / p.clusterSize) * p.etaEncoder) / p.etaDecoder));
}

export interface ClusterSimulation {
  /** 'undecided' when neither happened by `tMax` (initial conditions very close to the separatrix, where decay is algebraic). */
  outcome: 'join' | 'memorize' | 'undecided';
  time: number;
  /** largest distance between two cluster members seen (0: the cluster stayed rigid). */
  clusterSpread: number;
}

/**
 * Simulates the full (N + 1)-repon matrix flow (`ReponSystem`, d = 1, one output, ½Σ loss) from
 * a lone repon at separation σ₀ from N coincident repons, centroid at the origin and b at the
 * fixed point, until the separation or the decoder weight falls to `tolerance` (default 1e-3)
 * of its start, or `tMax` (default 10⁵ over the fastest initial rate) passes.
 */
export function simulateClusterCapture(
  a0: number,
  separation0: number,
  p: ClusterCaptureParams,
  options: { tolerance?: number; tMax?: number } = {},
): ClusterSimulation {
  const tolerance = options.tolerance ?? 1e-3;
  checkCluster(p);
  const N = p.clusterSize;
  const n = N + 1;
  const x = new Float64Array(n);
  x[0] = (N * separation0) / n;
  for (let i = 1; i < n; i++) x[i] = -separation0 / n;
  const system = new ReponSystem(
    { n, dim: 1, outputs: 1, targets: new Float64Array(n), weights: new Float64Array(n).fill(1), etaEncoder: p.etaEncoder, etaDecoder: p.etaDecoder },
    { x, A: Float64Array.of(a0), b: Float64Array.of(0) },
  );
  let spread = 0;
  const rate = Math.max(p.etaDecoder * separation0 ** 2, p.etaEncoder * a0 ** 2);
  const time = system.flow(options.tMax ?? 1e5 / rate, {
    rtol: 1e-10,
    // b and the centroid stay 0 analytically; an absolute floor keeps their round-off from steering the step size.
    atol: 1e-13 * Math.max(Math.abs(a0), Math.abs(separation0)),
    initialStep: 1e-3 / rate,
    event: (s) => Math.min(Math.abs(s.x[0] - s.x[1]) - tolerance * Math.abs(separation0), Math.abs(s.A[0]) - tolerance * Math.abs(a0)),
    onStep: (_t, s) => {
      for (let i = 2; i < n; i++) spread = Math.max(spread, Math.abs(s.x[i] - s.x[1]));
    },
  });
  const { x: xf, A: af } = system.state;
  const joined = Math.abs(xf[0] - xf[1]) <= tolerance * Math.abs(separation0) * (1 + 1e-6);
  const died = Math.abs(af[0]) <= tolerance * Math.abs(a0) * (1 + 1e-6);
  return { outcome: joined ? 'join' : died ? 'memorize' : 'undecided', time, clusterSpread: spread };
}

function checkCluster(p: ClusterCaptureParams): void {
  if (!(Number.isSafeInteger(p.clusterSize) && p.clusterSize >= 1)) throw new RangeError(`cluster size must be a positive integer, got ${p.clusterSize}`);
  if (!(p.etaEncoder > 0 && p.etaDecoder > 0)) throw new RangeError('learning rates must be > 0');
}
