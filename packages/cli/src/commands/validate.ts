import { resolve } from 'node:path';
import { experimentHash } from '@geneft/core';
import { loadExperimentFile, loadParamsFile } from '@geneft/core/node';
import { parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION, PLUGIN_USAGE } from '../backends';
import { UsageError } from '../errors';
import { EXIT_OK, type CommandIO } from '../io';
import { allowPathFlag } from '../paths';

export const VALIDATE_USAGE = `geneft validate EXP... [--params P] [--allow-path DIR] [--plugin M] [--json]

  Checks experiment files (and optionally a params.json against the first one's model).
  Prints the resolved config (every default filled) with --json.
${PLUGIN_USAGE}`;

export async function runValidateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    params: { type: 'string' },
    'allow-path': { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    ...PLUGIN_OPTION,
  });
  if (positionals.length === 0) throw new UsageError(`validate: expected at least one experiment file\n${VALIDATE_USAGE}`);
  loadBackends(values.plugin, io.cwd); // a plugin's decoder kinds validate only once it is loaded
  const allowPaths = allowPathFlag(values['allow-path'], io);
  const results = positionals.map((p) => {
    const config = loadExperimentFile(resolve(io.cwd, p), { cwd: io.cwd, allowPaths });
    return { file: p, configHash: experimentHash(config), config };
  });
  if (values.params) loadParamsFile(resolve(io.cwd, values.params), results[0].config);
  if (values.json) io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results)}\n`);
  else for (const r of results) io.stdout(`ok  ${r.file}  (config ${r.configHash})\n`);
  return EXIT_OK;
}
