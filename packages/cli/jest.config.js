const preset = require('../../jest.preset.js');

module.exports = preset.withEsmDependencies({ ...preset, rootDir: __dirname });
