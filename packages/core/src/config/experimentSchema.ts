import { BUILTIN_DECODERS, getDecoder, listDecoders } from '../decoder/registry';
import type { Decoder } from '../decoder/types';
import type { JsonSchema } from './jsonSchema';

const int = (description: string, min: number, dflt?: number, max?: number): JsonSchema => ({
  type: 'integer',
  minimum: min,
  ...(max !== undefined ? { maximum: max } : {}),
  ...(dflt !== undefined ? { default: dflt } : {}),
  description,
});
const num = (description: string, bounds: Partial<JsonSchema>, dflt?: number): JsonSchema => ({
  type: 'number',
  ...bounds,
  ...(dflt !== undefined ? { default: dflt } : {}),
  description,
});

/** Largest n accepted by the schema; memory is checked separately against the model size. */
export const MAX_SYMBOLS = 4096;

const taskCommon: Record<string, JsonSchema> = {
  n: int('Number of symbols; the dataset is all n² ordered pairs.', 2, 30, MAX_SYMBOLS),
  trainFraction: num('Fraction of the n² pairs used for training.', { exclusiveMinimum: 0, maximum: 1 }, 0.75),
  splitSeed: int('Seed of the train/test split.', -(2 ** 53 - 1), 0),
};

const relationBranch = (relation: string, description: string, extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  description,
  properties: { relation: { const: relation, description }, ...extra, ...taskCommon },
  additionalProperties: false,
});

const edge: JsonSchema = { type: 'array', prefixItems: [int('x', 0), int('y', 0)], minItems: 2, maxItems: 2 };

export const taskSchema: JsonSchema = {
  description: 'The relation to learn and the train/test split.',
  discriminator: { propertyName: 'relation' },
  default: { relation: 'mod' },
  oneOf: [
    relationBranch('mod', 'Equivalence mod k: R(x, y) iff x ≡ y (mod k).', {
      k: int('Number of classes.', 2, 3),
    }),
    relationBranch('greater', 'Strict total order: R(x, y) iff x < y.'),
    relationBranch('bipartite', 'Complete bipartite K_{a,n−a}: R(x, y) iff exactly one of x, y is < a.', {
      a: int('Size of the set S = {0, …, a−1}.', 1, 10),
    }),
    relationBranch('graph', 'Any relation: an n×n 0/1 matrix, an edge list, or a JSON file holding either.', {
      matrix: { type: 'array', items: { type: 'array', items: { enum: [0, 1] } }, description: 'n×n 0/1 matrix, rows are x.' },
      edges: { type: 'array', items: edge, description: 'Ordered pairs [x, y] with R(x, y) = 1.' },
      file: { type: 'string', description: 'Path (relative to the experiment file) of a JSON matrix or {"n", "edges"}.' },
    }),
  ],
};

export const encoderSchema: JsonSchema = {
  type: 'object',
  description: 'The encoder: one trainable latent vector (repon) per symbol.',
  properties: {
    dim: int('Latent dimension d.', 1, 2, 1024),
    initScale: num(
      'Standard deviation σ of the N(0, σ²) initial latents (0.5: the cited reproduction\'s 0.5·randn; the learning-rate boundary moves about as 1/σ²).',
      { exclusiveMinimum: 0 },
      0.5,
    ),
  },
  additionalProperties: false,
  default: {},
};

/** The `decoder` block: one branch per decoder kind, each with the kind's own options. */
export function decoderSchema(kinds: readonly { kind: string; decoder: Decoder }[]): JsonSchema {
  return {
    description: 'The decoder: maps a pair of latents to one output (a logit for bce).',
    discriminator: { propertyName: 'kind' },
    default: { kind: 'mlp' },
    oneOf: kinds.map(({ kind, decoder }) => ({
      type: 'object',
      properties: { kind: { const: kind, description: decoder.description }, ...decoder.options },
      additionalProperties: false,
    })),
  };
}

