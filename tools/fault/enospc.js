// Preloaded with `node -r` by the fault suite: simulates a disk that fills up at the write
// boundary. Writes into GENEFT_FAULT_DIR get GENEFT_FAULT_BYTES bytes in all; the write that
// crosses the budget is short (as the kernel does on a full disk), every later one fails with
// ENOSPC. Only the process it is preloaded into is affected.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(process.env.GENEFT_FAULT_DIR);
let budget = Number(process.env.GENEFT_FAULT_BYTES);
const fdPaths = new Map();

const realOpen = fs.openSync;
fs.openSync = function openSync(file, ...rest) {
  const fd = realOpen.call(fs, file, ...rest);
  if (typeof file === 'string' && path.resolve(file).startsWith(dir + path.sep)) fdPaths.set(fd, file);
  return fd;
};
const realClose = fs.closeSync;
fs.closeSync = function closeSync(fd) {
  fdPaths.delete(fd);
  return realClose.call(fs, fd);
};
const realWrite = fs.writeSync;
fs.writeSync = function writeSync(fd, buffer, ...rest) {
  if (!fdPaths.has(fd)) return realWrite.call(fs, fd, buffer, ...rest);
  if (budget <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  const offset = typeof rest[0] === 'number' ? rest[0] : 0;
  const length = typeof rest[1] === 'number' ? rest[1] : buffer.length - offset;
  const n = realWrite.call(fs, fd, buffer, offset, Math.min(length, budget));
  budget -= n;
  return n;
};
