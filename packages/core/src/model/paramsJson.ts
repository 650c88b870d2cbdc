import { GenEftInputError } from '../errors';
import { isPlainObject } from '../config/jsonSchema';
import type { Layer, Params, ParamsShape } from './params';

/**
 * Reads a `params.json` document ({"embeddings": [n][d], "decoder": [{"weight": [out][in],
 * "bias": [out]}, …]}, PyTorch layout) and checks it against the model's shape. Every mismatch
 * is reported at its JSON path.
 */
export function paramsFromJson(json: unknown, shape: ParamsShape): Params {
  if (!isPlainObject(json)) throw new GenEftInputError('$', 'an object with "embeddings" and "decoder"', json);
  const embeddings = matrix(json.embeddings, shape.n, shape.dim, '$.embeddings');
  const decoder = json.decoder;
  if (!Array.isArray(decoder) || decoder.length !== shape.layers.length) {
    throw new GenEftInputError('$.decoder', `an array of ${shape.layers.length} layers`, Array.isArray(decoder) ? `${decoder.length} layers` : decoder);
  }
  const layers: Layer[] = shape.layers.map(([fanIn, out], l) => {
    const layer = decoder[l];
    const path = `$.decoder[${l}]`;
    if (!isPlainObject(layer)) throw new GenEftInputError(path, 'an object with "weight" and "bias"', layer);
    return {
      out,
      in: fanIn,
      weight: matrix(layer.weight, out, fanIn, `${path}.weight`),
      bias: vector(layer.bias, out, `${path}.bias`),
    };
  });
  return { n: shape.n, dim: shape.dim, embeddings, layers };
}

function matrix(value: unknown, rows: number, cols: number, path: string): Float64Array {
  if (!Array.isArray(value) || value.length !== rows) {
    throw new GenEftInputError(path, `${rows} rows`, Array.isArray(value) ? `${value.length} rows` : value);
  }
  const out = new Float64Array(rows * cols);
  value.forEach((row, r) => out.set(vector(row, cols, `${path}[${r}]`), r * cols));
  return out;
}

function vector(value: unknown, length: number, path: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length) {
    throw new GenEftInputError(path, `an array of ${length} numbers`, Array.isArray(value) ? `${value.length} entries` : value);
  }
  const out = new Float64Array(length);
  value.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new GenEftInputError(`${path}[${i}]`, 'a finite number', x);
    out[i] = x;
  });
  return out;
}
