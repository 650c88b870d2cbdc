'use strict';
// clang 14 emits relaxed SIMD's fused multiply-add with the proposal's first opcode (f32x4.fma,
// 0xfd 0xaf 0x01), which no shipping runtime accepts; the standard relaxed_madd is 0xfd 0x85 0x02
// (0x105), same length, and computes a·b + c from the same three stack operands (the engine
// passes them in that order, see vmadd in native/csrc/core/vecmath.inc). This rewrites exactly
// the instructions llvm-objdump disassembles as f32x4.fma — never a byte pattern that merely
// looks like one inside an immediate — and checks each one's bytes before changing them.

const { spawnSync } = require('node:child_process');

const OLD = [0xfd, 0xaf, 0x01];
const NEW = [0xfd, 0x85, 0x02];

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, next: at };
}

/** File offset where the code section's payload starts (the origin of llvm-objdump's addresses). */
function codeSectionStart(bytes) {
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const { value: size, next } = readLeb(bytes, at + 1);
    if (id === 10) return next;
    at = next + size;
  }
  throw new Error('no code section');
}

/** Returns { bytes, count }: a copy of `bytes` with every f32x4.fma made relaxed_madd. */
function patchRelaxedMadd(bytes, objdump, file) {
  const listing = spawnSync(objdump, ['-d', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (listing.status !== 0) throw new Error(`${objdump} -d ${file} failed: ${listing.stderr}`);
  const base = codeSectionStart(bytes);
  const patched = Buffer.from(bytes);
  let count = 0;
  for (const line of listing.stdout.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*f32x4\.fma\b/.exec(line);
    if (!m) continue;
    const at = base + parseInt(m[1], 16);
    if (!OLD.every((b, i) => patched[at + i] === b)) {
      throw new Error(`${file}: expected f32x4.fma bytes at offset ${at}, found ${patched.subarray(at, at + 3).toString('hex')}`);
    }
    NEW.forEach((b, i) => (patched[at + i] = b));
    count++;
  }
  return { bytes: patched, count };
}

module.exports = { patchRelaxedMadd };
