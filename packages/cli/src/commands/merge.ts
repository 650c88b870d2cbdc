import { resolve } from 'node:path';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_OK, type CommandIO } from '../io';
import { loadQueue } from './sweepQueue';

export const MERGE_USAGE = `geneft merge OUT STORE... [--json]

  Joins run stores (the shards of geneft sweep --shard I/N) into OUT: each config hash once,
  traces copied. A config whose runs disagree (phase, steps, accuracies) is a conflict: the
  first run is kept, every conflict is listed, and the exit code is 1.
  --json   print a JSON report on stdout and nothing else`;

export async function runMergeCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('merge', args, { json: { type: 'boolean', default: false } });
  if (positionals.length < 2) throw new UsageError(`merge: expected OUT and at least one STORE\n${MERGE_USAGE}`);
  const [out, ...inputs] = positionals.map((p) => resolve(io.cwd, p));
  if (inputs.includes(out)) throw new UsageError('merge: OUT must not be one of the stores merged into it');
  const q = loadQueue();
  let report;
  try {
    report = q.mergeStores(out, inputs);
  } catch (error) {
    if (error instanceof q.MergeInputError) throw new UsageError(`merge: ${error.message}`);
    throw error;
  }
  if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
  else {
    io.stdout(`${report.total} runs in ${out}: ${report.added} added, ${report.duplicates} already there, ${report.conflicts.length} conflicts\n`);
    for (const c of report.conflicts) io.stderr(`geneft merge: conflict ${c.configHash}: ${c.fields.join(', ')} differ between ${c.kept} (kept) and ${c.other}\n`);
  }
  return report.conflicts.length > 0 ? EXIT_FAILURE : EXIT_OK;
}
