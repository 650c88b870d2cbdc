import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkStore, repairStore, storeIsClean, type StoreReport } from '@geneft/core/node';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_OK, type CommandIO } from '../io';

export const STORE_USAGE = `geneft store check|repair STORE [--json]

  check   lists what is wrong with a run store: lines torn by a crash, invalid lines ({} or not
          JSON), repeated config hashes, lines naming paths outside the store's layout,
          missing traces, leftover temporary and orphaned files, a lock left by a dead process.
          Exit 0 when clean, 1 when something was found.
  repair  fixes all of that in place (under the store's lock): keeps the first valid line of
          each config hash, drops the rest, removes leftovers. The cells of dropped lines run
          again on the next geneft sweep.
  --json  print the report as JSON on stdout and nothing else`;

export async function runStoreCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('store', args, { json: { type: 'boolean', default: false } });
  const [action, dirArg, ...rest] = positionals;
  if ((action !== 'check' && action !== 'repair') || dirArg === undefined || rest.length > 0) throw new UsageError(`store: expected check or repair and one store\n${STORE_USAGE}`);
  const dir = resolve(io.cwd, dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`store: ${dir} is not a folder`);
  const report = action === 'check' ? checkStore(dir) : repairStore(dir);
  if (values.json) io.stdout(`${JSON.stringify({ action, clean: storeIsClean(report), ...report })}\n`);
  else io.stdout(describe(report, action));
  return action === 'check' && !storeIsClean(report) ? EXIT_FAILURE : EXIT_OK;
}

function describe(report: StoreReport, action: 'check' | 'repair'): string {
  const lines = [`${report.dir}: ${report.runs} runs`];
  const done = action === 'repair' ? ' (removed)' : '';
  for (const p of report.problems) lines.push(`  line ${p.line}: ${p.kind}: ${p.reason}${done}`);
  for (const h of report.missingTraces) lines.push(`  run ${h}: its trace file is missing${action === 'repair' ? ' (reference dropped)' : ''}`);
  for (const f of report.tempFiles) lines.push(`  ${f}: temporary file of a stopped writer${done}`);
  for (const f of report.orphanFiles) lines.push(`  ${f}: no run refers to it${done}`);
  if (report.staleLock !== null) lines.push(`  .lock: left by process ${report.staleLock}, which is gone${done}`);
  if (lines.length === 1) lines.push('  clean');
  return `${lines.join('\n')}\n`;
}
