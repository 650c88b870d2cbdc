#!/usr/bin/env node
// npm's install step for @geneft/backend-native. It never fails the install:
// 1. a prebuilt binary for this platform (prebuilds/<platform>-<arch>/) that loads: done, no compiler runs;
// 2. otherwise, with python3, make and a C++ compiler on PATH: build from source (node-gyp);
// 3. otherwise (or if that build fails): one line saying GenEFT will use the `wasm` backend.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { missingTools, nodedirArgs, nodeGypBin } = require('./toolchain');

const root = path.resolve(__dirname, '..');
const where = `${process.platform}-${process.arch}`;

function loads() {
  try {
    require('node-gyp-build')(root);
    return true;
  } catch {
    return false;
  }
}

function build() {
  const gyp = nodeGypBin();
  if (!gyp) return false;
  const result = spawnSync(process.execPath, [gyp, 'rebuild', '--jobs', 'max', ...nodedirArgs()], { cwd: root, stdio: 'inherit' });
  return result.status === 0 && loads();
}

function main() {
  if (loads()) return;
  const missing = missingTools();
  if (missing.length === 0 && build()) return;
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}` : missing[0];
  const why = missing.length ? `no ${list} to build one` : 'building one from source failed (see above)';
  console.log(
    `@geneft/backend-native: no prebuilt binary for ${where} and ${why}; GenEFT will use the wasm backend ` +
      '(to build it later: npm rebuild @geneft/backend-native).',
  );
}

main();
