#!/usr/bin/env node
// Benchmark of @geneft/theory's |Aut(G)| (individualization–refinement with orbit pruning).
//
//   npm run build -w @geneft/core -w @geneft/theory   # the benchmark runs the built dist
//   node tools/bench/theory/aut-bench.js [--runs 7] [--json]
//
// Prints, per graph, the median wall time of `runs` runs (after one warm-up) with min–max, the
// search-tree nodes and |Aut(G)|, and checks |Aut(G)| against the known order where there is one.
'use strict';
const path = require('node:path');
const { parseArgs } = require('node:util');

const theory = require(path.join(__dirname, '../../../packages/theory/dist/index.js'));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } } });
const runs = Math.max(5, Number(values.runs));

const fact = (n) => (n <= 1 ? 1n : BigInt(n) * fact(n - 1));
const relation = (n, pred) => {
  const data = new Uint8Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) data[x * n + y] = pred(x, y) ? 1 : 0;
  return { n, data };
};
let seed = 20240208;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

const cases = [
  ['mod 3 (n = 30)', relation(30, (x, y) => x % 3 === y % 3), fact(10) ** 3n * 6n, 10],
  ['mod 5 (n = 30)', relation(30, (x, y) => x % 5 === y % 5), fact(6) ** 5n * 120n, 10],
  ['greater (n = 30)', relation(30, (x, y) => x < y), 1n, 10],
  ['bipartite a = 10 (n = 30)', relation(30, (x, y) => x < 10 !== y < 10), fact(10) * fact(20), 10],
  ['random digraph p = ½ (n = 300)', theory.randomDigraph(300, 0.5, random), 1n, 1000],
  ['random graph p = 0.1 (n = 300)', theory.randomGraph(300, 0.1, random), undefined, 1000],
  ['Paley(281)', theory.paleyGraph(281), (281n * 280n) / 2n, 1000],
  ['Paley(289) = Paley(17²)', theory.paleyGraph(289), ((289n * 288n) / 2n) * 2n, 1000],
  ['hypercube Q_8 (n = 256)', theory.hypercubeGraph(8), 256n * fact(8), 1000],
  ['rook K_17 □ K_17 (n = 289)', theory.rookGraph(17), 2n * fact(17) ** 2n, 1000],
  ['30 × C_10 (n = 300)', theory.disjointUnion(theory.cycleGraph(10), 30), 20n ** 30n * fact(30), 1000],
  ['30 × Petersen (n = 300)', theory.disjointUnion(theory.petersenGraph(), 30), 120n ** 30n * fact(30), 1000],
  ['K_300', theory.completeGraph(300), fact(300), 1000],
  ['empty graph (n = 300)', { n: 300, data: new Uint8Array(300 * 300) }, fact(300), 1000],
  ['SRG: triangular T(24) (n = 276)', theory.triangularGraph(24), fact(24), undefined],
  ['SRG: Latin square Z_17 (n = 289)', theory.latinSquareGraph(17), 6n * 289n * 16n, undefined],
  ['SRG: Paley(197)', theory.paleyGraph(197), (197n * 196n) / 2n, undefined],
];

const rows = [];
for (const [name, g, expected, targetMs] of cases) {
  theory.automorphismGroup(g); // warm-up (JIT)
  const times = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    result = theory.automorphismGroup(g);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const ok = expected === undefined ? null : result.order === expected;
  rows.push({
    graph: name,
    n: g.n,
    medianMs: median,
    minMs: times[0],
    maxMs: times[times.length - 1],
    targetMs: targetMs ?? null,
    nodes: result.nodes,
    automorphisms: result.order.toString(),
    correct: ok,
  });
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ runs, node: process.version, rows })}\n`);
} else {
  const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  console.log(`|Aut(G)| benchmark: median of ${runs} runs (min–max), ${process.version}`);
  for (const r of rows) {
    const order = r.automorphisms.length > 24 ? `${r.automorphisms.slice(0, 8)}…(${r.automorphisms.length} digits)` : r.automorphisms;
    const check = r.correct === null ? '' : r.correct ? 'ok' : 'WRONG';
    const target = r.targetMs === null ? '' : r.medianMs < r.targetMs ? `< ${r.targetMs} ms` : `OVER ${r.targetMs} ms`;
    console.log(
      `${r.graph.padEnd(34)} ${fmt(r.medianMs).padStart(8)} ms  (${fmt(r.minMs)}–${fmt(r.maxMs)})  nodes ${String(r.nodes).padStart(6)}  ${target.padEnd(12)} ${check.padEnd(5)} |Aut| = ${order}`,
    );
  }
}
if (rows.some((r) => r.correct === false)) process.exitCode = 1;
