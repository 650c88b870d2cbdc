import type { ExperimentConfig } from '../config/types';

/** One axis after expansion: a config path and the values it takes. */
export interface SweepAxis {
  path: string;
  values: unknown[];
}

export interface SweepSpec {
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
  /** 'fromSeed': each cell's task.splitSeed is set to its seed (after the axes). Absent: fixed. */
  splitSeeds?: 'fixed' | 'fromSeed';
}

/** One run of a sweep: a grid cell and a seed. */
export interface SweepCell {
  /** position in the expanded grid (row-major over the axes, then seeds). */
  index: number;
  /** index of each axis value. */
  coords: number[];
  seed: number;
  config: ExperimentConfig;
  configHash: string;
}
