import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geneft, tmp } from './helpers';

/** A plugin file in a fresh folder: a backend ("echo-ref", the reference under another name) and a decoder kind. */
function pluginFolder(): string {
  const dir = tmp();
  writeFileSync(
    join(dir, 'plugin.js'),
    `const core = require('@geneft/core');
core.registerBackend('echo-ref', () => ({ ...core.referenceBackend(), name: 'echo-ref', capabilities: { ...core.REFERENCE_CAPABILITIES, decoders: ['mlp'] } }), 0.25);
core.registerDecoder('echo-kind', { ...core.getDecoder('ideal-distance'), description: 'ideal-distance, renamed' });`,
  );
  writeFileSync(join(dir, 'exp.geneft.json'), JSON.stringify({ task: { n: 6 }, decoder: { kind: 'echo-kind' }, budget: { steps: 20, evalEvery: 10 } }));
  return dir;
}

describe('geneft --plugin', () => {
  it('a plugin’s decoder kind validates and runs on the reference backend; a backend without it refuses, exit 2', async () => {
    const dir = pluginFolder();
    // First in this file: the registry is per process, and in-process tests share it.
    const unknown = await geneft(['validate', 'exp.geneft.json'], dir);
    expect([unknown.code, unknown.stderr]).toEqual([2, `geneft: ${join(dir, 'exp.geneft.json')}: $.decoder.kind: expected one of "mlp", "ideal-distance", "ideal-order", got "echo-kind"\n`]);
    expect((await geneft(['validate', 'exp.geneft.json', '--plugin', './plugin.js'], dir)).code).toBe(0);
    const run = await geneft(['run', 'exp.geneft.json', '--plugin', './plugin.js', '--backend', 'reference', '--json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ backend: 'reference', steps: 20 });
    const refused = await geneft(['run', 'exp.geneft.json', '--plugin', './plugin.js', '--backend', 'echo-ref'], dir);
    expect([refused.code, refused.stderr]).toEqual([2, 'geneft: backend "echo-ref" does not support decoder "echo-kind" (supported: mlp)\n']);
  });

  it('geneft backends lists a plugin’s backend and decoder kind with the module they came from', async () => {
    const dir = pluginFolder();
    const r = await geneft(['backends', '--plugin', './plugin.js', '--json'], dir);
    expect(r.code).toBe(0);
    const { backends, decoders } = JSON.parse(r.stdout);
    expect(backends.find((b: { name: string }) => b.name === 'echo-ref')).toMatchObject({ module: './plugin.js', priority: 0.25, capabilities: { decoders: ['mlp'] } });
    expect(decoders.find((d: { kind: string }) => d.kind === 'echo-kind')).toMatchObject({ module: './plugin.js' });
    const human = await geneft(['backends', '--plugin', './plugin.js'], dir);
    expect(human.stdout).toContain('echo-ref  from ./plugin.js, priority 0.25');
  });

  it('a plugin that is missing or throws: exit 2, one line naming the module and the cause', async () => {
    const dir = pluginFolder();
    writeFileSync(join(dir, 'broken.js'), "throw new Error('no addon for this platform');");
    const missing = await geneft(['run', 'exp.geneft.json', '--plugin', 'geneft-plugin-that-is-not-there'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, `geneft: plugin "geneft-plugin-that-is-not-there": not found from ${dir}\n`]);
    const broken = await geneft(['sweep', 'x.sweep.json', '--plugin', './broken.js'], dir);
    expect([broken.code, broken.stderr]).toEqual([2, 'geneft: plugin "./broken.js": no addon for this platform\n']);
  });
});
