import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backendRegistrations,
  CapabilityError,
  checkCapabilities,
  GenEftInputError,
  getBackend,
  listBackends,
  listDecoders,
  referenceBackend,
  resolveExperiment,
  runExperiment,
} from '@geneft/core';
import { loadPlugin, loadPlugins, PluginLoadError, pluginsFromEnv, resolvePlugin } from '@geneft/core/node';

/**
 * A folder outside the workspace holding its own copy of core's build as
 * node_modules/@geneft/core, as a plugin installed elsewhere would have.
 */
function folderWithOwnCore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-plugin-'));
  const copy = join(dir, 'node_modules', '@geneft', 'core');
  mkdirSync(copy, { recursive: true });
  cpSync(join(__dirname, '..', 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(__dirname, '..', 'package.json'), join(copy, 'package.json'));
  return dir;
}

// Jest maps the bare name "@geneft/core" to the sources, so the plugin names its copy by path.
const PLUGIN = `
const core = require(require('node:path').join(__dirname, 'node_modules', '@geneft', 'core'));
exports.core = core;
core.registerBackend('copy-backend', () => ({ ...core.referenceBackend(), name: 'copy-backend' }), 0.5);
// A linear decoder: logit = w·(e_x − e_y) + b, one 1 × d layer.
core.registerDecoder('copy-linear', {
  description: 'w·(e_x − e_y) + b',
  options: { scale: { type: 'number', default: 1 } },
  layers: (_c, dim) => [[dim, 1]],
  init: (c, dim, random) => {
    const r = random('0');
    return [{ in: dim, out: 1, weight: Float64Array.from({ length: dim }, () => c.scale * r.uniform(-1, 1)), bias: new Float64Array(1) }];
  },
  network: (_c, dim) => ({
    forward(layers, pairs, m) {
      const { weight, bias } = layers[0];
      const outputs = new Float64Array(m);
      for (let r = 0; r < m; r++) {
        let s = bias[0];
        for (let k = 0; k < dim; k++) s += weight[k] * (pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k]);
        outputs[r] = s;
      }
      return {
        outputs,
        backward(g, grads, gradPairs) {
          grads.weights[0].fill(0);
          grads.biases[0].fill(0);
          for (let r = 0; r < m; r++) {
            grads.biases[0][0] += g[r];
            for (let k = 0; k < dim; k++) {
              grads.weights[0][k] += g[r] * (pairs[r * 2 * dim + k] - pairs[r * 2 * dim + dim + k]);
              gradPairs[r * 2 * dim + k] = g[r] * weight[k];
              gradPairs[r * 2 * dim + dim + k] = -g[r] * weight[k];
            }
          }
        },
      };
    },
  }),
});
`;

