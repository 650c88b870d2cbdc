// Unit and runner tests; the end-to-end test in code-server is test/e2e/run.js (npm run test:e2e).
module.exports = { ...require('../../jest.preset.js'), rootDir: __dirname, testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] };
