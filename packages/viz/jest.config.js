const path = require('node:path');
const preset = require('../../jest.preset.js');

// Plot and its dependency chain are ESM-only: transform every .js/.mjs through esbuild.
module.exports = {
  ...preset,
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    '^.+\\.m?js$': path.join(__dirname, '..', '..', 'tools', 'jest', 'esbuild-transform.js'),
  },
  transformIgnorePatterns: [],
};
