#!/usr/bin/env node
// The pack test: every publishable package as npm would deliver it, tried the way a new user
// would (see README.md beside this file). Prints one line per check and "N passed, N failed".
'use strict';
const { mkdtempSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cleanEnv, pool, run } = require('./lib/exec');
const { ROOT, packPackage, publishablePackages } = require('./lib/packages');
const { startRegistry } = require('./lib/registry');
const { tarballProblems } = require('./lib/tarball');
const { installConsumer, runReadmeBlocks, typecheckConsumer } = require('./lib/consumer');
const { arm64Unavailable, bareToolPath, installWithoutToolchain, nativeAgainstReference, trainOnArm64, withoutPrebuilds } = require('./lib/native');
const { installAndRunCli, runWithoutNativeBinary } = require('./lib/globalCli');

const results = [];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** Runs one named check; a thrown error fails it. `fn` returns a short note, or a skip. */
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const note = await fn();
    const skipped = typeof note === 'object' && note?.skip;
    results.push({ name, ok: true, skipped });
    console.log(`${skipped ? 'skip' : 'ok  '} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${note ? ` — ${skipped ? note.skip : note}` : ''}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n  ${String(error.message).split('\n').join('\n  ')}`);
  }
}

/** Skips where a tool is missing locally; in CI (CI=true) a missing tool is a failure. */
function skipOrFail(reason) {
  if (process.env.CI === 'true') throw new Error(`${reason} (CI installs it: .ci/run)`);
  return { skip: reason };
}

