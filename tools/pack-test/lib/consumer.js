// A new user's project: an empty folder outside the workspace, one package installed from the
// registry (its @geneft dependencies from the local registry of tarballs, the rest from npm's),
// its README's runnable examples run as ESM and as CommonJS, and a consumer type-checked under
// three module resolutions without the DOM lib.
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { run } = require('./exec');
const { moduleVariants, runnableBlocks } = require('./readme');
const { hasRedis, startRedis } = require('./redis');
const { ROOT } = require('./packages');

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TYPE_ROOTS = path.join(ROOT, 'node_modules', '@types');

/** npm install arguments that take @geneft packages from the local registry. */
const installArgs = (registry) => [`--@geneft:registry=${registry}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** An empty project folder with `specs` (one or a list) installed; resolves to npm's result. */
async function installConsumer(dir, specs, registry, { env, packageJson = {} } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, ...packageJson }, null, 2));
  return run('npm', ['install', ...installArgs(registry), '--foreground-scripts', ...[specs].flat()], { cwd: dir, env, timeoutMs: 240_000 });
}

/** Runs each runnable README block of `pkg` in `dir`, in both module systems. Returns lines of what ran. */
async function runReadmeBlocks(pkg, dir, { env }) {
  const readme = readFileSync(path.join(dir, 'node_modules', pkg.name, 'README.md'), 'utf8');
  const ran = [];
  for (const block of runnableBlocks(readme)) {
    const variants = moduleVariants(block);
    let redis;
    if (block.tags.includes('redis')) {
      if (!hasRedis()) {
        if (process.env.CI === 'true') throw new Error(`README.md line ${block.line} needs redis-server (CI installs it)`);
        ran.push(`README.md:${block.line} skipped (no redis-server)`);
        continue;
      }
      redis = await startRedis(dir);
    }
    const blockEnv = redis ? { ...env, REDIS_URL: redis.url } : env;
    try {
      await runBlock(block, variants, dir, blockEnv, ran);
    } finally {
      redis?.stop();
    }
  }
  return ran;
}

async function runBlock(block, variants, dir, env, ran) {
  for (const kind of ['esm', 'cjs']) {
    const file = path.join(dir, `readme-${block.index}.${kind === 'esm' ? 'mjs' : 'cjs'}`);
    writeFileSync(file, variants[kind]);
    const { ms } = await run(process.execPath, [file], { cwd: dir, env, timeoutMs: 180_000 }).catch((error) => {
      throw new Error(`README.md line ${block.line} (${block.lang}, run as ${kind}${variants.written === kind ? ', as written' : ''}): ${error.message}`);
    });
    ran.push(`README.md:${block.line} ${kind} ${(ms / 1000).toFixed(1)} s`);
  }
}

const RESOLUTIONS = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node10: { module: 'commonjs', moduleResolution: 'node10' },
};

/** The import specifiers of a package's code entries (its exports map; JSON, .wasm and other assets left out). */
function typedEntries(pkg) {
  return Object.entries(pkg.manifest.exports ?? { '.': pkg.manifest.main })
    .filter(([, target]) => (typeof target === 'string' ? /\.[cm]?js$/.test(target) : target && 'types' in target))
    .map(([subpath]) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));
}

/**
 * Type-checks, in a folder where `packages` are installed, a consumer importing every typed
 * entry of each (and the packages' runnable TypeScript README blocks), with lib ES2022 only and
 * the libraries' .d.ts files checked too.
 */
async function typecheckConsumer(packages, dir, { lib = ['ES2022'] } = {}) {
  const entries = packages.flatMap(typedEntries);
  const source = entries.map((entry, i) => `import * as entry${i} from '${entry}';`).join('\n');
  writeFileSync(path.join(dir, 'consumer.ts'), `${source}\nexport const entries = [${entries.map((_, i) => `entry${i}`).join(', ')}];\n`);
  const readmeFiles = [];
  for (const pkg of packages) {
    const readme = readFileSync(path.join(dir, 'node_modules', pkg.name, 'README.md'), 'utf8');
    for (const block of runnableBlocks(readme).filter((b) => b.lang === 'ts')) {
      const file = `readme-${pkg.name.replace('/', '+')}-${block.index}.mts`;
      writeFileSync(path.join(dir, file), block.code);
      readmeFiles.push(file);
    }
  }
  const checked = [];
  for (const [name, options] of Object.entries(RESOLUTIONS)) {
    // README blocks use top-level await: ES modules only, so not under node10/commonjs
    const files = ['consumer.ts', ...(name === 'node10' ? [] : readmeFiles)];
    const tsconfig = {
      compilerOptions: { ...options, target: 'ES2022', lib, types: ['node'], typeRoots: [TYPE_ROOTS], strict: true, noEmit: true, skipLibCheck: false },
      files,
    };
    writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2));
    const { output } = await run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], { cwd: dir, timeoutMs: 180_000, allowFailure: true });
    // Errors inside third-party declarations (tfjs's need DOM, WebGPU and Emscripten types) are
    // theirs; every error in @geneft's declarations or in the consumer's own files counts.
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    const ours = errors.filter((line) => !line.startsWith('node_modules/') || line.startsWith('node_modules/@geneft/'));
    if (ours.length) throw new Error(`types under ${name} (lib ${lib.join(', ')}):\n${ours.slice(0, 20).join('\n')}`);
    checked.push(errors.length ? `${name} (${errors.length} errors in third-party .d.ts ignored)` : name);
  }
  return `${entries.length} entries, ${readmeFiles.length} README blocks: ${checked.join(', ')}`;
}

module.exports = { installArgs, installConsumer, runReadmeBlocks, typecheckConsumer };
