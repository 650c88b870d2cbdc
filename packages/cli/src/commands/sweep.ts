import { resolve } from 'node:path';
import { checkCapabilities, getBackend, sweepCells } from '@geneft/core';
import { chooseBackend, executeSweep, loadSweepFile, RunStore, type SweepProgress } from '@geneft/core/node';
import { numberFlag, parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION, PLUGIN_USAGE } from '../backends';
import { UsageError } from '../errors';
import { EXIT_INTERRUPTED, EXIT_OK, type CommandIO } from '../io';
import { reportInterrupted, warnStoreProblems } from '../storeNotes';
import { loadQueue, queueUrl, runQueuedSweepCommand, runShardCommand, runSweepStatusCommand, shardFlag, checkBrokerFlag } from './sweepQueue';

export const SWEEP_USAGE = `geneft sweep SWEEP [--workers N] [--store DIR] [--backend NAME] [--queue URL | --shard I/N] [--plugin M] [--json]
       geneft sweep status --queue URL [SWEEP] [--json]

  Runs every cell × seed of a sweep (*.sweep.json) not already in the store, coarse-to-fine.
  Each finished run is appended to DIR/runs.jsonl at once, so an interrupted sweep resumes
  where it stopped: run the same command again.
  --workers N    worker threads (default: every core; 1 runs in-process)
  --store DIR    run store directory (default: <sweep file without .sweep.json>.runs)
  --backend NAME default: the fastest available; a backend with a many-runs mode uses its own threads
  --queue URL    run on workers elsewhere (geneft worker --queue URL): enqueue the cells as blocks
                 on a Redis broker (redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS), wait,
                 and collect every run into the store here (docs/distributed.md)
  --shard I/N    run only shard I (0-based) of N, deterministic, no broker; join the shard
                 stores with geneft merge OUT STORE...
  --block-size K cells per block with --queue or --shard (default 64 for a many-runs backend, else 4)
  --json         print a JSON summary on stdout and nothing else
${PLUGIN_USAGE}

  geneft sweep status shows, from any machine, each queued sweep's cells done, phases and ETA;
  given SWEEP (with the --backend and --block-size it was enqueued with), only that sweep.`;

export async function runSweepCommand(args: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('sweep', args, {
    workers: { type: 'string' },
    store: { type: 'string' },
    backend: { type: 'string' },
    json: { type: 'boolean', default: false },
    queue: { type: 'string' },
    shard: { type: 'string' },
    'block-size': { type: 'string' },
    ...PLUGIN_OPTION,
  });
  if (positionals[0] === 'status') return sweepStatus(positionals.slice(1), values, io);
  // Every argument is checked before anything is read or created: a typo never leaves a store folder.
  if (values.queue !== undefined && values.shard !== undefined) throw new UsageError('sweep: --queue and --shard exclude each other');
  if (positionals.length !== 1) throw new UsageError(`sweep: expected one sweep file\n${SWEEP_USAGE}`);
  const file = resolve(io.cwd, positionals[0]);
  const workers = numberFlag('workers', values.workers, (x) => Number.isSafeInteger(x) && x >= 1, 'a positive integer');
  const blockSize = numberFlag('block-size', values['block-size'], (x) => Number.isSafeInteger(x) && x >= 1, 'a positive integer');
  const url = values.queue === undefined ? undefined : queueUrl(values.queue);
  const shard = values.shard === undefined ? undefined : shardFlag(values.shard);
  const backends = loadBackends(values.plugin, io.cwd);
  const spec = loadSweepFile(file);
  const { backend, notice } = await chooseBackend(values.backend);
  if (notice) io.stderr(`geneft: ${notice}\n`);
  for (const cell of sweepCells(spec)) checkCapabilities(backend, cell.config);
  const storeDir = resolve(io.cwd, values.store ?? file.replace(/(\.sweep)?\.json$/, '') + '.runs');
  if (url !== undefined) await checkBrokerFlag(url);
  const store = RunStore.open(storeDir);
  try {
    warnStoreProblems(store, io, true);
    if (url !== undefined || shard !== undefined) {
      const job = { file, spec, store, storeDir, backend: backend.name, batched: Boolean(backend.capabilities.batchedRuns), setupModules: backends.setupModules, workers, blockSize, json: values.json };
      return url !== undefined ? await runQueuedSweepCommand(url, job, io, signal) : await runShardCommand(shard!, job, io, signal);
    }

    let lastDraw = 0;
    const draw = (p: SweepProgress, force = false) => {
      if (!io.isTTY || (!force && Date.now() - lastDraw < 200)) return;
      lastDraw = Date.now();
      const phases = Object.entries(p.phases).map(([k, v]) => `${k} ${v}`).join(', ');
      const eta = p.etaMs === null ? '' : ` ETA ${formatDuration(p.etaMs)}`;
      io.stderr(`\r\x1b[2K${p.done}/${p.total} runs${eta}  ${phases}`);
    };
    const progress = await executeSweep(spec, {
      store,
      backend: backend.name,
      workers,
      setupModules: backends.setupModules,
      signal,
      onProgress: draw,
    });
    if (io.isTTY) io.stderr('\r\x1b[2K');
    const summary = { store: storeDir, total: progress.total, done: progress.done, resumed: progress.resumed, phases: progress.phases, backend: backend.name, complete: progress.done === progress.total };
    if (values.json) io.stdout(`${JSON.stringify(summary)}\n`);
    else {
      io.stdout(`${progress.done}/${progress.total} runs in ${storeDir} (${progress.resumed} were already there)\n`);
      for (const [phase, count] of Object.entries(progress.phases)) io.stdout(`  ${phase.padEnd(14)} ${count}\n`);
    }
    if (signal?.aborted && progress.done < progress.total) {
      reportInterrupted(io, progress.done, progress.total, storeDir);
      return EXIT_INTERRUPTED;
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function sweepStatus(positionals: string[], values: { queue?: string; backend?: string; 'block-size'?: string; json?: boolean; plugin?: string[] }, io: CommandIO): Promise<number> {
  if (values.queue === undefined || positionals.length > 1) throw new UsageError(`sweep status: expected --queue URL and at most one sweep file\n${SWEEP_USAGE}`);
  const url = queueUrl(values.queue);
  await checkBrokerFlag(url);
  let id: string | undefined;
  if (positionals.length === 1) {
    // The same id the enqueuing command computed: same sweep, backend and block size.
    loadBackends(values.plugin, io.cwd);
    const spec = loadSweepFile(resolve(io.cwd, positionals[0]));
    const backend = await getBackend(values.backend);
    const q = loadQueue();
    const size = numberFlag('block-size', values['block-size'], (x) => Number.isSafeInteger(x) && x >= 1, 'a positive integer');
    id = q.sweepId(spec, backend.name, size ?? (backend.capabilities.batchedRuns ? q.DEFAULT_BATCHED_BLOCK : q.DEFAULT_PLAIN_BLOCK));
  }
  return runSweepStatusCommand(url, id, values.json ?? false, io);
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
