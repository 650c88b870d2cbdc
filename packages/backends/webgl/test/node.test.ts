import { getBackend, listBackends } from '@geneft/core';
import { WEBGL_PRIORITY } from '../src';

it('registers webgl between tfjs-cpu (1) and tfjs-wasm (1.75)', () => {
  expect(WEBGL_PRIORITY).toBeGreaterThan(1);
  expect(WEBGL_PRIORITY).toBeLessThan(1.75);
  expect(listBackends()).toEqual(['webgl', 'reference']);
});

it('refuses to start in Node, where there is no WebGL, so getBackend() falls through', async () => {
  await expect(getBackend('webgl')).rejects.toThrow(/no WebGL here/);
  expect((await getBackend()).name).toBe('reference');
});
