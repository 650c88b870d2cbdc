// Bundles the extension with esbuild (the root's esbuild 0.28.2):
//   dist/extension.js  extension host (CommonJS, `vscode` external)
//   dist/runner.js     the runner child process (core, theory, and the backends below)
//   dist/worker.js     core's sweep worker thread, next to runner.js where core's executor looks
//   dist/webview.js    the panels' script (browser IIFE, @geneft/viz + Observable Plot)
// and copies core's JSON Schemas to schemas/ and the WebGL backend's browser bundle to dist/.
//
// Backends (see src/runner/backends.ts): each backend package is mirrored under backends/<name>/
// with its own layout, so whatever it finds relative to its __dirname is there too: its entry
// (dist/index.js) and its worker-thread scripts (dist/*worker*.js, any case) as self-contained bundles
// (with their own copy of core, whose registries live on globalThis and are shared), and its
// binaries (*.wasm, *.node: wasm/, build/Release/, prebuilds/) copied to the same relative paths.
// `wasm` is required; `native` is mirrored when built. Which .vsix carries the native binary is
// decided when packaging (scripts/package.js).
const { build } = require('esbuild');
const { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
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

const BACKENDS = [
  { name: 'wasm', pkg: '@geneft/backend-wasm', required: true },
  { name: 'native', pkg: '@geneft/backend-native', required: false },
];

/** Binaries a backend loads at run time, by their path in the package. */
function copyBinaries(from, to, rel = '') {
  for (const entry of readdirSync(join(from, rel), { withFileTypes: true })) {
    if (['node_modules', 'src', 'test', 'csrc', 'obj.target', '.deps'].includes(entry.name)) continue;
    const path = join(rel, entry.name);
    if (entry.isDirectory()) copyBinaries(from, to, path);
    else if (/\.(wasm|node)$/.test(entry.name)) {
      mkdirSync(dirname(join(to, path)), { recursive: true });
      copyFileSync(join(from, path), join(to, path));
    }
  }
}

/** Mirrors one backend package under backends/<name>/; false when it is not built. */
async function mirrorBackend({ name, pkg, required }, node) {
  const dir = packageDir(pkg);
  if (!dir || !existsSync(join(dir, 'dist', 'index.js'))) {
    if (required) throw new Error(`build: ${pkg} is not built; the runner needs it (npx nx run ${pkg}:build)`);
    console.warn(`build: ${pkg} is not built; the .vsix will not offer it`);
    return false;
  }
  const out = join(root, 'backends', name);
  rmSync(out, { recursive: true, force: true });
  const entries = readdirSync(join(dir, 'dist')).filter((f) => f === 'index.js' || /worker.*\.js$/i.test(f));
  await build({ ...node, sourcemap: false, entryPoints: entries.map((f) => join(dir, 'dist', f)), outdir: join(out, 'dist') });
  copyBinaries(dir, out);
  // an engine the backend builds on (tfjs-backend-wasm) looks for its binaries beside the bundle
  const deps = Object.keys(require(join(dir, 'package.json')).dependencies ?? {});
  for (const dep of ['@tensorflow/tfjs-backend-wasm'].filter((d) => deps.includes(d))) {
    let depDir;
    try {
      depDir = dirname(require.resolve(`${dep}/package.json`, { paths: [dir] }));
    } catch {
      continue;
    }
    for (const f of readdirSync(join(depDir, 'dist')).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(depDir, 'dist', f), join(out, 'dist', f));
  }
  return true;
}

async function main() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const old of ['build', 'prebuilds']) rmSync(join(root, old), { recursive: true, force: true });
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
  for (const backend of BACKENDS) await mirrorBackend(backend, node);
  await Promise.all([
    build({ ...node, entryPoints: [join(root, 'src/host/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
    build({ ...node, entryPoints: [join(root, 'src/runner/main.ts')], outfile: join(dist, 'runner.js') }),
    // core's sweep worker thread: it loads the backends by path (the runner passes them as setupModules)
    build({ ...node, entryPoints: [require.resolve('@geneft/core/package.json').replace(/package\.json$/, 'dist/sweep/worker.js')], outfile: join(dist, 'worker.js') }),
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
