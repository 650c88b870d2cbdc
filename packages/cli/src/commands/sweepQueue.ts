import { basename } from 'node:path';
import type { SweepSpec } from '@geneft/core';
import { executeCells, type RunStore } from '@geneft/core/node';
import type { Shard } from '@geneft/queue';
import { UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, type CommandIO } from '../io';
import { reportInterrupted } from '../storeNotes';

/** @geneft/queue (and bullmq, ioredis) load only when a distributed option is used: `geneft run` starts fast. */
export function loadQueue(): typeof import('@geneft/queue') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, see above
  return require('@geneft/queue');
}

/** Checks that the broker answers (within 10 s, one line on failure) before anything is created or started. */
export async function checkBrokerFlag(url: string): Promise<void> {
  await loadQueue().checkBroker(url);
}

/** A bad --queue URL is a usage error (exit 2). */
export function queueUrl(url: string): string {
  try {
    loadQueue().redisOptions(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return url;
}

interface Summary {
  total: number;
  done: number;
  resumed: number;
  phases: Record<string, number>;
  etaMs: number | null;
}

export function progressLine(p: Summary): string {
  const phases = Object.entries(p.phases).map(([k, v]) => `${k} ${v}`).join(', ');
  const eta = p.etaMs === null ? '' : ` ETA ${formatDuration(p.etaMs)}`;
  return `${p.done}/${p.total} runs${eta}  ${phases}`;
}

function drawer(io: CommandIO) {
  let lastDraw = 0;
  return (p: Summary) => {
    if (!io.isTTY || Date.now() - lastDraw < 200) return;
    lastDraw = Date.now();
    io.stderr(`\r\x1b[2K${progressLine(p)}`);
  };
}

export interface DistributedSweep {
  file: string;
  spec: SweepSpec;
  store: RunStore;
  storeDir: string;
  backend: string;
  batched: boolean;
  setupModules: string[];
  workers?: number;
  blockSize?: number;
  json: boolean;
}

/** `geneft sweep SWEEP --queue URL`: enqueue the blocks, collect them into the local store. */
export async function runQueuedSweepCommand(url: string, s: DistributedSweep, io: CommandIO, signal?: AbortSignal): Promise<number> {
  const q = loadQueue();
  const blockSize = s.blockSize ?? (s.batched ? q.DEFAULT_BATCHED_BLOCK : q.DEFAULT_PLAIN_BLOCK);
  const draw = drawer(io);
  const result = await q.runQueuedSweep(s.spec, {
    url,
    store: s.store,
    backend: s.backend,
    blockSize,
    label: basename(s.file),
    signal,
    onProgress: draw,
    onRequeue: (e) => io.stderr(`${io.isTTY ? '\r\x1b[2K' : ''}geneft: flow ${e.flowId} vanished (${e.reason}); ${e.missing} missing cells enqueued again\n`),
  });
  if (io.isTTY) io.stderr('\r\x1b[2K');
  const summary = { store: s.storeDir, queue: q.redactUrl(url), sweepId: result.sweepId, blocks: result.blocks, total: result.total, done: result.done, resumed: result.resumed, phases: result.phases, backend: s.backend, requeued: result.requeued, complete: result.complete };
  if (s.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else {
    io.stdout(`${result.done}/${result.total} runs in ${s.storeDir} (${result.resumed} were already there; sweep ${result.sweepId}, ${result.blocks} blocks)\n`);
    if (result.aborted) io.stdout('  stopped waiting; the blocks keep running on the workers: run the same command again to collect them\n');
    for (const [phase, count] of Object.entries(result.phases)) io.stdout(`  ${phase.padEnd(14)} ${count}\n`);
  }
  if (result.aborted) {
    reportInterrupted(io, result.done, result.total, s.storeDir);
    return EXIT_INTERRUPTED;
  }
  if (!result.complete) {
    io.stderr(`geneft: queued sweep ended incomplete: ${result.done}/${result.total} runs in ${s.storeDir}; run the same command again\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}

/** A --shard value, checked (a usage error, exit 2, before anything is created). */
export function shardFlag(text: string): Shard {
  const shard = loadQueue().parseShard(text);
  if (!shard) throw new UsageError(`--shard: expected I/N with 0 ≤ I < N (0-based, as JOB_COMPLETION_INDEX), got ${JSON.stringify(text)}`);
  return shard;
}

/** `geneft sweep SWEEP --shard I/N`: one deterministic shard, no broker. */
export async function runShardCommand(shard: Shard, s: DistributedSweep, io: CommandIO, signal?: AbortSignal): Promise<number> {
  const q = loadQueue();
  const cells = q.shardCells(s.spec, shard);
  const progress = await executeCells(cells, {
    store: s.store,
    backend: s.backend,
    workers: s.workers,
    setupModules: s.setupModules,
    blockSize: s.blockSize,
    signal,
    onProgress: drawer(io),
  });
  if (io.isTTY) io.stderr('\r\x1b[2K');
  const summary = { store: s.storeDir, shard: `${shard.index}/${shard.count}`, total: progress.total, done: progress.done, resumed: progress.resumed, phases: progress.phases, backend: s.backend };
  if (s.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else {
    io.stdout(`shard ${shard.index}/${shard.count}: ${progress.done}/${progress.total} runs in ${s.storeDir} (${progress.resumed} were already there)\n`);
    for (const [phase, count] of Object.entries(progress.phases)) io.stdout(`  ${phase.padEnd(14)} ${count}\n`);
  }
  if (signal?.aborted && progress.done < progress.total) {
    reportInterrupted(io, progress.done, progress.total, s.storeDir);
    return EXIT_INTERRUPTED;
  }
  return EXIT_OK;
}

/** `geneft sweep status --queue URL [SWEEP]`. */
export async function runSweepStatusCommand(url: string, id: string | undefined, json: boolean, io: CommandIO): Promise<number> {
  const q = loadQueue();
  const sweeps = await q.queuedSweepStatus(url, id);
  if (json) {
    io.stdout(`${JSON.stringify({ queue: q.redactUrl(url), sweeps })}\n`);
    return EXIT_OK;
  }
  if (sweeps.length === 0) io.stdout(id ? `no queued sweep ${id} on ${q.redactUrl(url)}\n` : `no queued sweeps on ${q.redactUrl(url)}\n`);
  for (const s of sweeps) {
    const eta = s.etaMs === null ? '' : `, ETA ${formatDuration(s.etaMs)}`;
    io.stdout(`${s.sweepId}  ${s.label}  ${s.state}: ${s.done}/${s.queued} cells, ${s.blocksDone}/${s.blocks} blocks${s.blocksFailed ? ` (${s.blocksFailed} failed)` : ''}${eta}\n`);
    for (const [phase, count] of Object.entries(s.phases)) io.stdout(`  ${phase.padEnd(14)} ${count}\n`);
    if (s.failedReason) io.stdout(`  failed: ${s.failedReason}\n`);
  }
  return EXIT_OK;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
