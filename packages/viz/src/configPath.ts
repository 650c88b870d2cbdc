/**
 * Accessors into an experiment config by dotted path ("dynamics.lrDecoder") or by a leaf name
 * ("lrDecoder"), so sweep axes, which are config paths, can be named the way a sweep file names them.
 */

/** A config path such as "dynamics.lrDecoder", a leaf name such as "lrDecoder", or a function of the run. */
export type RunAccessor<T> = string | ((run: T) => number);

const SECTIONS = ['dynamics', 'task', 'decoder', 'encoder', 'budget'] as const;

/** Readable axis labels for the config leaves that figures are usually drawn over. */
const LABELS: Readonly<Record<string, string>> = {
  'dynamics.lrEncoder': 'encoder learning rate η_enc',
  'dynamics.lrDecoder': 'decoder learning rate η_dec',
  'dynamics.weightDecayEncoder': 'encoder weight decay',
  'dynamics.weightDecayDecoder': 'decoder weight decay',
  'task.trainFraction': 'training fraction',
  'decoder.depth': 'decoder depth',
  'decoder.width': 'decoder width',
  'encoder.dim': 'latent dimension d',
  'encoder.initScale': 'initial embedding scale',
  seed: 'seed',
};

function get(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The full path a string accessor names in this config ("lrDecoder" → "dynamics.lrDecoder"), or null. */
export function resolvePath(config: unknown, path: string): string | null {
  const bare = path.startsWith('config.') ? path.slice('config.'.length) : path;
  if (get(config, bare) !== undefined) return bare;
  if (!bare.includes('.')) {
    for (const section of SECTIONS) if (get(config, `${section}.${bare}`) !== undefined) return `${section}.${bare}`;
  }
  return null;
}

/** A numeric accessor over runs `{config}`; throws, naming the path, when a run lacks the value. */
export function runAccessor<T extends { config: unknown }>(accessor: RunAccessor<T>, what: string): (run: T) => number {
  if (typeof accessor === 'function') return accessor;
  return (run) => {
    const full = resolvePath(run.config, accessor);
    const value = full === null ? undefined : get(run.config, full);
    if (typeof value !== 'number') {
      throw new Error(`@geneft/viz: ${what} "${accessor}" is not a number in a run's config (got ${JSON.stringify(value)})`);
    }
    return value;
  };
}

/** The axis label for a string accessor: a readable name for known leaves, else the path itself. */
export function pathLabel(accessor: RunAccessor<never>, sample: unknown): string | undefined {
  if (typeof accessor !== 'string') return undefined;
  const full = resolvePath(sample, accessor) ?? accessor;
  return LABELS[full] ?? full;
}
