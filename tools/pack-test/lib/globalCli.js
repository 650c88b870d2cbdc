// The command line as a user installs it: `npm i -g @geneft/cli` into a fresh prefix, then
// `geneft --help` and `geneft run` on an example experiment outside the workspace.
'use strict';
const { copyFileSync, mkdirSync } = require('node:fs');
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
  return { install, help, result: JSON.parse(runResult.stdout), backends: backends.stdout.trim() };
}

module.exports = { installAndRunCli };
