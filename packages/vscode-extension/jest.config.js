// Unit and runner tests; the end-to-end test in code-server is test/e2e/run.js (npm run test:e2e).
// ESM dependencies: src/pure/theoryCheck.ts uses @geneft/viz's Wilson interval (viz pulls in Plot).
const preset = require('../../jest.preset.js');

module.exports = preset.withEsmDependencies({ ...preset, rootDir: __dirname, testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] });
