/** Colouring of symbols by class for the embeddings figure. VS Code-free. */
import type { ExperimentConfig } from './coreTypes';

/** The class of each symbol, for colouring the embeddings. */
export function classesOf(config: Pick<ExperimentConfig, 'task'>): number[] {
  const { task } = config;
  return Array.from({ length: task.n }, (_, i) => {
    if (task.relation === 'mod') return i % task.k;
    if (task.relation === 'bipartite') return i < task.a ? 0 : 1;
    if (task.relation === 'greater') return Math.floor((i * 5) / task.n);
    return 0;
  });
}