/** Runs `task(pkg)` for every package once the workspace packages it depends on have finished. */
function inDependencyOrder(packages, task) {
  const done = new Map();
  const start = (pkg) => {
    if (!done.has(pkg.name)) {
      const { dependencies = {}, peerDependencies = {}, devDependencies = {}, optionalDependencies = {} } = pkg.manifest;
      const names = new Set(Object.keys({ ...dependencies, ...peerDependencies, ...devDependencies, ...optionalDependencies }));
      const before = packages.filter((other) => names.has(other.name));
      done.set(pkg.name, Promise.all(before.map(start)).then(() => task(pkg)));
    }
    return done.get(pkg.name);
  };
  return Promise.all(packages.map(start));
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'geneft-pack-test-'));
  const tarballs = path.join(work, 'tarballs');
  mkdirSync(tarballs);
  const packages = publishablePackages();
  const rootLicense = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  console.log(`pack test in ${work}: ${packages.map((p) => p.name).join(', ')}`);

  // 1. pack (prepack rebuilds each package from an empty dist/; the native one compiles its
  // prebuilds), each once the packages it builds against are packed, so no build reads a dist/
  // that another pack is emptying
  await inDependencyOrder(packages, (pkg) =>
    check(`pack ${pkg.name}`, async () => {
      const { tarball, files } = await packPackage(pkg, tarballs);
      pkg.tarball = tarball;
      const extracted = path.join(work, 'extracted', pkg.name);
      mkdirSync(extracted, { recursive: true });
      await run('tar', ['xzf', tarball, '-C', extracted], { cwd: work });
      const problems = tarballProblems(path.join(extracted, 'package'), pkg, rootLicense);
      if (problems.length) throw new Error(problems.join('\n'));
      return `${files.length} files`;
    }),
  );
  const packed = packages.filter((pkg) => pkg.tarball);
  const registry = await startRegistry(packed.map((pkg) => pkg.tarball));
  console.log(`[${elapsed()}] local registry for @geneft at ${registry.url}`);

  // 2. each package alone in an empty folder: install, README examples
  const native = packed.find((pkg) => pkg.name === '@geneft/backend-native');
  await pool(
    packed.map((pkg) => async () => {
      const dir = path.join(work, 'consumers', pkg.name.replace('/', '+'));
      let installed = false;
      await check(`install ${pkg.name} alone`, async () => {
        await installConsumer(dir, `${pkg.name}@${pkg.version}`, registry.url, { env: cleanEnv() });
        installed = true;
      });
      if (!installed) return;
      await check(`README examples of ${pkg.name}`, async () => {
        const ran = await runReadmeBlocks(pkg, dir, { env: cleanEnv() });
        return ran.length ? ran.join(', ') : { skip: 'no runnable block' };
      });
      if (pkg === native) {
        await check('linux-arm64 prebuild trains under qemu', async () => {
          const why = arm64Unavailable();
          if (why) return skipOrFail(why);
          const r = await trainOnArm64(dir);
          return `${r.arch}, kernels ${r.isa}, loss after 200 steps ${r.loss.toPrecision(6)} vs reference ${r.reference.toPrecision(6)} (relative ${r.relative.toExponential(1)})`;
        });
      }
    }),
    2,
  );

  // 3. types: every package's entries and TypeScript README blocks, from one consumer project
  await check('types of every entry under node16, bundler and node10, without the DOM lib', async () => {
    const dir = path.join(work, 'consumers', 'types');
    await installConsumer(dir, packed.map((pkg) => `${pkg.name}@${pkg.version}`), registry.url, { env: cleanEnv() });
    return typecheckConsumer(packed, dir);
  });

  // 4. the native backend where no compiler, make or python is on PATH
  if (native?.tarball) {
    const bareEnv = await bareToolPath(path.join(work, 'bare-bin'));
    await check('native installs with no toolchain and uses the prebuild', async () => {
      const dir = path.join(work, 'native-no-toolchain');
      const { install, built } = await installWithoutToolchain(dir, native.tarball, registry.url, bareEnv);
      if (built || /gyp/.test(install.output)) throw new Error(`a build ran:\n${install.output}`);
      const r = await nativeAgainstReference(dir, bareEnv);
      return `no build/ folder; trains with the ${r.isa} kernels (loss ${r.loss.toPrecision(6)} vs reference ${r.reference.toPrecision(6)})`;
    });
    await check('native without a matching prebuild or toolchain: install succeeds with one line', async () => {
      const dir = path.join(work, 'native-no-prebuild');
      const tarball = await withoutPrebuilds(native.tarball, work);
      const { install, built } = await installWithoutToolchain(dir, tarball, registry.url, bareEnv);
      const line = install.output.split('\n').find((l) => l.startsWith('@geneft/backend-native:'));
      if (built || !line || !/wasm/.test(line)) throw new Error(`expected the one-line notice and no build:\n${install.output}`);
      const load = await run(process.execPath, ['-e', "require('@geneft/backend-native').nativeBackend()"], { cwd: dir, env: bareEnv, allowFailure: true });
      if (load.code === 0 || !/npm rebuild @geneft\/backend-native/.test(load.output)) throw new Error(`loading should fail with the rebuild hint:\n${load.output}`);
      return line;
    });
  }

  // 5. the CLI installed globally
  const cli = packed.find((pkg) => pkg.name === '@geneft/cli');
  if (cli) {
    let installed;
    await check('npm i -g @geneft/cli; geneft --help; geneft run', async () => {
      installed = await installAndRunCli(work, cli.version, registry.url);
      const { help, result, backends } = installed;
      if (!/geneft run/.test(help.output)) throw new Error(`--help does not describe run:\n${help.output}`);
      if (result.phase !== 'comprehension') throw new Error(`canonical run ended in ${result.phase}`);
      return `phase ${result.phase} at step ${result.stepTest} on ${result.backend}; backends ${backends}`;
    });
    if (installed) {
      await check('geneft run with no native binary falls back to wasm', async () => {
        const { result, notice } = await runWithoutNativeBinary(installed);
        if (result.backend !== 'wasm' || result.phase !== 'comprehension') throw new Error(`ran on ${result.backend}, phase ${result.phase}`);
        if (notice.length !== 1 || !/using wasm/.test(notice[0])) throw new Error(`expected one line on stderr saying native is unavailable and wasm is used, got:\n${notice.join('\n')}`);
        return `phase ${result.phase} on ${result.backend}; stderr: ${notice[0]}`;
      });
    }
  }

  await registry.close();
  const failed = results.filter((r) => !r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  if (!failed && !process.env.GENEFT_PACK_TEST_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(`work folder kept: ${work}`);
  console.log(`pack test: ${elapsed()}`);
  console.log(`${results.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
