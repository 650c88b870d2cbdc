import { getBackend, initParams, listBackends, resolveExperiment, runExperiment } from '@geneft/core';
import { packParams } from '@geneft/core';
import { measurePeakGflops, nativeBackend, nativeCpuInfo, NativeTrainer, NATIVE_PRIORITY } from '../src';
import { CANONICAL, specOf } from './helpers';

describe('registration', () => {
  it('registers "native" above the reference backend', async () => {
    expect(NATIVE_PRIORITY).toBe(3);
    expect(listBackends().indexOf('native')).toBeLessThan(listBackends().indexOf('reference'));
    const backend = await getBackend('native');
    expect(backend.name).toBe('native');
    expect(backend.capabilities.precision).toBe('float32');
  });

  it('runs an experiment through core', async () => {
    const config = resolveExperiment({ ...CANONICAL, budget: { steps: 300, evalEvery: 100 } });
    const result = await runExperiment(config, { dynamics: 'native' });
    expect(result.backend).toBe('native');
    expect(result.steps).toBe(300);
    expect(result.trainLoss).toBeLessThan(0.7);
  });
});

describe('trainer', () => {
  const spec = specOf(CANONICAL);

  it('is deterministic', async () => {
    const [a, b] = [await nativeBackend().createTrainer(spec), await nativeBackend().createTrainer(spec)];
    for (let s = 0; s < 5; s++) expect(await a.step(3)).toBe(await b.step(3));
    expect(packParams(await a.readParams())).toEqual(packParams(await b.readParams()));
  });

  it('does nothing for k = 0 and refuses bad k', async () => {
    const trainer = await nativeBackend().createTrainer(spec);
    expect(await trainer.step(0)).toBeNaN();
    expect(trainer.stepsDone).toBe(0);
    await expect(trainer.step(-1)).rejects.toThrow(/non-negative integer/);
    await expect(trainer.step(1.5)).rejects.toThrow(/non-negative integer/);
  });

  it('refuses parameters of another shape', async () => {
    const trainer = await nativeBackend().createTrainer(spec);
    const other = initParams(resolveExperiment({ ...CANONICAL, decoder: { kind: 'mlp', combine: 'concat', width: 40, depth: 3, activation: 'tanh' } }));
    await expect(trainer.writeParams(other)).rejects.toThrow(/do not fit the model/);
    await expect(nativeBackend().createTrainer({ ...spec, params: other })).rejects.toThrow(/do not fit the model/);
  });

  it('keeps the optimizer state across writeParams', async () => {
    const [a, b] = [await nativeBackend().createTrainer(spec), await nativeBackend().createTrainer(spec)];
    await a.step(10);
    await b.step(10);
    await b.writeParams(await b.readParams()); // float32 → float64 → float32 is exact
    expect(await a.step(5)).toBe(await b.step(5));
  });

  it('is unusable after dispose', async () => {
    const trainer = await nativeBackend().createTrainer(spec);
    trainer.dispose();
    await expect(trainer.step(1)).rejects.toThrow(/disposed/);
  });
});

describe('cpu', () => {
  it('reports kernel sets and a peak', () => {
    const info = nativeCpuInfo();
    expect(info.supported).toContain('generic');
    expect(info.supported[0]).toBe(info.selected);
    expect(measurePeakGflops('generic', 0.02)).toBeGreaterThan(0);
  });

  it('refuses a kernel set the CPU lacks or that does not exist', () => {
    expect(() => nativeBackend({ isa: 'sse9' as never })).toThrow(/not supported/);
  });
});

describe('missing binary', () => {
  it('says how to build it', () => {
    jest.isolateModules(() => {
      // node-gyp-build finds neither build/Release nor a prebuild for this platform
      jest.doMock('node-gyp-build', () => ({
        path: () => {
          throw new Error('No native build was found');
        },
      }));
      const { loadAddon } = jest.requireActual('../src/addon') as typeof import('../src/addon');
      expect(() => loadAddon()).toThrow(/no binary for .*npm rebuild @geneft\/backend-native/);
    });
    jest.dontMock('node-gyp-build');
  });
});

describe('one run on several threads', () => {
  // 2450 training pairs: 5 blocks of 512, split 2 + 3.
  const spec = specOf({ ...CANONICAL, task: { relation: 'mod', k: 3, n: 70, trainFraction: 0.5 } });

  it('matches one thread up to float32 rounding and is deterministic', async () => {
    const one = await nativeBackend().createTrainer(spec);
    const [a, b] = [await nativeBackend({ runThreads: 2 }).createTrainer(spec), await nativeBackend({ runThreads: 2 }).createTrainer(spec)];
    expect((a as NativeTrainer).threads).toBe(2);
    for (let s = 0; s < 20; s++) {
      const [la, lb, l1] = [await a.step(1), await b.step(1), await one.step(1)];
      expect(la).toBe(lb);
      expect(Math.abs(la - l1) / l1).toBeLessThan(1e-5);
    }
    expect(packParams(await a.readParams())).toEqual(packParams(await b.readParams()));
  });

  it('uses one thread when the run has a single block', async () => {
    const small = await nativeBackend({ runThreads: 4 }).createTrainer(specOf({ ...CANONICAL, task: { relation: 'mod', k: 3, n: 20 } }));
    expect((small as NativeTrainer).threads).toBe(1);
  });
});
