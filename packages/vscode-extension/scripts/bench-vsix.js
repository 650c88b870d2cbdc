#!/usr/bin/env node
// Benchmark (not a test): the training speed of an INSTALLED .vsix on the canonical model.
//   node scripts/bench-vsix.js [path.vsix] [--steps N]
// Installs the .vsix (default dist/geneft-vscode-linux-x64.vsix) into a temporary extensions dir
// with code-server (tools/code-server), forks that installation's dist/runner.js exactly as the
// extension host does, runs examples/canonical.geneft.json (Table III) for N steps (default
// 20,000, early stop off through a budget-only copy), and prints the backend and steps/s.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const pkg = resolve(__dirname, '..');
const root = resolve(pkg, '..', '..');
const args = process.argv.slice(2);
const stepsAt = args.indexOf('--steps');
const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : 20_000;
const vsix = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--steps') ?? join(pkg, 'dist', 'geneft-vscode-linux-x64.vsix'));
const codeServer = process.env.GENEFT_CODE_SERVER || join(root, 'tools', 'code-server', 'node_modules', '.bin', 'code-server');

const tmp = mkdtempSync(join(tmpdir(), 'geneft-bench-vsix-'));
try {
  execFileSync(codeServer, ['--install-extension', vsix, '--extensions-dir', join(tmp, 'ext'), '--user-data-dir', join(tmp, 'user')], { stdio: 'pipe', env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg'), XDG_DATA_HOME: join(tmp, 'xdg') } });
  const installed = join(tmp, 'ext', readdirSync(join(tmp, 'ext')).find((d) => d.startsWith('geneft.geneft-vscode')));
  const { fork } = require('node:child_process');
  const canonical = JSON.parse(readFileSync(join(root, 'examples', 'canonical.geneft.json'), 'utf8'));
  delete canonical.$schema;
  delete canonical.description;
  // the canonical model; rates of 1e-7 keep the phase open (it settles in ~500 steps at 1e-3), so every step runs: a step costs the same at any rate
  const config = { ...canonical, dynamics: { ...canonical.dynamics, lrEncoder: 1e-7, lrDecoder: 1e-7 }, budget: { ...canonical.budget, steps, evalEvery: 500, threshold: 1 } };
  const child = fork(join(installed, 'dist', 'runner.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  let backend;
  let t0;
  let last;
  child.on('message', (m) => {
    if (m.type === 'ready') child.send({ type: 'run', id: 'bench', config, snapshotEvery: 1_000_000 });
    if (m.type === 'started') backend = m.backend;
    if (m.type === 'eval') {
      if (m.record.step === 0) t0 = performance.now();
      last = m;
    }
    if (m.type === 'finished' || m.type === 'failed' || m.type === 'inputError') {
      const seconds = (performance.now() - t0) / 1000;
      console.log(`bench-vsix: ${installed.split('/').pop()} backend ${backend}: ${last.record.step} steps of the canonical model in ${seconds.toFixed(2)} s = ${Math.round(last.record.step / seconds)} steps/s (runner's last window: ${Math.round(last.stepsPerSecond)} steps/s)${m.type !== 'finished' ? ` [${m.type}: ${m.message ?? m.error?.message}]` : ''}`);
      child.disconnect();
    }
  });
  child.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
} catch (error) {
  rmSync(tmp, { recursive: true, force: true });
  throw error;
}
