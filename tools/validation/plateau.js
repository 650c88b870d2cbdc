#!/usr/bin/env node
// Paper-scale check of the memorization plateau (core's `memorizationPlateau`): every run of a
// store that the plateau stopped before its budget is trained again to the full budget, and the
// two phases are compared. Usage (after `npx nx run-many -t build`):
//
//   node tools/validation/plateau.js STORE [--backend NAME] [--json FILE]
//
// STORE is a run store (e.g. geneft-report/runs after `geneft reproduce`). Exit status 0 when
// every rerun gives the stored phase, 1 when any differs, 2 on bad usage.
'use strict';
const { writeFileSync } = require('node:fs');
const { getBackend, runBatch } = require('../../packages/core/dist/index.js');
const { RunStore } = require('../../packages/core/dist/node.js');

for (const name of ['native', 'wasm', 'tfjs']) {
  try {
    require(`../../packages/backends/${name}/dist/register.js`);
  } catch {
    // optional backend not built: the best available one is used
  }
}

function parseArgs(argv) {
  const args = { store: null, backend: undefined, json: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--backend') args.backend = argv[++i];
    else if (argv[i] === '--json') args.json = argv[++i];
    else if (!args.store) args.store = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!args.store) throw new Error('usage: node tools/validation/plateau.js STORE [--backend NAME] [--json FILE]');
  return args;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const store = RunStore.open(args.store);
  const all = store.readAll();
  const stopped = all.filter((r) => r.phase === 'memorization' && r.steps < r.config.budget.steps);
  console.log(`${args.store}: ${all.length} runs, ${stopped.length} stopped early by the memorization plateau`);
  if (stopped.length === 0) return;
  const backend = await getBackend(args.backend);
  const started = Date.now();
  const rows = [];
  // Blocks must share evalEvery (runBatch's rule).
  const byEval = new Map();
  for (const r of stopped) byEval.set(r.config.budget.evalEvery, [...(byEval.get(r.config.budget.evalEvery) ?? []), r]);
  for (const group of byEval.values()) {
    const configs = group.map((r) => ({ ...r.config, budget: { ...r.config.budget, plateauWindow: 0 } }));
    await runBatch(configs, backend, {
      onResult: (i, full) => {
        const r = group[i];
        const row = {
          configHash: r.configHash,
          relation: r.config.task.relation,
          trainFraction: r.config.task.trainFraction,
          budget: r.config.budget.steps,
          lrEncoder: r.config.dynamics.lrEncoder,
          lrDecoder: r.config.dynamics.lrDecoder,
          seed: r.config.seed,
          stoppedAt: r.steps,
          testAtStop: r.testAccuracy,
          fullPhase: full.phase,
          fullStepTest: full.stepTest,
          fullTestAccuracy: full.testAccuracy,
          same: full.phase === r.phase,
        };
        rows.push(row);
        console.log(
          `${row.same ? 'same' : 'DIFFERS'}  ${row.relation} p=${row.trainFraction} η_enc ${row.lrEncoder.toPrecision(3)} η_dec ${row.lrDecoder.toPrecision(3)} seed ${row.seed}, budget ${row.budget}: ` +
            `stopped at ${row.stoppedAt} (test ${row.testAtStop.toFixed(3)}); full budget: ${row.fullPhase}` +
            `${row.fullStepTest === null ? '' : ` at ${row.fullStepTest}`} (test ${row.fullTestAccuracy.toFixed(3)})`,
        );
      },
    });
  }
  const differ = rows.filter((r) => !r.same).length;
  const saved = stopped.reduce((s, r) => s + (r.config.budget.steps - r.steps), 0);
  console.log(`${rows.length} reruns in ${((Date.now() - started) / 1000).toFixed(0)} s on ${backend.name}: ${differ} differ; the plateau saved ${saved} run-steps`);
  if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 1));
  if (differ > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
