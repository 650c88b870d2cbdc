#!/usr/bin/env node
'use strict';
// Compiles the engine's portable C++ (packages/backends/native/csrc/core, the same sources as the
// Node addon's kernels) and csrc/exports.cc to two WebAssembly modules in wasm/:
//   geneft-simd128.wasm       SIMD128 (every runtime since Node 16.4 / Chromium 91)
//   geneft-relaxed-simd.wasm  SIMD128 + relaxed SIMD's fused multiply-add (Node ≥ 22, Chromium ≥ 114)
// with Debian's clang 14 + wasm-ld 14 (--target=wasm32-wasi, wasi-libc for malloc and libm).
//
// Without clang this prints why and exits 0, so `npm run build` works on a machine without the
// toolchain (the backend then reports the missing .wasm when asked for); with CI=true or
// GENEFT_WASM_REQUIRED=1 a missing toolchain is an error. Environment: GENEFT_CLANG (the clang++ to use), GENEFT_WASM_SYSROOT
// (default /usr: wasi-libc's include/wasm32-wasi and lib/wasm32-wasi), GENEFT_LLVM_OBJDUMP.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { patchRelaxedMadd } = require('./relaxed-opcodes');

const root = path.join(__dirname, '..');
const core = path.join(root, '..', 'native', 'csrc');
const out = path.join(root, 'wasm');
// CI=true (or GENEFT_WASM_REQUIRED=1, which .ci/run sets): a missing toolchain fails the build.
const ci = /^(1|true)$/i.test(process.env.CI ?? '') || process.env.GENEFT_WASM_REQUIRED === '1';

const VARIANTS = [
  { file: 'geneft-simd128.wasm', isa: 'simd128', flags: ['-msimd128'] },
  { file: 'geneft-relaxed-simd.wasm', isa: 'relaxed-simd', flags: ['-msimd128', '-mrelaxed-simd', '-DGENEFT_WASM_RELAXED_MADD'] },
];

const SOURCES = [path.join(core, 'core', 'isa_generic.cc'), path.join(core, 'core', 'plan.cc'), path.join(root, 'csrc', 'exports.cc')];

const FLAGS = [
  '--target=wasm32-wasi',
  `--sysroot=${process.env.GENEFT_WASM_SYSROOT ?? '/usr'}`,
  '-O3',
  '-std=c++17',
  '-fno-exceptions',
  '-fno-rtti',
  '-fno-math-errno',
  '-fno-trapping-math',
  '-Wall',
  '-Wextra',
  '-Werror',
  `-I${core}`,
  // A reactor without start files or a C++ library: the module imports nothing.
  '-nostartfiles',
  '-nostdlib++',
  '-Wl,--no-entry',
  // --strip-debug, not --strip-all: clang runs wasm-opt after linking when it is on PATH, and
  // wasm-opt reads the enabled features from the target_features section.
  '-Wl,--strip-debug',
  '-Wl,-z,stack-size=1048576',
];

function found(command, args = ['--version']) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** The clang++ to use, or undefined with the reason. */
function findClang() {
  const candidates = process.env.GENEFT_CLANG ? [process.env.GENEFT_CLANG] : ['clang++-14', 'clang++'];
  for (const c of candidates) {
    const version = found(c);
    if (!version) continue;
    const targets = found(c, ['-print-targets']) ?? '';
    if (!/wasm32/.test(targets)) continue;
    return { command: c, version: version.split('\n')[0] };
  }
  return undefined;
}

function findObjdump() {
  const candidates = process.env.GENEFT_LLVM_OBJDUMP ? [process.env.GENEFT_LLVM_OBJDUMP] : ['llvm-objdump-14', '/usr/lib/llvm-14/bin/llvm-objdump', 'llvm-objdump'];
  return candidates.find((c) => found(c));
}

function fail(message) {
  console.error(`@geneft/backend-wasm: ${message}`);
  process.exit(1);
}

function main() {
  const clang = findClang();
  const sysroot = process.env.GENEFT_WASM_SYSROOT ?? '/usr';
  const libc = path.join(sysroot, 'lib', 'wasm32-wasi', 'libc.a');
  const objdump = findObjdump();
  const missing = !clang ? 'clang++ with the wasm32 target (clang-14, lld-14)' : !fs.existsSync(libc) ? `wasi-libc (${libc})` : !objdump ? 'llvm-objdump (llvm-14)' : undefined;
  if (missing) {
    const how = 'apt-get install clang-14 lld-14 llvm-14 wasi-libc libclang-rt-14-dev-wasm32';
    if (ci) fail(`cannot build the .wasm modules: ${missing} not found (${how})`);
    console.warn(`@geneft/backend-wasm: skipped building the .wasm modules: ${missing} not found (${how}). The "wasm" backend will say it is not built.`);
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const v of VARIANTS) {
    const target = path.join(out, v.file);
    const args = [...FLAGS, ...v.flags, `-DGENEFT_ISA_NAME="${v.isa}"`, '-o', target, ...SOURCES];
    const r = spawnSync(clang.command, args, { encoding: 'utf8' });
    if (r.status !== 0) fail(`${clang.command} failed for ${v.file}:\n${r.stderr.slice(0, 4000)}`);
    if (v.isa === 'relaxed-simd') {
      const patched = patchRelaxedMadd(fs.readFileSync(target), objdump, target);
      fs.writeFileSync(target, patched.bytes);
      if (patched.count === 0) fail(`${v.file}: no fused multiply-add was emitted`);
    }
    console.log(`@geneft/backend-wasm: built wasm/${v.file} (${(fs.statSync(target).size / 1024).toFixed(0)} kB) with ${clang.version}`);
  }
}

main();
