import { resolve } from 'node:path';
import { bipartiteRelation, GenEftInputError, greaterRelation, modRelation, type RelationMatrix } from '@geneft/core';
import { chooseBackend, loadExperimentFile, readJsonFile } from '@geneft/core/node';
import {
  completeBipartiteBits,
  criticalFraction,
  descriptionLength,
  edgeDensity,
  equivalenceBits,
  modClassSizes,
  predictPhaseBoundary,
  reponProbability,
  reponProbabilityMonteCarlo,
  reponRho,
  totalOrderBits,
} from '@geneft/theory';
import { numberFlag, parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION } from '../backends';
import { reportError, UsageError } from '../errors';
import { EXIT_OK, type CommandIO } from '../io';

export const THEORY_GRAPH_USAGE = `geneft theory graph FILE|--relation mod:K|greater|bipartite:A [--n N] [--alpha A] [--json]

  |Aut(G)| (exact), description length b = log2(n!/|Aut(G)|) and the balls-in-buckets critical
  training fraction p_c = ln(1 − α)/(n² ln(1 − 1/b)).
  FILE               JSON: an n×n 0/1 matrix, {"matrix": [[…]]} or {"n": N, "edges": [[x, y], …]}
  --relation R       a built-in relation instead: mod:K, greater or bipartite:A
  --n N              number of symbols for --relation (default 30)
  --alpha A          known-bit fraction defining p_c (default 0.9)
  --json             print one JSON object on stdout and nothing else`;

export const THEORY_REPONS_USAGE = `geneft theory repons --eta-encoder X --eta-decoder Y [--sigma-ratio R] [--samples N] [--seed S] [--json]

  Theorem 3: the probability p_r = (2/π)·arctan(ρ), ρ = (σ_a/σ_c)·√(η_enc/(2η_dec)), that two
  same-class repons collide (generalize), in closed form and by Monte Carlo over Gaussian
  initial conditions.
  --sigma-ratio R    σ_a/σ_c (default 1)
  --samples N        Monte Carlo samples (default 100000)
  --seed S           Monte Carlo seed (default 0)`;

export const THEORY_BOUNDARY_USAGE = `geneft theory boundary EXP [--seeds K] [--backend NAME] [--plugin M] [--json]

  The predicted memorization/generalization boundary η_dec/η_enc for an experiment's model at its
  η_enc, over K initialisations (default 8): the fit race, the decoder fitting the repons'
  arrangement against a repon passing its nearest neighbour, trained on the fastest backend (or
  NAME). Adam and AdamW time the repons by their speed bound √d·η_enc, SGD by test repons along the
  training. Also prints Theorem 3's σ_a (initial decoder Jacobian), σ_c and its ratios.`;

export const THEORY_USAGE = `geneft theory graph|repons|boundary …

${THEORY_GRAPH_USAGE}

${THEORY_REPONS_USAGE}

${THEORY_BOUNDARY_USAGE}`;

