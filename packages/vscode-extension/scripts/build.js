// Bundles the extension with esbuild (the root's esbuild 0.28.2):
//   dist/extension.js  extension host (CommonJS, `vscode` external)
//   dist/runner.js     the runner child process (core, theory, and the backends below)
//   dist/worker.js     core's sweep worker thread, next to runner.js where core's executor looks
//   dist/webview.js    the panels' script (browser IIFE, @geneft/viz + Observable Plot)
// and copies core's JSON Schemas to schemas/ and the WebGL backend's browser bundle to dist/.
//
// Backends (see src/runner/backends.ts): `wasm` is required and bundled into runner.js and
// worker.js; its .wasm binaries are copied where the bundled loader looks for them. `native` is
// bundled when built, and its binaries (node-gyp's build/Release, prebuildify's prebuilds/) are
// mirrored at the extension root, i.e. at the same place relative to dist/ as in the package
// (the loader finds them from __dirname, which is dist/ in the bundle too). Which .vsix carries
// the native binary is decided when packaging (scripts/package.js).
const { build } = require('esbuild');
const { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
  } catch {
    return undefined;
  }
}

/** The backends to bundle, and the optional ones that are not built here (left external: the runner skips them). */
function backends() {
  const wasm = packageDir('@geneft/backend-wasm');
  if (!wasm || !existsSync(join(wasm, 'dist', 'index.js'))) throw new Error('build: @geneft/backend-wasm is not built; the runner needs it (npx nx run @geneft/backend-wasm:build)');
  const native = packageDir('@geneft/backend-native');
  const nativeBuilt = native && existsSync(join(native, 'dist', 'index.js'));
  return { wasm, native: nativeBuilt ? native : undefined, external: nativeBuilt ? [] : ['@geneft/backend-native'] };
}

/** Every *.wasm a bundled backend loads: its own (mirrored by their path in the package) and its dependencies' (beside the bundle). */
function copyWasm(wasmPackage) {
  const walk = (dir, rel) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'src' || entry.name === 'test') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, join(rel, entry.name));
      else if (entry.name.endsWith('.wasm')) {
        mkdirSync(join(root, rel), { recursive: true });
        copyFileSync(path, join(root, rel, entry.name));
      }
    }
  };
  walk(wasmPackage, '');
  // an engine the backend builds on (tfjs-backend-wasm) looks beside the bundle, i.e. in dist/
  for (const dep of ['@tensorflow/tfjs-backend-wasm']) {
    let depDir;
    try {
      depDir = dirname(require.resolve(`${dep}/package.json`, { paths: [wasmPackage] }));
    } catch {
      continue;
    }
    for (const f of readdirSync(join(depDir, 'dist')).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(depDir, 'dist', f), join(dist, f));
  }
}

/** The native binaries, mirrored at the extension root under native/ (scripts/package.js decides whether a .vsix carries them). */
function copyNative(nativePackage) {
  for (const sub of [join('build', 'Release'), 'prebuilds']) {
    const from = join(nativePackage, sub);
    if (!existsSync(from)) continue;
    const to = join(root, sub);
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true, filter: (src) => !/\.(o|d|mk|a)$|obj\.target|\.deps/.test(src) });
  }
}

async function main() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const b = backends();
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({ ...node, entryPoints: [join(root, 'src/host/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
    build({ ...node, entryPoints: [join(root, 'src/runner/main.ts')], outfile: join(dist, 'runner.js'), external: b.external }),
    build({
      ...node,
      stdin: { contents: "require('./src/runner/backends').loadBackends();\nrequire(" + JSON.stringify(require.resolve('@geneft/core/package.json').replace(/package\.json$/, 'dist/sweep/worker.js')) + ');', resolveDir: root, loader: 'js' },
      outfile: join(dist, 'worker.js'),
      external: b.external,
    }),
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
  copyWasm(b.wasm);
  if (b.native) copyNative(b.native);
  else console.warn('build: @geneft/backend-native is not built; the .vsix trains on wasm');

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
