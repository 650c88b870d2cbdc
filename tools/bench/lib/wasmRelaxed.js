'use strict';
// The relaxed-SIMD build of the `wasm` backend needs a runtime that validates relaxed SIMD:
// Node ≥ 22 (GENEFT_BENCH_NODE22=/path/to/node, e.g. after `npm i --prefix /tmp/node22 node@22`,
// /tmp/node22/node_modules/.bin/node), and Node 20 itself behind --experimental-wasm-relaxed-simd
// (V8 11.3 has the final opcodes behind that flag). Each is timed in a child process.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const CHILD = path.join(__dirname, 'wasmChild.js');

/** The runtimes to time the relaxed build on: [{ label, command, args }]. */
function relaxedRuntimes() {
  const runtimes = [{ label: `Node ${process.version} --experimental-wasm-relaxed-simd`, command: process.execPath, args: ['--experimental-wasm-relaxed-simd'] }];
  const node22 = process.env.GENEFT_BENCH_NODE22;
  if (node22) runtimes.unshift({ label: 'GENEFT_BENCH_NODE22', command: node22, args: [] });
  return runtimes;
}

/** A row for the table, or a note saying why there is none. */
function timeRelaxed(runtime, caseId, { reps, seconds }) {
  const r = spawnSync(runtime.command, [...runtime.args, CHILD, caseId, String(reps), String(seconds)], { encoding: 'utf8' });
  if (r.status !== 0) return { name: `wasm relaxed (${runtime.label})`, note: `skipped: ${(r.stderr || String(r.error)).split('\n')[0]}` };
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  if (out.isa !== 'relaxed-simd') return { name: `wasm relaxed (${runtime.label})`, note: `skipped: Node ${out.node} loaded ${out.isa}` };
  const flag = runtime.args.length ? ', flag' : '';
  return { name: `wasm (relaxed-simd, Node ${out.node}${flag})`, relaxed: true, ...out };
}

module.exports = { relaxedRuntimes, timeRelaxed };
