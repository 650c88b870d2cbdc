// Jest transformer for ESM-only dependencies (Observable Plot, d3, linkedom …): Node 20's Jest
// cannot require() ES modules, so they are converted to CommonJS with esbuild on the fly.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { format: 'cjs', loader: 'js', sourcemap: true, sourcefile: filename, target: 'node20' });
    return { code, map };
  },
};
