/**
 * "New Experiment" templates: the setups of Baek, Liu & Tegmark (2024), as experiment and sweep
 * files that validate against core's schemas. VS Code-free.
 */

export interface Template {
  id: string;
  label: string;
  detail: string;
  kind: 'experiment' | 'sweep';
  /** suggested file name (ends in .geneft.json or .sweep.json). */
  fileName: string;
  /** the JSON document, without `$schema` (VS Code's jsonValidation supplies the schema). */
  document: Record<string, unknown>;
}

const canonicalModel = {
  encoder: { dim: 2, initScale: 0.5 },
  decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
  dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, weightDecayEncoder: 0, weightDecayDecoder: 0, loss: 'bce' },
  budget: { steps: 100000, evalEvery: 100, threshold: 0.9, grokDelay: 1000 },
  seed: 0,
};

function experiment(task: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { task: { ...task, splitSeed: 0 }, ...structuredClone(canonicalModel), ...overrides };
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'canonical',
    label: 'Canonical: equivalence mod 3',
    detail: 'Table III: mod 3 on 30 symbols, 2-D repons, concat + 3×50 tanh MLP, BCE, Adam 1e-3/1e-3, 75% of pairs',
    kind: 'experiment',
    fileName: 'canonical.geneft.json',
    document: experiment({ relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }),
  },
  {
    id: 'mod5',
    label: 'Equivalence mod 5',
    detail: 'five classes of six symbols; otherwise canonical',
    kind: 'experiment',
    fileName: 'mod5.geneft.json',
    document: experiment({ relation: 'mod', k: 5, n: 30, trainFraction: 0.75 }),
  },
  {
    id: 'greater',
    label: 'Total order (greater-than)',
    detail: 'R(x, y) iff x < y; the repons line up',
    kind: 'experiment',
    fileName: 'greater.geneft.json',
    document: experiment({ relation: 'greater', n: 30, trainFraction: 0.75 }),
  },
  {
    id: 'bipartite',
    label: 'Complete bipartite K₁₀,₂₀',
    detail: 'R(x, y) iff exactly one of x, y is in {0..9}',
    kind: 'experiment',
    fileName: 'bipartite.geneft.json',
    document: experiment({ relation: 'bipartite', a: 10, n: 30, trainFraction: 0.75 }),
  },
  {
    id: 'low-data',
    label: 'Too little data: mod 3 at 10% of pairs',
    detail: 'below the critical fraction of the statics: should not generalize',
    kind: 'experiment',
    fileName: 'mod3-low-data.geneft.json',
    document: experiment({ relation: 'mod', k: 3, n: 30, trainFraction: 0.1 }, { budget: { steps: 20000, evalEvery: 100, threshold: 0.9, grokDelay: 1000 } }),
  },
  {
    id: 'ideal',
    label: 'Ideal decoder (distance threshold)',
    detail: 'the inductive-bias decoder for equivalences at 30% of pairs',
    kind: 'experiment',
    fileName: 'ideal-mod3.geneft.json',
    document: experiment({ relation: 'mod', k: 3, n: 30, trainFraction: 0.3 }, { encoder: { dim: 2, initScale: 0.1 }, decoder: { kind: 'ideal-distance', threshold: 0.1 } }),
  },
  {
    id: 'memorizing',
    label: 'Fast decoder: memorization',
    detail: 'η_dec = 100·η_enc, far past the repon theory’s boundary',
    kind: 'experiment',
    fileName: 'fast-decoder.geneft.json',
    document: experiment({ relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }, { dynamics: { ...canonicalModel.dynamics, lrEncoder: 1e-4, lrDecoder: 1e-2 } }),
  },
  {
    id: 'lr-sweep',
    label: 'Sweep: learning-rate phase diagram (Fig. 5)',
    detail: 'η_enc × η_dec on 5×5 log grids, mod 3, 3000-step budget',
    kind: 'sweep',
    fileName: 'lr-phase-diagram.sweep.json',
    document: {
      base: { task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 }, budget: { steps: 3000, evalEvery: 100, grokDelay: 1000 } },
      axes: [
        { path: 'dynamics.lrEncoder', log: [1e-4, 1e-2, 5] },
        { path: 'dynamics.lrDecoder', log: [1e-3, 1e-1, 5] },
      ],
      seeds: [0],
    },
  },
  {
    id: 'fraction-sweep',
    label: 'Sweep: accuracy against training fraction (Fig. 2)',
    detail: 'mod 3, train fraction 0.1…0.9, three seeds',
    kind: 'sweep',
    fileName: 'train-fraction.sweep.json',
    document: {
      base: { task: { relation: 'mod', k: 3, n: 30 }, budget: { steps: 5000, evalEvery: 100 } },
      axes: [{ path: 'task.trainFraction', lin: [0.1, 0.9, 9] }],
      seeds: [0, 1, 2],
    },
  },
];

/** The file text of a template: pretty JSON with a trailing newline. */
export function templateText(template: Template): string {
  return `${JSON.stringify(template.document, null, 2)}\n`;
}

/** A file name not in `taken`: canonical.geneft.json, canonical-2.geneft.json, … */
export function freeFileName(fileName: string, taken: ReadonlySet<string>): string {
  if (!taken.has(fileName)) return fileName;
  const m = /^(.*?)(\.geneft\.json|\.sweep\.json|\.json)$/.exec(fileName);
  const [stem, ext] = m ? [m[1], m[2]] : [fileName, ''];
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}
