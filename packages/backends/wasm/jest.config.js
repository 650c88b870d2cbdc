module.exports = {
  ...require('../../../jest.preset.js'),
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
