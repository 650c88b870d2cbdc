#!/usr/bin/env node
// Builds dist/geneft-webgl.browser.js: an IIFE with global `GenEFTWebgl` (src/browser.ts, with
// @geneft/core, the tfjs trainer, tfjs-core and tfjs-backend-webgl inside). Workspace packages
// are bundled from their sources, like the Jest preset resolves them, so no stale dist/ sneaks in.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const backends = path.resolve(root, '..');

/** Options for esbuild.build; `outfile` defaults to dist/geneft-webgl.browser.js. */
function bundleOptions(outfile = path.join(root, 'dist', 'geneft-webgl.browser.js')) {
  return {
    entryPoints: [path.join(root, 'src', 'browser.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    globalName: 'GenEFTWebgl',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    alias: {
      '@geneft/core': path.resolve(backends, '..', 'core', 'src', 'index.ts'),
      '@geneft/backend-tfjs/base': path.join(backends, 'tfjs', 'src', 'base.ts'),
    },
    // tfjs-core's Node platform code, never taken in a browser
    external: ['node-fetch', 'util', 'crypto', 'worker_threads'],
  };
}

// The bundle is a classic script, so its types are the global it defines (dist/browser.d.ts is
// what tsc emits for src/browser.ts, the bundle's entry).
const BUNDLE_TYPES = `// Types of geneft-webgl.browser.js, a classic script that defines the global \`GenEFTWebgl\`.
declare global {
  /** What the bundle exports: core's run API, the webgl and tfjs backend factories, and \`tf\`. */
  var GenEFTWebgl: typeof import('./browser');
}
export {};
`;

async function bundle(outfile) {
  const esbuild = require('esbuild');
  const options = bundleOptions(outfile);
  await esbuild.build(options);
  fs.writeFileSync(options.outfile.replace(/\.js$/, '.d.ts'), BUNDLE_TYPES);
  return options.outfile;
}

module.exports = { bundle, bundleOptions };

if (require.main === module) {
  bundle().then(
    (file) => console.log(`wrote ${path.relative(process.cwd(), file)}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
