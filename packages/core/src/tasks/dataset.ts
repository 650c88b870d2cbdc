import type { TaskConfig } from '../config/types';
import { Prng } from '../random/prng';
import { relationOf, type RelationMatrix } from './relations';

/**
 * The dataset of a task: all n² ordered pairs (x, y) with label R(x, y), split into train and
 * test. Pair p is (p / n | 0, p % n), so pair indices double as matrix indices.
 */
export interface Dataset {
  readonly n: number;
  readonly relation: RelationMatrix;
  /** 0/1 label per pair, length n². */
  readonly labels: Uint8Array;
  /** training pair indices, ascending. */
  readonly train: Int32Array;
  /** test pair indices, ascending; empty when trainFraction = 1. */
  readonly test: Int32Array;
}

/** Number of training pairs for a fraction p of N pairs: round(p·N), at least 1. */
export function trainSize(pairs: number, fraction: number): number {
  return Math.min(pairs, Math.max(1, Math.round(fraction * pairs)));
}

/**
 * Builds the dataset: a seeded Fisher–Yates shuffle of the n² pair indices (stream "split" of
 * `splitSeed`); the first round(p·n²) are the training set. Both index lists are sorted so that
 * every backend sums losses in the same order.
 */
export function makeDataset(task: TaskConfig): Dataset {
  const relation = relationOf(task);
  return splitDataset(relation, task.trainFraction, task.splitSeed);
}

export function splitDataset(relation: RelationMatrix, fraction: number, splitSeed: number): Dataset {
  const total = relation.n * relation.n;
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  Prng.fromSeed(splitSeed).split('split').shuffle(order);
  const m = trainSize(total, fraction);
  const train = order.slice(0, m).sort();
  const test = order.slice(m).sort();
  return { n: relation.n, relation, labels: relation.data, train, test };
}

