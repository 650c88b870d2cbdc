import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendRegistrations, getBackend, listDecoders } from '@geneft/core';
import { parseCommandArgs } from './args';
import { loadBackends, PLUGIN_OPTION } from './backends';
import { reportError, UsageError } from './errors';
import { EXIT_OK, type CommandIO } from './io';
import { RUN_USAGE, runRunCommand } from './commands/run';
import { VALIDATE_USAGE, runValidateCommand } from './commands/validate';
import { SWEEP_USAGE, runSweepCommand } from './commands/sweep';
import { WORKER_USAGE, runWorkerCommand } from './commands/worker';
import { MERGE_USAGE, runMergeCommand } from './commands/merge';
import { STORE_USAGE, runStoreCommand } from './commands/store';

const USAGE = `geneft — the GenEFT effective theory of generalization, from the command line

Commands:
  ${RUN_USAGE.split('\n')[0]}
  ${VALIDATE_USAGE.split('\n')[0]}
  ${SWEEP_USAGE.split('\n')[0]}
  geneft sweep status --queue URL [SWEEP]  progress of queued sweeps, from any machine
  ${WORKER_USAGE.split('\n')[0]}
  ${MERGE_USAGE.split('\n')[0]}
  geneft report STORE [--out DIR]          a run store as an HTML report
  ${STORE_USAGE.split('\n')[0]}  find and fix torn lines, leftovers, stale locks
  geneft reproduce [--quick] [--out DIR] [--only NAME] … every figure of the paper as an HTML report
  geneft theory graph|repons|boundary …   statics and repon theory (geneft theory --help)
  geneft backends [--plugin M] [--json]   the backends and decoder kinds available here

geneft COMMAND --help shows a command's options. Exit codes: 0 ok, 1 failure, 2 bad input
(or a store another process is writing), 130 interrupted by Ctrl-C (finished runs are kept).`;

type Command = (args: string[], io: CommandIO, signal?: AbortSignal) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  run: { run: runRunCommand, usage: RUN_USAGE },
  validate: { run: runValidateCommand, usage: VALIDATE_USAGE },
  sweep: { run: runSweepCommand, usage: SWEEP_USAGE },
  worker: { run: runWorkerCommand, usage: WORKER_USAGE },
  merge: { run: (args, io) => runMergeCommand(args, io), usage: MERGE_USAGE },
  store: { run: (args, io) => runStoreCommand(args, io), usage: STORE_USAGE },
  report: {
    run: (args, io) => loadCommand<typeof import('./commands/report')>('report').runReportCommand(args, io),
    usage: 'geneft report STORE [--out DIR]',
  },
  reproduce: {
    run: (args, io, signal) => loadCommand<typeof import('./commands/reproduce')>('reproduce').runReproduceCommand(args, io, signal),
    usage: 'geneft reproduce --help',
  },
  // Loaded on demand: the theory code is not needed to start a run.
  theory: { run: (args, io) => loadCommand<typeof import('./commands/theory')>('theory').runTheoryCommand(args, io), usage: 'geneft theory graph|repons|boundary … (see geneft theory graph --help)' },
  backends: { run: backendsCommand, usage: 'geneft backends [--plugin MODULE]... [--json]' },
};

/** Runs the `geneft` command line; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${version()}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${USAGE}`);
    if (name !== 'theory' && name !== 'reproduce' && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(`${command.usage}\n`);
      return EXIT_OK;
    }
    return await command.run(rest, io, signal);
  } catch (error) {
    return reportError(error, io);
  }
}

async function backendsCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs('backends', args, { json: { type: 'boolean', default: false }, ...PLUGIN_OPTION });
  const report = loadBackends(values.plugin, io.cwd);
  const backends = await Promise.all(
    backendRegistrations().map(async (r) => {
      try {
        return { ...r, capabilities: (await getBackend(r.name)).capabilities };
      } catch (error) {
        return { ...r, error: (error as Error).message.split('\n')[0] };
      }
    }),
  );
  const decoders = listDecoders();
  if (values.json) {
    // Spread so getters (the reference's decoder list) are written as values.
    const json = backends.map((b) => ('capabilities' in b ? { ...b, capabilities: { ...b.capabilities } } : b));
    io.stdout(`${JSON.stringify({ backends: json, decoders, skipped: report.skipped })}\n`);
    return EXIT_OK;
  }
  io.stdout('backends (best first):\n');
  for (const b of backends) {
    io.stdout(`  ${b.name}  from ${b.module}, priority ${b.priority}\n`);
    if ('error' in b) {
      io.stdout(`      unavailable: ${b.error}\n`);
      continue;
    }
    const c = b.capabilities;
    io.stdout(`      ${c.precision}${c.batchedRuns ? ', many runs per call' : ''}${c.maxSymbols ? `, n ≤ ${c.maxSymbols}` : ''}\n`);
    io.stdout(`      decoders ${c.decoders.join(', ')}; optimizers ${c.optimizers.join(', ')}; losses ${c.losses.join(', ')}\n`);
    io.stdout(`      activations ${c.activations.join(', ')}; combiners ${c.combines.join(', ')}\n`);
  }
  io.stdout(`decoder kinds: ${decoders.map((d) => `${d.kind} (${d.module})`).join(', ')}\n`);
  for (const s of report.skipped) io.stdout(`not loaded: ${s.module} (${s.reason})\n`);
  return EXIT_OK;
}

/** Loads a heavy command (theory, figures) only when it is used, so `geneft run` starts fast. */
function loadCommand<T>(name: 'theory' | 'reproduce' | 'report'): T {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy loading, see above */
  if (name === 'theory') return require('./commands/theory');
  if (name === 'report') return require('./commands/report');
  return require('./commands/reproduce');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
