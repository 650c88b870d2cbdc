#!/usr/bin/env node
// Steps per second on the canonical model (mod 3, n = 30, d = 2, concat, 3 × 50 tanh, BCE,
// Adam 1e-3/1e-3, p = 0.75), full batch, after a warm-up. Run after `npm run build`:
//   node scripts/bench.js [steps=300] [backends=wasm,tfjs-cpu,reference]
const { getBackend, initParams, makeDataset, resolveExperiment } = require('@geneft/core');
require('@geneft/backend-tfjs');
require('../dist/index.js');

async function main() {
  const steps = Number(process.argv[2] ?? 300);
  const names = (process.argv[3] ?? 'wasm,tfjs-cpu,reference').split(',');
  const config = resolveExperiment({
    task: { relation: 'mod', k: 3, n: 30, trainFraction: 0.75 },
    encoder: { dim: 2 },
    decoder: { kind: 'mlp', combine: 'concat', width: 50, depth: 3, activation: 'tanh' },
    dynamics: { optimizer: 'adam', lrEncoder: 1e-3, lrDecoder: 1e-3, loss: 'bce' },
  });
  const spec = { config, data: makeDataset(config.task), params: initParams(config) };
  const rates = {};
  for (const name of names) {
    const trainer = await (await getBackend(name)).createTrainer(spec);
    await trainer.step(10);
    const n = name === 'wasm' ? steps : Math.max(20, Math.round(steps / 10));
    const start = process.hrtime.bigint();
    const loss = await trainer.step(n);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    trainer.dispose();
    rates[name] = n / seconds;
    console.log(`${name.padEnd(10)} ${rates[name].toFixed(1).padStart(7)} steps/s  (${n} steps, loss ${loss.toFixed(4)})`);
  }
  if (rates.wasm && rates['tfjs-cpu']) console.log(`wasm / tfjs-cpu: ${(rates.wasm / rates['tfjs-cpu']).toFixed(1)}×`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
