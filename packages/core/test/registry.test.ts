import { CapabilityError, checkCapabilities, getBackend, listBackends, referenceBackend, registerBackend, removeBackend, resolveExperiment, type Backend } from '@geneft/core';

const limited: Backend = {
  ...referenceBackend(),
  name: 'limited',
  capabilities: { ...referenceBackend().capabilities, optimizers: ['adam'], decoders: ['mlp'], maxSymbols: 10 },
};

describe('backend registry', () => {
  afterEach(() => {
    removeBackend('limited');
    removeBackend('broken');
  });

  it('always has the reference backend and picks the highest priority that initialises', async () => {
    expect(listBackends()).toContain('reference');
    registerBackend('broken', () => {
      throw new Error('no addon');
    }, 10);
    registerBackend('limited', () => limited, 5);
    expect(listBackends().slice(0, 2)).toEqual(['broken', 'limited']);
    expect((await getBackend()).name).toBe('limited');
    await expect(getBackend('broken')).rejects.toThrow('no addon');
  });

  it('an unknown backend name is a CapabilityError naming the registered ones', async () => {
    await expect(getBackend('cuda')).rejects.toThrow(/unknown backend "cuda"; registered: .*reference/);
  });

  it('refuses what a backend cannot do, naming the feature and what it supports', () => {
    const sgd = resolveExperiment({ task: { n: 6 }, dynamics: { optimizer: 'sgd' } });
    expect(() => checkCapabilities(limited, sgd)).toThrow(new CapabilityError('backend "limited" does not support optimizer "sgd" (supported: adam)'));
    expect(() => checkCapabilities(limited, resolveExperiment({ task: { n: 11 } }))).toThrow('supports n ≤ 10');
    expect(() => checkCapabilities(limited, resolveExperiment({ task: { n: 6 }, decoder: { kind: 'ideal-distance' } }))).toThrow('decoder "ideal-distance"');
    expect(() => checkCapabilities(limited, resolveExperiment({ task: { n: 6 } }))).not.toThrow();
  });
});
