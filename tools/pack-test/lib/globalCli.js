// The command line as a user installs it: `npm i -g @geneft/cli` into a fresh prefix, then
// `geneft --help` and `geneft run` on an example experiment outside the workspace.
'use strict';
const { copyFileSync, existsSync, mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const { cleanEnv, run } = require('./exec');
const { installArgs } = require('./consumer');
const { ROOT } = require('./packages');

async function installAndRunCli(work, version, registry) {
  const prefix = path.join(work, 'global');
  const cwd = path.join(work, 'cli-user');
  mkdirSync(cwd, { recursive: true });
  const install = await run('npm', ['install', '-g', '--prefix', prefix, ...installArgs(registry), `@geneft/cli@${version}`], { cwd, timeoutMs: 240_000 });
  const env = cleanEnv({ PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` });
  const help = await run('geneft', ['--help'], { cwd, env });
  copyFileSync(path.join(ROOT, 'examples', 'canonical.geneft.json'), path.join(cwd, 'canonical.geneft.json'));
  const runResult = await run('geneft', ['run', 'canonical.geneft.json', '--json'], { cwd, env, timeoutMs: 120_000 });
  const backends = await run('geneft', ['backends', '--json'], { cwd, env });
  const names = JSON.parse(backends.stdout).backends.map((backend) => backend.name ?? backend);
  return { install, help, result: JSON.parse(runResult.stdout), backends: names.join(', '), prefix, cwd, env };
}

/**
 * The same install on a platform without a matching prebuild (its prebuilds/ removed): `geneft
 * run` must still work, on the next backend, and say so in one line on stderr.
 */
async function runWithoutNativeBinary({ prefix, cwd, env }) {
  const native = path.join(prefix, 'lib', 'node_modules', '@geneft', 'cli', 'node_modules', '@geneft', 'backend-native');
  if (!existsSync(native)) throw new Error(`@geneft/backend-native is not installed with the CLI (${native})`);
  rmSync(path.join(native, 'prebuilds'), { recursive: true, force: true });
  rmSync(path.join(native, 'build'), { recursive: true, force: true });
  const { stdout, output } = await run('geneft', ['run', 'canonical.geneft.json', '--json'], { cwd, env, timeoutMs: 120_000 });
  const stderr = output.replace(stdout, '').trim();
  return { result: JSON.parse(stdout), notice: stderr.split('\n').filter((line) => /native/i.test(line)) };
}

module.exports = { installAndRunCli, runWithoutNativeBinary };
