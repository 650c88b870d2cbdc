import type { Evaluation } from '../backend/types';
import type { LossName } from '../config/types';
import { lossAndGradient, predictsRelated } from '../dynamics/losses';
import type { Dataset } from '../tasks/dataset';

/**
 * Losses and accuracies from the decoder outputs of all n² pairs. Shared by every backend that
 * evaluates by reading outputs back, so "accuracy" means the same thing everywhere.
 */
export function evaluateOutputs(outputs: ArrayLike<number>, data: Dataset, loss: LossName): Evaluation {
  const [trainLoss, trainAccuracy] = lossAndAccuracy(outputs, data.train, data.labels, loss);
  const [testLoss, testAccuracy] = lossAndAccuracy(outputs, data.test, data.labels, loss);
  return { trainLoss, trainAccuracy, testLoss, testAccuracy };
}

function lossAndAccuracy(
  outputs: ArrayLike<number>,
  pairs: Int32Array,
  labels: Uint8Array,
  loss: LossName,
): [number, number] {
  if (pairs.length === 0) return [NaN, NaN];
  let total = 0;
  let correct = 0;
  for (const p of pairs) {
    const z = outputs[p];
    total += lossAndGradient(loss, z, labels[p])[0];
    if (predictsRelated(loss, z) === (labels[p] === 1)) correct++;
  }
  return [total / pairs.length, correct / pairs.length];
}