/** `geneft theory …`: args is everything after the word `theory`. Resolves to the exit code; never throws. */
export async function runTheoryCommand(args: string[], io: CommandIO): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    switch (sub) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${THEORY_USAGE}\n`);
        return EXIT_OK;
      case 'graph':
        if (wantsHelp) return help(io, THEORY_GRAPH_USAGE);
        return graphCommand(rest, io);
      case 'repons':
        if (wantsHelp) return help(io, THEORY_REPONS_USAGE);
        return reponsCommand(rest, io);
      case 'boundary':
        if (wantsHelp) return help(io, THEORY_BOUNDARY_USAGE);
        return await boundaryCommand(rest, io);
      default:
        throw new UsageError(`theory: unknown subcommand "${sub}"\n\n${THEORY_USAGE}`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function help(io: CommandIO, usage: string): number {
  io.stdout(`${usage}\n`);
  return EXIT_OK;
}

function graphCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs('theory graph', args, {
    relation: { type: 'string' },
    n: { type: 'string' },
    alpha: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const alpha = numberFlag('alpha', values.alpha, (x) => x > 0 && x < 1, 'a number in (0, 1)') ?? 0.9;
  if ((positionals.length === 1) === (values.relation !== undefined) || positionals.length > 1) {
    throw new UsageError(`theory graph: expected either one graph FILE or --relation\n${THEORY_GRAPH_USAGE}`);
  }
  let relation: RelationMatrix;
  let source: string;
  let pStar: number;
  let closedFormBits: number | undefined;
  if (values.relation !== undefined) {
    const n = numberFlag('n', values.n, (x) => Number.isSafeInteger(x) && x >= 2 && x <= 5000, 'an integer in [2, 5000]') ?? 30;
    ({ relation, pStar, closedFormBits } = builtInRelation(values.relation, n));
    source = values.relation;
  } else {
    if (values.n !== undefined) throw new UsageError('--n: applies to --relation only (a FILE gives its own n)');
    source = positionals[0];
    relation = readGraphFile(resolve(io.cwd, source));
    pStar = edgeDensity(relation);
  }

  const { n, automorphisms, bits } = descriptionLength(relation);
  const pairs = n * n;
  const result = {
    source,
    n,
    automorphisms: automorphisms.toString(),
    bits,
    bitsPerPair: bits / pairs,
    ...(closedFormBits !== undefined ? { closedFormBits } : {}),
    alpha,
    pc: criticalFraction(bits, pairs, alpha),
    pStar,
  };
  if (values.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  }
  const rows: [string, string][] = [
    ['graph', source],
    ['n', String(n)],
    ['|Aut(G)|', result.automorphisms],
    ['b = log2(n!/|Aut|)', `${bits.toFixed(2)} bits (${result.bitsPerPair.toFixed(4)} per pair)`],
    ...(closedFormBits !== undefined ? [['closed form', `${closedFormBits.toFixed(2)} bits`] as [string, string]] : []),
    [`p_c (α = ${alpha})`, result.pc.toFixed(4)],
    ['p*', pStar.toFixed(4)],
  ];
  io.stdout(table(rows));
  return EXIT_OK;
}

function builtInRelation(spec: string, n: number): { relation: RelationMatrix; pStar: number; closedFormBits: number } {
  const match = /^(mod|greater|bipartite)(?::(\d+))?$/.exec(spec.trim());
  const bad = () => new UsageError(`--relation: expected mod:K (2 ≤ K ≤ n), greater or bipartite:A (1 ≤ A < n), got ${JSON.stringify(spec)}`);
  if (!match) throw bad();
  const [, kind, arg] = match;
  const value = arg === undefined ? undefined : Number(arg);
  switch (kind) {
    case 'mod':
      if (value === undefined || value < 2 || value > n) throw bad();
      return { relation: modRelation(n, value), pStar: 1 / value, closedFormBits: equivalenceBits(modClassSizes(n, value)) };
    case 'bipartite':
      if (value === undefined || value < 1 || value >= n) throw bad();
      return { relation: bipartiteRelation(n, value), pStar: 1 / 2, closedFormBits: completeBipartiteBits(n, value) };
    default:
      if (value !== undefined) throw bad();
      return { relation: greaterRelation(n), pStar: 1 / 3, closedFormBits: totalOrderBits(n) };
  }
}

const GRAPH_SHAPE = 'an n×n 0/1 matrix, {"matrix": [[…]]} or {"n": …, "edges": [[x, y], …]}';
const MAX_GRAPH = 5000;

/** Reads and validates a graph file; problems become one-line GenEftInputErrors naming the JSON path. */
function readGraphFile(path: string): RelationMatrix {
  const raw = readJsonFile(path);
  const fail = (at: string, expected: string, actual?: unknown) => new GenEftInputError(at, expected, actual, path);
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const matrixAt = (m: unknown, at: string): RelationMatrix => {
    if (!Array.isArray(m) || m.length === 0) throw fail(at, 'a non-empty n×n array of 0/1 rows', m);
    const n = m.length;
    if (n > MAX_GRAPH) throw fail(at, `at most ${MAX_GRAPH} rows`, n);
    const data = new Uint8Array(n * n);
    m.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== n) throw fail(`${at}[${i}]`, `a row of ${n} entries (0 or 1)`, row);
      row.forEach((v: unknown, j) => {
        if (v !== 0 && v !== 1) throw fail(`${at}[${i}][${j}]`, '0 or 1', v);
        data[i * n + j] = v;
      });
    });
    return { n, data };
  };
  if (Array.isArray(raw)) return matrixAt(raw, '$');
  if (isObject(raw) && 'matrix' in raw) return matrixAt(raw.matrix, '$.matrix');
  if (isObject(raw) && 'edges' in raw) {
    const n = raw.n;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_GRAPH) throw fail('$.n', `an integer in [1, ${MAX_GRAPH}]`, n);
    if (!Array.isArray(raw.edges)) throw fail('$.edges', 'an array of [x, y] pairs', raw.edges);
    const data = new Uint8Array(n * n);
    raw.edges.forEach((e: unknown, k) => {
      const ok = Array.isArray(e) && e.length === 2 && e.every((v) => Number.isSafeInteger(v) && v >= 0 && v < n);
      if (!ok) throw fail(`$.edges[${k}]`, `[x, y] with 0 ≤ x, y < ${n}`, e);
      const [x, y] = e as [number, number];
      data[x * n + y] = 1;
    });
    return { n, data };
  }
  throw fail('$', GRAPH_SHAPE, raw);
}

function reponsCommand(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs('theory repons', args, {
    'eta-encoder': { type: 'string' },
    'eta-decoder': { type: 'string' },
    'sigma-ratio': { type: 'string' },
    samples: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`theory repons: unexpected argument ${JSON.stringify(positionals[0])}\n${THEORY_REPONS_USAGE}`);
  const positive = (x: number) => x > 0;
  const etaEncoder = numberFlag('eta-encoder', values['eta-encoder'], positive, 'a positive number');
  const etaDecoder = numberFlag('eta-decoder', values['eta-decoder'], positive, 'a positive number');
  if (etaEncoder === undefined || etaDecoder === undefined) {
    throw new UsageError(`theory repons: --eta-encoder and --eta-decoder are required\n${THEORY_REPONS_USAGE}`);
  }
  const sigmaRatio = numberFlag('sigma-ratio', values['sigma-ratio'], positive, 'a positive number') ?? 1;
  const samples = numberFlag('samples', values.samples, (x) => Number.isSafeInteger(x) && x >= 1 && x <= 1e8, 'an integer in [1, 1e8]') ?? 100_000;
  const seed = numberFlag('seed', values.seed, Number.isSafeInteger, 'an integer') ?? 0;

  const params = { etaEncoder, etaDecoder, sigmaA: sigmaRatio, sigmaC: 1 };
  const mc = reponProbabilityMonteCarlo(params, { samples, seed });
  const result = {
    etaEncoder,
    etaDecoder,
    ratio: etaDecoder / etaEncoder,
    sigmaRatio,
    rho: reponRho(params),
    pr: reponProbability(params),
    prMonteCarlo: mc.probability,
    prStdError: mc.stdError,
    samples,
    seed,
    criticalRatio: (sigmaRatio * sigmaRatio) / 2,
  };
  if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
  else {
    io.stdout(
      table([
        ['η_enc, η_dec', `${etaEncoder}, ${etaDecoder} (η_dec/η_enc = ${result.ratio.toPrecision(4)})`],
        ['σ_a/σ_c', String(sigmaRatio)],
        ['ρ', result.rho.toPrecision(6)],
        ['p_r (Theorem 3)', result.pr.toFixed(4)],
        ['p_r (Monte Carlo)', `${mc.probability.toFixed(4)} ± ${mc.stdError.toFixed(4)} (${samples} samples)`],
        ['η_dec/η_enc at p_r = ½', result.criticalRatio.toPrecision(4)],
      ]),
    );
  }
  return EXIT_OK;
}

async function boundaryCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('theory boundary', args, {
    seeds: { type: 'string' },
    backend: { type: 'string' },
    json: { type: 'boolean', default: false },
    ...PLUGIN_OPTION,
  });
  if (positionals.length !== 1) throw new UsageError(`theory boundary: expected one experiment file\n${THEORY_BOUNDARY_USAGE}`);
  const seeds = numberFlag('seeds', values.seeds, (x) => Number.isSafeInteger(x) && x >= 1 && x <= 1000, 'an integer in [1, 1000]') ?? 8;
  loadBackends(values.plugin, io.cwd);
  const config = loadExperimentFile(resolve(io.cwd, positionals[0]));
  const { backend, notice } = await chooseBackend(values.backend);
  if (notice) io.stderr(`geneft: ${notice}\n`);
  const ratio = config.dynamics.lrDecoder / config.dynamics.lrEncoder;
  // the race trains (minutes at a small η_enc): a progress line on a terminal
  const onProgress = io.isTTY ? (done: number, total: number) => io.stderr(`\rgeneft: fit race on ${backend.name}, step ${done} of ${total}${done === total ? '\n' : ''}`) : undefined;
  const b = await predictPhaseBoundary(config, { seeds, race: { backend, onProgress } });
  const result = {
    file: positionals[0],
    criticalRatio: b.criticalRatio,
    criticalRatioMultiOutput: b.criticalRatioMultiOutput,
    outputsPerRepon: b.outputsPerRepon,
    sigmaA: b.sigmaA,
    sigmaC: b.sigmaC,
    sigmaCEmpirical: b.sigmaCEmpirical,
    jacobianMean: b.jacobianMean,
    ratioAt: { '0.1': b.ratioFor(0.1), '0.25': b.ratioFor(0.25), '0.5': b.criticalRatio, '0.75': b.ratioFor(0.75), '0.9': b.ratioFor(0.9) },
    lrEncoder: config.dynamics.lrEncoder,
    lrDecoder: config.dynamics.lrDecoder,
    pr: b.probability(config.dynamics.lrEncoder, config.dynamics.lrDecoder),
    prMultiOutput: b.probabilityMultiOutput(config.dynamics.lrEncoder, config.dynamics.lrDecoder),
    optimizer: b.optimizer,
    form: b.form,
    rateFactor: b.rateFactor,
    adamWarmUpRatio: b.adamWarmUpRatio,
    gradientDescentRatio: b.gradientDescentRatio,
    predictedRatio: b.predictedRatio,
    predictedRatioAt: { '0.25': b.predictedRatioFor(0.25), '0.75': b.predictedRatioFor(0.75) },
    predictedFraction: b.predictedFraction(ratio),
    race: { backend: backend.name, travel: b.race.travel, travelSpeed: b.race.travelSpeed, seeds: b.race.seeds },
    kSgd: b.effective.kSgd,
    kAdam: b.effective.kAdam,
    encoderGradient: b.effective.encoderGradient,
    springShare: b.effective.springShare,
    seeds,
  };
  if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
  else {
    io.stdout(
      table([
        ['experiment', positionals[0]],
        ['σ_a (initial decoder Jacobian)', b.sigmaA.toPrecision(4)],
        ['σ_c (initScale/√2)', b.sigmaC.toPrecision(4)],
        ['η_dec/η_enc at p_r = ½ (Theorem 3)', b.criticalRatio.toPrecision(4)],
        [`η_dec/η_enc at p_r = ½ (M = ${b.outputsPerRepon} outputs)`, b.criticalRatioMultiOutput.toPrecision(4)],
        ['this config: η_dec/η_enc', (config.dynamics.lrDecoder / config.dynamics.lrEncoder).toPrecision(4)],
        ['this config: p_r (Theorem 3 / M outputs)', `${result.pr.toFixed(4)} / ${result.prMultiOutput.toFixed(4)}`],
        ['fit race: repons timed by', b.race.travel === 'adam-speed-bound' ? 'Adam\'s speed bound √d·η_enc' : 'test repons along the training (sgd)'],
        ['fit race: δ_NN per seed', b.race.seeds.map((r) => r.nearestNeighbour.toPrecision(3)).join(' ')],
        ...b.race.seeds.every((r) => r.travelSteps !== null) ? ([['fit race: T_travel = δ_NN/(√d·η_enc), steps', b.race.seeds.map((r) => r.travelSteps!.toFixed(0)).join(' ')]] as [string, string][]) : [],
        [`fit race: critical η_dec/η_enc per seed (${backend.name})`, b.race.seeds.map((r) => r.criticalRatio.toPrecision(3)).join(' ')],
        [`prediction (${b.form}, ${b.optimizer}): η_dec/η_enc where half generalize`, b.predictedRatio.toPrecision(4)],
        ['prediction: ¾ / ¼ generalize at', `${b.predictedRatioFor(0.75).toPrecision(3)} / ${b.predictedRatioFor(0.25).toPrecision(3)}`],
        ['prediction: fraction generalizing at this config', result.predictedFraction.toFixed(3)],
      ]),
    );
  }
  return EXIT_OK;
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join('');
}
