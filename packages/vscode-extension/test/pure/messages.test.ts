import { GenEftInputError } from '@geneft/core';
import { isFromWebview, isHostToRunner, isRunnerToHost, isToWebview, jobIdOf, newJobId, toWireError, type RunnerToHost } from '../../src/pure/messages';

describe('message contract', () => {
  it('guards all four inboxes', () => {
    expect(isHostToRunner({ type: 'run', id: 'r1', file: 'a', store: 's', snapshotEvery: 1 })).toBe(true);
    expect(isHostToRunner({ type: 'stop', id: 'r1' })).toBe(true);
    expect(isHostToRunner({ type: 'stop' })).toBe(false);
    expect(isHostToRunner({ type: 'eval', id: 'x' })).toBe(false);
    expect(isHostToRunner(null)).toBe(false);
    expect(isRunnerToHost({ type: 'ready', backends: [] })).toBe(true);
    expect(isRunnerToHost({ type: 'progress', id: 'x', running: [], stepsPerSecond: null })).toBe(true);
    expect(isRunnerToHost({ type: 'run', id: 'x' })).toBe(false);
    expect(isRunnerToHost('eval')).toBe(false);
    expect(isFromWebview({ type: 'openCell', configHash: 'abc' })).toBe(true);
    // a page is less trusted: a cell click without its hash is dropped
    expect(isFromWebview({ type: 'openCell' })).toBe(false);
    expect(isFromWebview({ type: 'run', id: 'x' })).toBe(false);
    expect(isToWebview({ type: 'update', message: { type: 'ready', backends: [] } })).toBe(true);
    expect(isToWebview({ type: 'openCell', configHash: 'x' })).toBe(false);
  });

  it('flattens input errors with their JSON path, and other errors to a message', () => {
    const input = new GenEftInputError('$.dynamics.lrDecoder', 'a number ≥ 0', -1, 'x.geneft.json');
    const wire = toWireError('j', input);
    expect(wire).toEqual({
      type: 'inputError',
      id: 'j',
      error: { path: '$.dynamics.lrDecoder', expectation: 'a number ≥ 0', file: 'x.geneft.json', message: 'x.geneft.json: $.dynamics.lrDecoder: expected a number ≥ 0, got -1' },
    });
    // survives structured cloning, as process.send does
    expect(structuredClone(wire)).toEqual(wire);
    expect(toWireError('j', new RangeError('boom'))).toEqual({ type: 'failed', id: 'j', message: 'boom' });
    expect(toWireError('j', 'plain')).toEqual({ type: 'failed', id: 'j', message: 'plain' });
  });

  it('names the job of a message and makes unique ids', () => {
    const m: RunnerToHost = { type: 'failed', id: 'run-1', message: 'x' };
    expect(jobIdOf(m)).toBe('run-1');
    expect(jobIdOf({ type: 'ready', backends: ['reference'] })).toBeUndefined();
    const ids = new Set(Array.from({ length: 100 }, () => newJobId('run', 42)));
    expect(ids.size).toBe(100);
    expect([...ids][0]).toMatch(/^run-/);
  });
});
