import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geneft, tmp } from './helpers';

describe('geneft reproduce', () => {
  it('writes index.html, SVG, PNG and JSON per figure, each with the claim and the measurement', async () => {
    const out = join(tmp(), 'report');
    const r = await geneft(['reproduce', '--quick', '--only', 'table2,thm2-portrait', '--out', out, '--backend', 'reference']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout.trim()).toBe(join(out, 'index.html'));
    for (const f of ['index.html', 'versions.json', 'table2.json', 'thm2-portrait.json', 'thm2-portrait.svg', 'thm2-portrait.png']) expect(existsSync(join(out, f))).toBe(true);
    const png = readFileSync(join(out, 'thm2-portrait.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const table = JSON.parse(readFileSync(join(out, 'table2.json'), 'utf8'));
    expect(table.verdict).toBe('agrees');
    expect(table.data.rows.map((row: { bits: number }) => Number(row.bits.toFixed(2)))).toEqual([39.75, 53.34, 107.71, 24.84]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Table II');
    expect(html).toContain('<b>Paper:</b>');
    expect(html).toContain('<b>This run:</b>');
    expect(html).toContain('agrees with the paper');
    expect(html).toContain('<img src="thm2-portrait.png"');
  }, 60_000);

  it('an unknown figure name is a usage error', async () => {
    const r = await geneft(['reproduce', '--only', 'fig99']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(r.stderr).toContain('--only: unknown figure fig99');
  });

  it('the help lists the figures full mode runs only on request', async () => {
    const r = await geneft(['reproduce', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(full mode runs init-scale-boundary only when named here)');
  });
});
