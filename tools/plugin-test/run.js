#!/usr/bin/env node
// The plugin test: the example plugins of examples/plugins/ tried as a user would — packed,
// installed outside the workspace beside their own copy of @geneft/core, tested with core's
// conformance kit under node:test, and loaded by a CLI installed in another folder, with
// --plugin, with GENEFT_PLUGINS, and in a sweep on worker threads. See README.md.
'use strict';
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installInto, pack } = require('./pack');

const started = Date.now();
let failures = 0;

/** Runs a named check; prints ok/FAIL with the time taken. */
function check(name, fn) {
  const t0 = Date.now();
  try {
    const note = fn();
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${note ? ` — ${note}` : ''}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n  ${String(error.message).split('\n').join('\n  ')}`);
  }
}

// realpath: macOS's /tmp is a link, and the CLI reports resolved paths.
const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'geneft-plugin-test-')));
const tarballs = path.join(work, 'tarballs');
const cliHome = path.join(work, 'cli'); // a CLI installed on its own, as `npm i -g` would
const project = path.join(work, 'project'); // the user's folder: plugins and experiments
for (const dir of [tarballs, cliHome, project]) mkdirSync(dir);
console.log(`plugin test in ${work}`);

const t = {};
check('pack core, the CLI and its dependencies, and the two example plugins', () => {
  for (const [key, dir] of Object.entries({
    core: 'packages/core',
    theory: 'packages/theory',
    viz: 'packages/viz',
    queue: 'packages/queue',
    cli: 'packages/cli',
    backend: 'examples/plugins/naive-backend',
    decoder: 'examples/plugins/bilinear-decoder',
  }))
    t[key] = pack(dir, tarballs);
  return Object.values(t).map((f) => path.basename(f)).join(', ');
});

check('install the CLI in one folder, the plugins with their own copy of core in another', () => {
  installInto(cliHome, [t.core, t.theory, t.viz, t.queue, t.cli]);
  installInto(project, [t.core, t.backend, t.decoder]);
  const theirs = require.resolve('@geneft/core', { paths: [path.join(project, 'node_modules', 'geneft-naive-backend')] });
  const cliCore = require.resolve('@geneft/core', { paths: [path.join(cliHome, 'node_modules', '@geneft', 'cli')] });
  assert.notEqual(theirs, cliCore, 'the plugin and the CLI resolve the same copy of core');
  return `plugin's core ${path.relative(work, theirs)}, CLI's ${path.relative(work, cliCore)}`;
});

/** node --test with the TAP reporter; the counts of its summary. */
function nodeTest(files) {
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], { cwd: project, encoding: 'utf8' });
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(r.stdout)?.[1]);
  const skipped = r.stdout.split('\n').filter((l) => /^\s*ok \d+ - .*# SKIP/.test(l));
  return { status: r.status, output: r.stdout + r.stderr, pass: count('pass'), fail: count('fail'), skip: count('skipped'), skipped };
}

check('the naive backend passes core’s conformance kit under node:test, its exclusions skipped', () => {
  const r = nodeTest(['node_modules/geneft-naive-backend/test/conformance.test.js']);
  assert.equal(r.status, 0, r.output.slice(-3000));
  assert.equal(r.fail, 0);
  assert.ok(r.pass >= 9, `only ${r.pass} passed`);
  assert.ok(r.skip >= 20, `only ${r.skip} skipped`);
  for (const what of ['combiner "diff"', 'activation "gelu"', 'decoder "ideal-distance"', 'batchedRuns']) {
    assert.ok(r.skipped.some((l) => l.includes(`(skipped: backend lacks ${what})`)), `no case skipped for ${what}`);
  }
  return `${r.pass} passed, ${r.skip} skipped`;
});

check('the bilinear decoder passes core’s decoder conformance kit under node:test', () => {
  const r = nodeTest(['node_modules/geneft-bilinear-decoder/test/conformance.test.js']);
  assert.equal(r.status, 0, r.output.slice(-3000));
  assert.equal(r.fail, 0);
  assert.ok(r.pass >= 10, `only ${r.pass} passed`);
  return `${r.pass} passed`;
});

const experiment = (decoder) => ({
  task: { relation: 'mod', k: 3, n: 12, trainFraction: 0.75 },
  encoder: { dim: 2 },
  decoder,
  dynamics: { lrEncoder: 1e-2, lrDecoder: 1e-2 },
  budget: { steps: 200, evalEvery: 50 },
});
const mlp = { kind: 'mlp', combine: 'concat', width: 8, depth: 1, activation: 'tanh' };
writeFileSync(path.join(project, 'mlp.geneft.json'), JSON.stringify(experiment(mlp)));
writeFileSync(path.join(project, 'bilinear.geneft.json'), JSON.stringify(experiment({ kind: 'bilinear', symmetric: true })));
writeFileSync(
  path.join(project, 'grid.sweep.json'),
  JSON.stringify({ base: experiment(mlp), axes: [{ path: 'dynamics.lrDecoder', values: [1e-3, 1e-2] }], seeds: [0, 1] }),
);
writeFileSync(
  path.join(project, 'decoders.sweep.json'),
  JSON.stringify({ base: experiment(mlp), axes: [{ path: 'decoder', values: [mlp, { kind: 'bilinear' }, { kind: 'bilinear', symmetric: true }] }], seeds: [0] }),
);

/** The installed CLI, run from the project folder. */
function geneft(args, env = {}) {
  const bin = path.join(cliHome, 'node_modules', '@geneft', 'cli', 'dist', 'bin.js');
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, GENEFT_PLUGINS: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const ok = (r) => assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);

check('geneft backends lists the plugin backend with its capabilities and module, and the plugin kind', () => {
  const r = geneft(['backends', '--json', '--plugin', 'geneft-naive-backend', '--plugin', 'geneft-bilinear-decoder']);
  ok(r);
  const { backends, decoders } = r.json();
  const naive = backends.find((b) => b.name === 'naive-js');
  assert.equal(naive?.module, 'geneft-naive-backend');
  assert.deepEqual(naive.capabilities.decoders, ['mlp']);
  assert.deepEqual(naive.capabilities.combines, ['concat']);
  assert.equal(decoders.find((d) => d.kind === 'bilinear')?.module, 'geneft-bilinear-decoder');
  assert.ok(backends.find((b) => b.name === 'reference').capabilities.decoders.includes('bilinear'));
  return backends.map((b) => `${b.name} (${b.module})`).join(', ');
});

check('geneft run --plugin trains on the plugin backend', () => {
  const r = geneft(['run', 'mlp.geneft.json', '--plugin', 'geneft-naive-backend', '--backend', 'naive-js', '--json']);
  ok(r);
  const run = r.json();
  assert.equal(run.backend, 'naive-js');
  assert.ok(run.steps > 0 && Number.isFinite(run.trainLoss));
  return `phase ${run.phase} after ${run.steps} steps`;
});

check('GENEFT_PLUGINS does the same as --plugin (a file path works too)', () => {
  const file = path.join('node_modules', 'geneft-naive-backend', 'index.js');
  const r = geneft(['run', 'mlp.geneft.json', '--backend', 'naive-js', '--json'], { GENEFT_PLUGINS: `./${file}` });
  ok(r);
  assert.equal(r.json().backend, 'naive-js');
});

check('a plugin decoder kind trains on the reference backend', () => {
  const r = geneft(['run', 'bilinear.geneft.json', '--backend', 'reference', '--json'], { GENEFT_PLUGINS: 'geneft-bilinear-decoder' });
  ok(r);
  assert.equal(r.json().backend, 'reference');
  return `phase ${r.json().phase}`;
});

check('a sweep on 2 worker threads loads the plugins there', () => {
  const grid = geneft(['sweep', 'grid.sweep.json', '--workers', '2', '--backend', 'naive-js', '--plugin', 'geneft-naive-backend', '--json']);
  ok(grid);
  assert.deepEqual([grid.json().done, grid.json().backend], [4, 'naive-js']);
  const kinds = geneft(['sweep', 'decoders.sweep.json', '--workers', '2', '--backend', 'reference', '--json'], { GENEFT_PLUGINS: 'geneft-bilinear-decoder' });
  ok(kinds);
  assert.equal(kinds.json().done, 3);
  return '4 naive-js runs, 3 runs over mlp and bilinear kinds';
});

check('refusals: exit 2 and one line naming the module, the capability or the kinds', () => {
  const missing = geneft(['run', 'mlp.geneft.json', '--plugin', 'geneft-no-such-plugin']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^geneft: plugin "geneft-no-such-plugin": not found from .*\n$/);
  const unsupported = geneft(['run', 'bilinear.geneft.json', '--backend', 'naive-js'], { GENEFT_PLUGINS: 'geneft-naive-backend,geneft-bilinear-decoder' });
  assert.equal(unsupported.status, 2);
  assert.equal(unsupported.stderr, 'geneft: backend "naive-js" does not support decoder "bilinear" (supported: mlp)\n');
  const unknownKind = geneft(['validate', 'bilinear.geneft.json']);
  assert.equal(unknownKind.status, 2);
  assert.match(unknownKind.stderr, /\$\.decoder\.kind: expected one of "mlp", "ideal-distance", "ideal-order", got "bilinear"\n$/);
});

if (failures === 0) rmSync(work, { recursive: true, force: true });
console.log(`${failures === 0 ? 'all passed' : `${failures} failed (left ${work})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failures === 0 ? 0 : 1);
