import { getBackend, registerBackend, removeBackend, referenceBackend, selectBackend } from '../src';
import { chooseBackend } from '../src/node';

// Stand-ins registered under the project's names: a "native" whose addon cannot load, and a
// "wasm" that runs (the reference engine under another name).
const named = (name: string) => () => ({ ...referenceBackend(), name });

afterEach(() => {
  removeBackend('native');
  removeBackend('wasm');
});

it('passes over a native backend that cannot load, names it, and says which backend runs instead', async () => {
  registerBackend('native', () => {
    throw new Error('@geneft/backend-native: the compiled addon is missing (/x/geneft_native.node)\nsecond line');
  }, 3);
  registerBackend('wasm', named('wasm'), 2);
  const selection = await selectBackend();
  expect(selection.backend.name).toBe('wasm');
  expect(selection.passedOver).toEqual([{ name: 'native', reason: '@geneft/backend-native: the compiled addon is missing (/x/geneft_native.node)' }]);
  expect((await getBackend()).name).toBe('wasm');
  expect(await chooseBackend()).toEqual({ backend: selection.backend, notice: 'native backend unavailable (the compiled addon is missing (/x/geneft_native.node)); using wasm' });
});

it('says nothing when native runs or a backend is named, and names a missing native package', async () => {
  registerBackend('wasm', named('wasm'), 2);
  expect((await chooseBackend()).notice).toBe('native backend not installed (@geneft/backend-native); using wasm');
  expect((await chooseBackend('wasm')).notice).toBeUndefined();
  registerBackend('native', named('native'), 3);
  const chosen = await chooseBackend();
  expect([chosen.backend.name, chosen.notice]).toEqual(['native', undefined]);
});
