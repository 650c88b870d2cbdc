import type { LossName } from '../config/types';

/**
 * Per-example loss and its derivative with respect to the decoder output z, label y ∈ {0, 1}.
 * bce is PyTorch's BCEWithLogitsLoss in its overflow-free form; mse is (z − y)².
 */
export function lossAndGradient(kind: LossName, z: number, y: number): [loss: number, dz: number] {
  if (kind === 'bce') {
    const loss = Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    return [loss, sigmoid(z) - y];
  }
  const r = z - y;
  return [r * r, 2 * r];
}

/** The class a decoder output predicts: related iff the logit is positive (bce) or the output exceeds ½ (mse). */
export function predictsRelated(kind: LossName, z: number): boolean {
  return kind === 'bce' ? z > 0 : z > 0.5;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
