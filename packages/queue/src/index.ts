export { BLOCKS_QUEUE, SWEEPS_QUEUE, type BlockJobData, type BlockResult, type QueuedRun, type SweepJobData, type SweepSummary } from './names';
export { redisOptions, redactUrl, checkBroker, BrokerError, QueueUrlError, BROKER_TIMEOUT_MS } from './connection';
export { parseShard, shardOf, shardCells, type Shard } from './shard';
export { sweepId, flowId, DEFAULT_BATCHED_BLOCK, DEFAULT_PLAIN_BLOCK } from './blocks';
export { runQueuedSweep, type QueueSweepOptions, type QueueSweepResult } from './enqueue';
export { startSweepWorker, type SweepWorker, type SweepWorkerOptions, type WorkerEvent } from './worker';
export { queuedSweepStatus, type QueuedSweepStatus } from './status';
export { mergeStores, MergeInputError, type MergeConflict, type MergeReport } from './merge';
