import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PanelStates } from '../../src/pure/panelStates';
import { emptyView, type ViewState } from '../../src/pure/viewState';

describe('PanelStates', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'geneft-panels-')), 'panels');
  const states = new PanelStates(dir);
  const finished: ViewState = { ...emptyView('sweep', 'S'), id: 'p1', status: 'finished' };

  it('keeps settled views only, and forgets them', () => {
    states.save({ ...emptyView('run', 'R'), id: 'p0' });
    expect(states.load('p0')).toBeUndefined();
    states.save(finished);
    expect(states.load('p1')).toEqual(finished);
    states.forget('p1');
    expect(states.load('p1')).toBeUndefined();
  });

  it('refuses ids that are not plain names', () => {
    states.save({ ...finished, id: '../escape' });
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
    expect(states.load('../escape')).toBeUndefined();
    expect(new PanelStates(undefined).load('p1')).toBeUndefined();
  });
});
