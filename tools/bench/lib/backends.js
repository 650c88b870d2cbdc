'use strict';
// The GenEFT backends available in Node: core's reference plus every backend package whose
// dist/ is built. Each package registers itself with core on import.

const PACKAGES = [
  { pkg: '@geneft/backend-native', dir: 'packages/backends/native', names: ['native'] },
  { pkg: '@geneft/backend-wasm', dir: 'packages/backends/wasm', names: ['wasm'] },
  { pkg: '@geneft/backend-tfjs', dir: 'packages/backends/tfjs', names: ['tfjs-cpu', 'tfjs-wasm'] },
];

function loadCore() {
  try {
    return require('@geneft/core');
  } catch (error) {
    throw new Error(`@geneft/core is not built (${error.message.split('\n')[0]}); run "npx nx run-many -t build" first`);
  }
}

/**
 * Imports the backend packages; returns [{ name, backend?, note? }] for every backend the
 * registry then lists (highest priority first), plus a note for each package that is absent.
 */
async function availableBackends(core, wanted) {
  const notes = [];
  for (const { pkg, dir, names } of PACKAGES) {
    if (wanted && !names.some((n) => wanted.includes(n))) continue;
    try {
      require(pkg);
    } catch (error) {
      const why = error.code === 'MODULE_NOT_FOUND' ? `not built (no ${dir}/dist)` : error.message.split('\n')[0];
      notes.push({ name: names.join('/'), note: `skipped: ${pkg} ${why}` });
    }
  }
  const found = [];
  for (const name of core.listBackends()) {
    if (wanted && !wanted.includes(name)) continue;
    try {
      found.push({ name, backend: await core.getBackend(name) });
    } catch (error) {
      found.push({ name, note: `skipped: ${error.message.split('\n')[0]}` });
    }
  }
  return [...found, ...notes.filter((n) => !found.some((f) => f.name === n.name))];
}

module.exports = { loadCore, availableBackends };
