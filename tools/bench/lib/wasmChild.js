'use strict';
// Times the `wasm` backend on one case in another Node (a Node ≥ 22, or Node 20 with
// --experimental-wasm-relaxed-simd), where the relaxed-SIMD build loads. Run by lib/wasmRelaxed.js:
//   node [flags] lib/wasmChild.js CASE REPS SECONDS   → one JSON line on stdout
const path = require('node:path');
const { CASES, specOf } = require('./cases');
const { measure } = require('./stats');

async function main() {
  const [id, reps, seconds] = process.argv.slice(2);
  const root = path.join(__dirname, '..', '..', '..');
  const core = require(path.join(root, 'packages', 'core', 'dist'));
  const { wasmBackend } = require(path.join(root, 'packages', 'backends', 'wasm', 'dist'));
  const spec = specOf(core, CASES[id].experiment);
  const trainer = await (await wasmBackend({ isa: 'auto' })).createTrainer(spec);
  const firstLoss = await trainer.step(1);
  const result = await measure((k) => trainer.step(k), { reps: Number(reps), seconds: Number(seconds) });
  console.log(JSON.stringify({ isa: trainer.isa, node: process.version, firstLoss, ...result }));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
