// What building the addon from source needs, shared by the install script and the prebuild
// script: node-gyp, a compiler toolchain on PATH, and Node's headers without a download.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

/** The first of `names` found on PATH, or undefined. */
function onPath(names) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of names) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The tools node-gyp needs that are missing here (empty when a source build can be tried). */
function missingTools() {
  const missing = [];
  if (!onPath(['python3', 'python'])) missing.push('python3');
  if (!onPath(['make'])) missing.push('make');
  if (!(process.env.CXX || onPath(['c++', 'g++', 'clang++']))) missing.push('C++17 compiler');
  return missing;
}

/**
 * `--nodedir=…` pointing at the headers installed with this Node (official tarballs and distro
 * packages put them in <prefix>/include/node), so node-gyp never downloads them; nothing when
 * npm or the user already chose a nodedir.
 */
function nodedirArgs() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

/** node-gyp's CLI: npm's own copy during `npm install`, else this package's or the workspace's. */
function nodeGypBin() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp;
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

module.exports = { missingTools, nodedirArgs, nodeGypBin, onPath };
