import { resolveExperiment, resolveSweep } from '@geneft/core';
import { freeFileName, TEMPLATES, templateText } from '../../src/pure/templates';

describe('templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s resolves with core and is named for its kind', (_id, template) => {
    const doc = JSON.parse(templateText(template));
    if (template.kind === 'experiment') {
      expect(template.fileName).toMatch(/\.geneft\.json$/);
      expect(() => resolveExperiment(doc)).not.toThrow();
    } else {
      expect(template.fileName).toMatch(/\.sweep\.json$/);
      expect(resolveSweep(doc).axes.length).toBeGreaterThan(0);
    }
  });

  it('has unique ids and file names', () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    expect(new Set(TEMPLATES.map((t) => t.fileName)).size).toBe(TEMPLATES.length);
  });

  it('picks a free file name', () => {
    expect(freeFileName('canonical.geneft.json', new Set())).toBe('canonical.geneft.json');
    expect(freeFileName('canonical.geneft.json', new Set(['canonical.geneft.json', 'canonical-2.geneft.json']))).toBe('canonical-3.geneft.json');
    expect(freeFileName('x.sweep.json', new Set(['x.sweep.json']))).toBe('x-2.sweep.json');
  });
});
