// Bundles the extension with esbuild (the root's esbuild 0.28.2):
//   dist/extension.js  extension host (CommonJS, `vscode` external)
//   dist/runner.js     the runner child process (core, theory)
//   dist/worker.js     core's sweep worker thread, next to runner.js where core's executor looks
//   dist/webview.js    the panels' script (browser IIFE, @geneft/viz + Observable Plot)
// and copies core's JSON Schemas to schemas/ and the WebGL backend's browser bundle to dist/.
const { build } = require('esbuild');
const { copyFileSync, existsSync, mkdirSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const optionalBackends = ['@geneft/backend-native', '@geneft/backend-wasm', '@geneft/backend-tfjs'];

async function main() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({ ...node, entryPoints: [join(root, 'src/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode', ...optionalBackends] }),
    build({ ...node, entryPoints: [join(root, 'src/runner/main.ts')], outfile: join(dist, 'runner.js'), external: optionalBackends }),
    build({ ...node, entryPoints: [require.resolve('@geneft/core/package.json').replace(/package\.json$/, 'dist/sweep/worker.js')], outfile: join(dist, 'worker.js'), external: optionalBackends }),
    build({
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: true,
      sourcemap: 'linked',
      logLevel: 'warning',
      legalComments: 'none',
      entryPoints: [join(root, 'src/webview/main.ts')],
      outfile: join(dist, 'webview.js'),
    }),
  ]);

  const schemas = join(root, 'schemas');
  mkdirSync(schemas, { recursive: true });
  const coreSchema = dirname(require.resolve('@geneft/core/schema/experiment.schema.json'));
  for (const f of ['experiment.schema.json', 'sweep.schema.json']) copyFileSync(join(coreSchema, f), join(schemas, f));

  const webgl = join(root, '..', 'backends', 'webgl', 'dist', 'geneft-webgl.browser.js');
  if (existsSync(webgl)) copyFileSync(webgl, join(dist, 'geneft-webgl.browser.js'));
  else console.warn(`build: ${webgl} not built; "Run in webview (WebGL)" will say so`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
