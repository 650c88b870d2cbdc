import type { Layer, Params, ParamsShape } from './params';

/** Where one decoder layer lives in the packed vector. */
export interface LayerSlot {
  readonly in: number;
  readonly out: number;
  /** offset of the out × in weight (PyTorch layout, row-major). */
  readonly weight: number;
  /** offset of the out-long bias. */
  readonly bias: number;
}

/**
 * The packed parameter layout every engine shares: one vector
 * θ = [E (n × d, row-major) | W₀ | b₀ | W₁ | b₁ | …], weights out × in (PyTorch layout).
 * The native addon, the WebAssembly engine and the tfjs backends store θ in float32; the
 * conformance kit compares backends in float64 over the same order.
 */
export interface ParamLayout {
  readonly n: number;
  readonly dim: number;
  /** length of the encoder block, n·d: the decoder starts here. */
  readonly encoderSize: number;
  readonly layers: readonly LayerSlot[];
  /** total length of θ. */
  readonly size: number;
}

export function paramLayout(shape: ParamsShape): ParamLayout {
  const encoderSize = shape.n * shape.dim;
  let offset = encoderSize;
  const layers = shape.layers.map(([fanIn, out]) => {
    const slot = { in: fanIn, out, weight: offset, bias: offset + out * fanIn };
    offset = slot.bias + out;
    return slot;
  });
  return { n: shape.n, dim: shape.dim, encoderSize, layers, size: offset };
}

/** Length of θ for a shape. */
export function packedSize(shape: ParamsShape): number {
  return paramLayout(shape).size;
}

/**
 * Params → θ. Writes into `into` when given (a Float32Array rounds each value), else into a
 * new Float64Array. Call `checkParams` first when the params come from outside.
 */
export function packParams<T extends Float32Array | Float64Array = Float64Array>(params: Params, into?: T): T {
  const size = params.embeddings.length + params.layers.reduce((s, l) => s + l.weight.length + l.bias.length, 0);
  const out = into ?? (new Float64Array(size) as T);
  if (out.length !== size) throw new RangeError(`packParams: the parameters need ${size} numbers, the target holds ${out.length}`);
  out.set(params.embeddings, 0);
  let offset = params.embeddings.length;
  for (const l of params.layers) {
    out.set(l.weight, offset);
    offset += l.weight.length;
    out.set(l.bias, offset);
    offset += l.bias.length;
  }
  return out;
}

/** θ (any numeric array, e.g. a float32 engine's buffer) → Params in float64. */
export function unpackParams(packed: ArrayLike<number>, shape: ParamsShape): Params {
  const layout = paramLayout(shape);
  if (packed.length !== layout.size) throw new RangeError(`unpackParams: the shape needs ${layout.size} numbers, got ${packed.length}`);
  const take = (start: number, length: number) => {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = packed[start + i];
    return out;
  };
  const layers: Layer[] = layout.layers.map((s) => ({ in: s.in, out: s.out, weight: take(s.weight, s.out * s.in), bias: take(s.bias, s.out) }));
  return { n: shape.n, dim: shape.dim, embeddings: take(0, layout.encoderSize), layers };
}

/**
 * Throws unless `params` has the shape (a params.json written for another model, say); the
 * message starts with `owner` and names both shapes.
 */
export function checkParams(params: Params, shape: ParamsShape, owner = '@geneft/core'): void {
  const same =
    params.n === shape.n &&
    params.dim === shape.dim &&
    params.embeddings.length === shape.n * shape.dim &&
    params.layers.length === shape.layers.length &&
    params.layers.every((l, i) => l.in === shape.layers[i][0] && l.out === shape.layers[i][1] && l.weight.length === l.in * l.out && l.bias.length === l.out);
  if (same) return;
  const want = `n=${shape.n}, dim=${shape.dim}, layers ${JSON.stringify(shape.layers)}`;
  const got = `n=${params.n}, dim=${params.dim}, layers ${JSON.stringify(params.layers.map((l) => [l.in, l.out]))}`;
  throw new Error(`${owner}: parameters do not fit the model (expected ${want}; got ${got})`);
}
