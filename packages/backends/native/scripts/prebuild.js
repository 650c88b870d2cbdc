#!/usr/bin/env node
// Builds prebuilds/<platform>-<arch>/@geneft+backend-native.glibc.node with prebuildify (N-API,
// stripped) against this Node's headers, so no header download happens. `--arch arm64` on an
// x64 machine cross-compiles with Debian's g++-aarch64-linux-gnu; with `--if-toolchain` a
// missing cross compiler skips that prebuild with one line instead of failing.
// prebuildify rebuilds in build/; the developer's own build/ is put back afterwards.
'use strict';
const { existsSync, renameSync, rmSync } = require('node:fs');
const path = require('node:path');
const prebuildify = require('prebuildify');
const { nodedirArgs, onPath } = require('./toolchain');

const root = path.resolve(__dirname, '..');
const archArg = process.argv.indexOf('--arch');
const arch = archArg > 0 ? process.argv[archArg + 1] : process.arch;
const cross = arch !== process.arch;
const CROSS = { arm64: 'aarch64-linux-gnu' };

if (cross) {
  const prefix = CROSS[arch];
  if (!prefix || process.platform !== 'linux' || !onPath([`${prefix}-g++`])) {
    const line = `prebuild: no cross compiler for linux-${arch} (${prefix ? `${prefix}-g++` : 'none known'}); skipped`;
    if (process.argv.includes('--if-toolchain')) {
      console.log(line);
      process.exit(0);
    }
    console.error(line);
    process.exit(1);
  }
  Object.assign(process.env, {
    CC: `${prefix}-gcc`,
    CXX: `${prefix}-g++`,
    LINK: `${prefix}-g++`,
    AR: `${prefix}-ar`,
    PREBUILD_STRIP_BIN: `${prefix}-strip`,
  });
}
const nodedir = nodedirArgs()[0];
if (nodedir) process.env.npm_config_nodedir = nodedir.slice('--nodedir='.length);
if (!process.env.npm_config_jobs && !process.env.JOBS) process.env.JOBS = 'max';

const build = path.join(root, 'build');
const kept = path.join(root, 'build.kept-by-prebuild');
rmSync(kept, { recursive: true, force: true });
if (existsSync(build)) renameSync(build, kept);

prebuildify(
  {
    cwd: root,
    napi: true,
    strip: true,
    tagLibc: true,
    arch,
    // N-API: one binary serves every Node version; the version only picks the headers.
    targets: [{ runtime: 'node', target: process.versions.node }],
  },
  (error) => {
    rmSync(build, { recursive: true, force: true });
    if (existsSync(kept)) renameSync(kept, build);
    if (error) {
      console.error(`prebuild (${process.platform}-${arch}): ${error.message}`);
      process.exit(1);
    }
    console.log(`wrote prebuilds/${process.platform}-${arch}/@geneft+backend-native.glibc.node`);
  },
);