/** The other copy of core, as the plugin exports it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file made at run time
const copyOf = (path: string) => (require(path) as { core: typeof import('@geneft/core') }).core;

describe('plugins and the process-wide registry', () => {
  const dir = folderWithOwnCore();
  writeFileSync(join(dir, 'plugin.js'), PLUGIN);
  writeFileSync(join(dir, 'broken.js'), "throw new Error('addon missing\\nsecond line');");
  const plugin = loadPlugin('./plugin.js', dir);

  it('a plugin with its own copy of core registers into this registry, attributed to the module', () => {
    const theirs = copyOf(plugin.path);
    expect(theirs.listBackends).not.toBe(listBackends); // really a second copy of core
    expect(plugin).toEqual({ module: './plugin.js', path: join(dir, 'plugin.js'), backends: ['copy-backend'], decoders: ['copy-linear'] });
    expect(listBackends()).toEqual(['copy-backend', 'reference']);
    expect(theirs.listBackends()).toEqual(listBackends());
    expect(backendRegistrations()).toEqual([
      { name: 'copy-backend', priority: 0.5, module: './plugin.js' },
      { name: 'reference', priority: 0, module: '@geneft/core' },
    ]);
    expect(listDecoders().map((d) => [d.kind, d.module])).toEqual([
      ['mlp', '@geneft/core'],
      ['ideal-distance', '@geneft/core'],
      ['ideal-order', '@geneft/core'],
      ['copy-linear', './plugin.js'],
    ]);
  });

  it('loading the same plugin again registers nothing twice and returns the first record', () => {
    expect(loadPlugins([join(dir, 'plugin.js')], '/')).toEqual([plugin]);
  });

  it('errors thrown by the other copy are recognised as this copy’s error classes', async () => {
    const theirs = copyOf(plugin.path);
    expect(new theirs.CapabilityError('x')).toBeInstanceOf(CapabilityError);
    expect(new theirs.GenEftInputError('$', 'y')).toBeInstanceOf(GenEftInputError);
    expect(new theirs.GenEftInputError('$', 'y')).not.toBeInstanceOf(CapabilityError);
    await expect(getBackend('nope')).rejects.toBeInstanceOf(theirs.CapabilityError);
  });

  it('a registered decoder kind validates with its own options and trains on the reference backend', async () => {
    const config = resolveExperiment({ task: { relation: 'greater', n: 8 }, encoder: { dim: 2 }, decoder: { kind: 'copy-linear' }, dynamics: { lrEncoder: 0.05, lrDecoder: 0.05 }, budget: { steps: 300, evalEvery: 50 } });
    expect(config.decoder).toEqual({ kind: 'copy-linear', scale: 1 });
    expect(() => resolveExperiment({ decoder: { kind: 'copy-linear', width: 3 } })).toThrow('$.decoder.width: expected a known property (one of kind, scale)');
    const result = await runExperiment(config, { dynamics: 'reference' });
    // (e_x − e_y)·w separates an order once the latents line up along w.
    expect(result.trace.at(-1)!.trainLoss).toBeLessThan(result.trace[0].trainLoss / 2);
    expect(result.finalParams.layers.map((l) => [l.in, l.out])).toEqual([[2, 1]]);
  });

  it('an unknown decoder kind is refused with every registered kind listed', () => {
    expect(() => resolveExperiment({ decoder: { kind: 'transformer' } })).toThrow(
      '$.decoder.kind: expected one of "mlp", "ideal-distance", "ideal-order", "copy-linear", got "transformer"',
    );
  });

  it('a backend that does not declare a kind refuses it with the capability error', async () => {
    const config = resolveExperiment({ task: { n: 6 }, decoder: { kind: 'copy-linear' }, budget: { steps: 20, evalEvery: 10 } });
    await expect(runExperiment(config, { dynamics: 'copy-backend' })).resolves.toMatchObject({ steps: 20, backend: 'reference' });
    const mlpOnly = { ...referenceBackend(), name: 'mlp-only', capabilities: { ...referenceBackend().capabilities, decoders: ['mlp'] } };
    expect(() => checkCapabilities(mlpOnly, config)).toThrow(new CapabilityError('backend "mlp-only" does not support decoder "copy-linear" (supported: mlp)'));
  });

  it('a plugin that cannot be found or throws is one line naming the module and the cause', () => {
    expect(() => loadPlugin('geneft-no-such-plugin', dir)).toThrow(new PluginLoadError('geneft-no-such-plugin', `not found from ${dir}`));
    expect(() => loadPlugin('./broken.js', dir)).toThrow('plugin "./broken.js": addon missing');
    expect(() => loadPlugin('./broken.js', dir)).not.toThrow('second line');
  });

  it('resolves package names from the given folder and reads GENEFT_PLUGINS', () => {
    mkdirSync(join(dir, 'node_modules', 'geneft-example'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'geneft-example', 'package.json'), '{"name": "geneft-example", "main": "lib.js"}');
    writeFileSync(join(dir, 'node_modules', 'geneft-example', 'lib.js'), '');
    expect(resolvePlugin('geneft-example', dir)).toBe(join(dir, 'node_modules', 'geneft-example', 'lib.js'));
    expect(resolvePlugin('./plugin', dir)).toBe(join(dir, 'plugin.js'));
    expect(resolvePlugin(join(dir, 'plugin.js'), '/')).toBe(join(dir, 'plugin.js'));
    expect(pluginsFromEnv({ GENEFT_PLUGINS: ' a, ./b.js ,,c ' })).toEqual(['a', './b.js', 'c']);
    expect(pluginsFromEnv({})).toEqual([]);
  });
});
