// Shared Jest settings. Workspace packages resolve to their TypeScript sources, so tests never
// depend on a stale dist/ and a change in core is seen by every package's tests at once.
const path = require('node:path');

const root = __dirname;
const src = (pkg, entry = 'index') => path.join(root, 'packages', pkg, 'src', `${entry}.ts`);

const preset = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.spec.json') }],
  },
  moduleNameMapper: {
    '^@geneft/core$': src('core'),
    '^@geneft/core/node$': src('core', 'node'),
    '^@geneft/core/testing$': src('core', 'testing/index'),
    '^@geneft/theory$': src('theory'),
    '^@geneft/cli$': src('cli'),
    '^@geneft/viz$': src('viz'),
    '^@geneft/viz/node$': src('viz', 'node'),
    '^@geneft/backend-tfjs/base$': path.join(root, 'packages', 'backends', 'tfjs', 'src', 'base.ts'),
    '^@geneft/backend-(tfjs|wasm|webgl|native)$': path.join(root, 'packages', 'backends', '$1', 'src', 'index.ts'),
  },
  cacheDirectory: path.join(root, '.nx', 'jest-cache'),
};

/**
 * For packages whose tests load ESM-only dependencies (Observable Plot, d3, linkedom): every
 * .js/.mjs goes through esbuild to CommonJS (Jest on Node 20 cannot require ES modules).
 * Only those packages pay for it.
 */
// Not enumerable, so `...preset` in a package config does not pass it to Jest as an option.
Object.defineProperty(preset, 'withEsmDependencies', {
  value: (config) => ({
  ...config,
  transform: { ...config.transform, '^.+\\.m?js$': path.join(root, 'tools', 'jest', 'esbuild-transform.js') },
  transformIgnorePatterns: [],
  }),
});

module.exports = preset;
