import { experimentSchema, registeredExperimentSchema } from './experimentSchema';
import type { JsonSchema } from './jsonSchema';

const range = (description: string): JsonSchema => ({
  type: 'array',
  description,
  prefixItems: [{ type: 'number' }, { type: 'number' }, { type: 'integer', minimum: 1 }],
  minItems: 3,
  maxItems: 3,
});

export const axisSchema: JsonSchema = {
  type: 'object',
  description: 'One axis of the grid: a config path and its values (a list, or a log or linear range).',
  properties: {
    path: { type: 'string', description: 'Dotted config path, e.g. "dynamics.lrDecoder".' },
    values: { type: 'array', minItems: 1, description: 'Explicit values.' },
    log: range('[from, to, count]: count values evenly spaced in log scale, both ends included.'),
    lin: range('[from, to, count]: count values evenly spaced, both ends included.'),
  },
  required: ['path'],
  additionalProperties: false,
};

function sweepSchemaWith(experiment: JsonSchema): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://geneft.dev/schema/sweep.schema.json',
    title: 'GenEFT sweep',
    description: 'A base experiment, axes over any config path, and seeds: one run per grid cell and seed.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      description: { type: 'string' },
      base: { ...experiment, $schema: undefined, $id: undefined, title: undefined, default: {} },
      axes: { type: 'array', items: axisSchema, default: [], description: 'Grid axes; the grid is their product.' },
      seeds: { type: 'array', items: { type: 'integer' }, minItems: 1, default: [0], description: 'Model seeds run at every cell.' },
      // No default, so a sweep that does not use it resolves (and hashes) as before.
      splitSeeds: {
        enum: ['fixed', 'fromSeed'],
        description:
          '"fromSeed": each run\'s task.splitSeed is its seed, so repeats draw new train/test splits as well as new initialisations. "fixed" (or absent): every run keeps the base\'s (or an axis\') splitSeed.',
      },
    },
    additionalProperties: false,
  };
}

/** JSON Schema of `*.sweep.json` with core's decoder kinds (published for editors). */
export const sweepSchema: JsonSchema = sweepSchemaWith(experimentSchema);

/** The sweep schema with every registered decoder kind: what sweep files are validated against. */
export function registeredSweepSchema(): JsonSchema {
  return sweepSchemaWith(registeredExperimentSchema());
}
