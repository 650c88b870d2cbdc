/**
 * Model parameters in memory: float64, row-major, weights in PyTorch layout (out × in).
 * Every backend receives and returns this form; backends in float32 convert at the boundary.
 */
export interface Layer {
  readonly out: number;
  readonly in: number;
  /** out × in, row-major: weight[o * in + i]. */
  readonly weight: Float64Array;
  /** out. */
  readonly bias: Float64Array;
}

export interface Params {
  /** number of symbols. */
  readonly n: number;
  /** latent dimension d. */
  readonly dim: number;
  /** n × d, row-major: embeddings[x * dim + k]. */
  readonly embeddings: Float64Array;
  /** decoder layers in order; the last one has out = 1. */
  readonly layers: readonly Layer[];
}

/** The `params.json` file format of DESIGN.md. */
export interface ParamsJson {
  embeddings: number[][];
  decoder: { weight: number[][]; bias: number[] }[];
}

/** Shape of a model: what `params.json` must match. */
export interface ParamsShape {
  n: number;
  dim: number;
  /** [in, out] of each decoder layer. */
  layers: [number, number][];
}

export function shapeOf(params: Params): ParamsShape {
  return { n: params.n, dim: params.dim, layers: params.layers.map((l) => [l.in, l.out]) };
}

export function cloneParams(params: Params): Params {
  return {
    n: params.n,
    dim: params.dim,
    embeddings: params.embeddings.slice(),
    layers: params.layers.map((l) => ({ out: l.out, in: l.in, weight: l.weight.slice(), bias: l.bias.slice() })),
  };
}

export function paramsToJson(params: Params): ParamsJson {
  const rows = (data: Float64Array, r: number, c: number) =>
    Array.from({ length: r }, (_, i) => Array.from(data.subarray(i * c, (i + 1) * c)));
  return {
    embeddings: rows(params.embeddings, params.n, params.dim),
    decoder: params.layers.map((l) => ({ weight: rows(l.weight, l.out, l.in), bias: Array.from(l.bias) })),
  };
}

