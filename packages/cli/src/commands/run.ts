import { resolve } from 'node:path';
import { checkCapabilities, paramsToJson, runExperiment, type RunResult } from '@geneft/core';
import { chooseBackend, loadExperimentFile, loadParamsFile, writeJsonFile } from '@geneft/core/node';
import { numberFlag, parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION, PLUGIN_USAGE } from '../backends';
import { UsageError } from '../errors';
import { EXIT_INTERRUPTED, EXIT_OK, type CommandIO } from '../io';
import { allowPathFlag, checkWritableTarget } from '../paths';
import { ProgressBar } from '../progress';

export const RUN_USAGE = `geneft run EXP [--backend NAME] [--steps K] [--init P] [--dump-params P] [--allow-path DIR] [--plugin M] [--json]

  Trains one experiment (*.geneft.json) and reports its phase.
  --backend NAME     reference, native, wasm, tfjs-wasm, tfjs-cpu … (default: the fastest available)
  --steps K          override the step budget
  --init P           start from params.json P instead of the seeded initialisation
  --dump-params P    write the final parameters to P (params.json layout)
  --allow-path DIR   a folder besides the experiment's and the working directory that a graph
                     "file" may be read from (repeatable)
  --json             print one JSON object on stdout and nothing else
${PLUGIN_USAGE}`;

/** The fields `--json` prints (DESIGN.md run store fields plus losses and timing). */
export function runSummary(result: RunResult) {
  return {
    phase: result.phase,
    stepTrain: result.stepTrain,
    stepTest: result.stepTest,
    trainAccuracy: result.trainAccuracy,
    testAccuracy: result.testAccuracy,
    trainLoss: result.trainLoss,
    testLoss: result.testLoss,
    steps: result.steps,
    budget: result.config.budget.steps,
    backend: result.backend,
    configHash: result.configHash,
    wallMs: result.wallMs,
    aborted: result.aborted,
  };
}

export async function runRunCommand(args: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    backend: { type: 'string' },
    steps: { type: 'string' },
    init: { type: 'string' },
    'dump-params': { type: 'string' },
    'allow-path': { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    ...PLUGIN_OPTION,
  });
  if (positionals.length !== 1) throw new UsageError(`run: expected one experiment file\n${RUN_USAGE}`);
  const file = resolve(io.cwd, positionals[0]);
  const steps = numberFlag('steps', values.steps, (x) => Number.isSafeInteger(x) && x >= 1, 'a positive integer');
  const dumpPath = values['dump-params'] ? resolve(io.cwd, values['dump-params']) : undefined;
  if (dumpPath) checkWritableTarget('--dump-params', dumpPath);

  // Everything is checked before training starts, so bad input never leaves a partial output.
  // Plugins first: they may register the decoder kind the file names.
  loadBackends(values.plugin, io.cwd);
  const loaded = loadExperimentFile(file, { cwd: io.cwd, allowPaths: allowPathFlag(values['allow-path'], io) });
  const config = steps === undefined ? loaded : { ...loaded, budget: { ...loaded.budget, steps } };
  const initParams = values.init ? loadParamsFile(resolve(io.cwd, values.init), config) : undefined;
  const { backend, notice } = await chooseBackend(values.backend);
  if (notice) io.stderr(`geneft: ${notice}\n`);
  checkCapabilities(backend, config);

  const bar = new ProgressBar(io, config.budget.steps, `${backend.name} `);
  const result = await runExperiment(config, {
    dynamics: backend,
    initParams,
    signal,
    onEval: (record) => bar.update(record),
  });
  bar.done();
  if (result.aborted) {
    io.stderr(`geneft: interrupted at step ${result.steps} of ${config.budget.steps}; nothing was written\n`);
    if (values.json) io.stdout(`${JSON.stringify(runSummary(result))}\n`);
    return EXIT_INTERRUPTED;
  }

  if (dumpPath) writeJsonFile(dumpPath, paramsToJson(result.finalParams));
  if (values.json) io.stdout(`${JSON.stringify(runSummary(result))}\n`);
  else io.stdout(humanSummary(result));
  return EXIT_OK;
}

function humanSummary(r: RunResult): string {
  const acc = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const reached = (step: number | null) => (step === null ? 'never' : `step ${step}`);
  const stop = r.aborted ? ' (interrupted)' : r.steps < r.config.budget.steps ? ' (stopped early: phase settled)' : '';
  return [
    `phase          ${r.phase}`,
    `train ≥ ${r.config.budget.threshold}     ${reached(r.stepTrain)}   final accuracy ${acc(r.trainAccuracy)}, loss ${r.trainLoss.toPrecision(4)}`,
    `test  ≥ ${r.config.budget.threshold}     ${reached(r.stepTest)}   final accuracy ${acc(r.testAccuracy)}, loss ${Number.isFinite(r.testLoss) ? r.testLoss.toPrecision(4) : 'n/a'}`,
    `steps          ${r.steps} of ${r.config.budget.steps}${stop}`,
    `backend        ${r.backend}, ${(r.wallMs / 1000).toFixed(1)} s, config ${r.configHash}`,
    '',
  ].join('\n');
}