export const dynamicsSchema: JsonSchema = {
  type: 'object',
  description: 'Gradient dynamics: optimizer, separate encoder/decoder rates, loss. Update rules match PyTorch.',
  properties: {
    optimizer: { enum: ['adam', 'adamw', 'sgd'], default: 'adam', description: 'torch.optim.Adam, AdamW or SGD.' },
    lrEncoder: num('Encoder learning rate η_x.', { minimum: 0 }, 1e-3),
    lrDecoder: num('Decoder learning rate η_A.', { minimum: 0 }, 1e-3),
    weightDecayEncoder: num('Encoder weight decay (L2 for adam/sgd, decoupled for adamw).', { minimum: 0 }, 0),
    weightDecayDecoder: num('Decoder weight decay.', { minimum: 0 }, 0),
    beta1: num('Adam β1.', { minimum: 0, exclusiveMaximum: 1 }, 0.9),
    beta2: num('Adam β2.', { minimum: 0, exclusiveMaximum: 1 }, 0.999),
    eps: num('Adam ε.', { exclusiveMinimum: 0 }, 1e-8),
    momentum: num('SGD momentum.', { minimum: 0, exclusiveMaximum: 1 }, 0),
    loss: { enum: ['bce', 'mse'], default: 'bce', description: 'BCE with logits, or MSE of the raw output against 0/1.' },
  },
  additionalProperties: false,
  default: {},
};

export const budgetSchema: JsonSchema = {
  type: 'object',
  description: 'Step budget, evaluation cadence and the phase criteria (science.md A1.3).',
  properties: {
    steps: int('Step budget B.', 1, 100000),
    evalEvery: int('Evaluate every this many steps.', 1, 100),
    threshold: num('Accuracy that counts as reached.', { exclusiveMinimum: 0, maximum: 1 }, 0.9),
    grokDelay: int('A test step this many steps after the train step or more is grokking.', 0, 1000),
    plateauWindow: int('Stop a memorizing run once its test accuracy has been flat for this many steps (0: never).', 0, 0),
    plateauMargin: num('A memorizing run stops on a plateau only while its test accuracy stays at least this far below the threshold.', { minimum: 0, maximum: 1 }, 0.05),
    // No default: an absent earlyStop (true) leaves the resolved config, and so its hash, as before.
    earlyStop: { type: 'boolean', description: 'false: train to the end of the budget even once the phase is settled (final accuracies at the budget). Absent: stop early.' },
  },
  additionalProperties: false,
  default: {},
};

/** The experiment schema with these decoder kinds. */
function experimentSchemaWith(decoder: JsonSchema): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://geneft.dev/schema/experiment.schema.json',
    title: 'GenEFT experiment',
    description: 'One training of an encoder/decoder on a relation: task, model, dynamics, budget and seed.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      description: { type: 'string', description: 'Free text; not part of the config hash.' },
      task: { ...taskSchema, default: { relation: 'mod' } },
      encoder: encoderSchema,
      decoder,
      dynamics: dynamicsSchema,
      budget: budgetSchema,
      seed: int('Seed of the initial parameters.', -(2 ** 53 - 1), 0),
    },
    additionalProperties: false,
  };
}

/** JSON Schema of `*.geneft.json` with core's decoder kinds (published as schema/experiment.schema.json for editors). */
export const experimentSchema: JsonSchema = experimentSchemaWith(decoderSchema(BUILTIN_DECODERS.map((kind) => ({ kind, decoder: getDecoder(kind) }))));

let cached: { key: readonly Decoder[]; schema: JsonSchema } | undefined;

/** The experiment schema with every decoder kind registered in this process (plugins' too): what input is validated against. */
export function registeredExperimentSchema(): JsonSchema {
  const kinds = listDecoders().map(({ kind }) => ({ kind, decoder: getDecoder(kind) }));
  const key = kinds.map((k) => k.decoder);
  if (!cached || cached.key.length !== key.length || cached.key.some((d, i) => d !== key[i])) {
    cached = { key, schema: experimentSchemaWith(decoderSchema(kinds)) };
  }
  return cached.schema;
}
