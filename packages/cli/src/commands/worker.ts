import { availableParallelism } from 'node:os';
import { getBackend } from '@geneft/core';
import { numberFlag, parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION, PLUGIN_USAGE } from '../backends';
import { UsageError } from '../errors';
import { EXIT_OK, type CommandIO } from '../io';
import { loadQueue, queueUrl } from './sweepQueue';

export const WORKER_USAGE = `geneft worker --queue URL [--workers N] [--lock-duration MS] [--stalled-interval MS] [--plugin M]

  Takes blocks of queued sweeps (geneft sweep SWEEP --queue URL) and runs them on this machine,
  until stopped (Ctrl-C or SIGTERM finish the blocks in hand; SIGKILL loses nothing: the blocks
  are retried by another worker once their lock expires). Run it on as many machines as you like.
  --queue URL            redis://[:PASSWORD@]HOST:PORT[/DB], or rediss:// for TLS
  --workers N            blocks run at once, one thread each (default: every core, or 1 when the
                         best backend here has a many-runs mode, which uses its own threads)
  --lock-duration MS     a block's lock lifetime (default 30000); a dead worker's block is
                         retried after at most this plus two stalled intervals
  --stalled-interval MS  how often to look for blocks of dead workers (default 30000)
  --json                 log one JSON object per event on stdout
${PLUGIN_USAGE}
  A worker needs the plugins of the sweeps it takes: give it the same --plugin list (or GENEFT_PLUGINS).`;

export async function runWorkerCommand(args: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('worker', args, {
    queue: { type: 'string' },
    workers: { type: 'string' },
    'lock-duration': { type: 'string' },
    'stalled-interval': { type: 'string' },
    json: { type: 'boolean', default: false },
    ...PLUGIN_OPTION,
  });
  if (positionals.length > 0 || values.queue === undefined) throw new UsageError(`worker: expected --queue URL and no other arguments\n${WORKER_USAGE}`);
  const url = queueUrl(values.queue);
  const positive = (x: number) => Number.isSafeInteger(x) && x >= 1;
  const workers = numberFlag('workers', values.workers, positive, 'a positive integer');
  const lockDuration = numberFlag('lock-duration', values['lock-duration'], (x) => positive(x) && x >= 100, 'milliseconds (≥ 100)');
  const stalledInterval = numberFlag('stalled-interval', values['stalled-interval'], (x) => positive(x) && x >= 100, 'milliseconds (≥ 100)');
  const backends = loadBackends(values.plugin, io.cwd);
  const q = loadQueue();
  await q.checkBroker(url);
  const log = (text: string, event: object) => (values.json ? io.stdout(`${JSON.stringify(event)}\n`) : io.stderr(`${text}\n`));
  const worker = q.startSweepWorker({
    url,
    // Blocks of a many-runs backend already use every core; by default one at a time then.
    concurrency: workers ?? ((await getBackend()).capabilities.batchedRuns ? 1 : Math.max(1, availableParallelism())),
    setupModules: backends.setupModules,
    lockDuration,
    stalledInterval,
    onEvent: (e) => {
      if (e.kind === 'started') log(`geneft worker: block ${e.jobId} started (${e.cells} cells)`, e);
      else if (e.kind === 'finished') log(`geneft worker: block ${e.jobId} finished (${e.cells} runs, ${e.ms} ms)`, e);
      else if (e.kind === 'failed') log(`geneft worker: block ${e.jobId} failed: ${e.error}`, e);
      else log(`geneft worker: sweep ${e.sweepId} complete (${e.cells} runs)`, e);
    },
  });
  await worker.ready();
  log(`geneft worker: listening on ${q.redactUrl(url)} (pid ${process.pid})`, { kind: 'ready', pid: process.pid });
  // SIGTERM is how Kubernetes and Slurm stop a worker: finish the blocks in hand, then exit.
  const stopped = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGTERM', () => resolve());
  });
  await stopped;
  log('geneft worker: stopping after the blocks in hand', { kind: 'stopping' });
  await worker.close();
  return EXIT_OK;
}
