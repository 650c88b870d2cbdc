#!/usr/bin/env node
// Packages the built extension with vsce:
//   node scripts/package.js                      → dist/geneft-vscode.vsix (every platform: wasm engine)
//   node scripts/package.js --target linux-x64   → dist/geneft-vscode-linux-x64.vsix (wasm + the native binary)
// A platform-specific package carries the native backend (backends/native/) only with a binary
// for that very platform: a prebuild for <target> (prebuilds/<target>/), or one built from source
// here when <target> is this machine's platform (build/Release).
// --out PATH overrides the output file.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const target = option('--target');
const here = `${process.platform}-${process.arch}`;

const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').trimEnd().split('\n');
if (target) {
  const native = join(root, 'backends', 'native');
  const prebuilt = join(native, 'prebuilds', target);
  if (existsSync(prebuilt) && readdirSync(prebuilt).some((f) => f.endsWith('.node'))) lines.push('!backends/native/dist/*.js', `!backends/native/prebuilds/${target}/*.node`);
  else if (target === here && existsSync(join(native, 'build', 'Release', 'geneft_native.node'))) lines.push('!backends/native/dist/*.js', '!backends/native/build/Release/geneft_native.node');
  else throw new Error(`package: no native binary for ${target} (built: ${here}); build it on ${target} or package without --target`);
}
const ignore = join(mkdtempSync(join(tmpdir(), 'geneft-vsce-')), '.vscodeignore');
writeFileSync(ignore, `${lines.join('\n')}\n`);
const out = option('--out') ?? join(root, 'dist', target ? `geneft-vscode-${target}.vsix` : 'geneft-vscode.vsix');
const vsce = require.resolve('@vscode/vsce/vsce', { paths: [root] });
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--ignoreFile', ignore, ...(target ? ['--target', target] : []), '--out', out], { cwd: root, stdio: 'inherit' });
console.log(`package: ${out}`);
