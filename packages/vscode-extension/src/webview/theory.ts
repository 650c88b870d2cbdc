import { prCurve } from '@geneft/viz';
import { formatBigInteger, formatNumber } from '../pure/format';
import type { TheoryView } from '../pure/viewState';
import { el, figure, layout } from './dom';

/** The Theory panel: p_r against the ratio with the experiment's own marked, and the statics of its relation and the paper's families. */
export function renderTheory(v: TheoryView, figures: HTMLElement, extra: HTMLElement): void {
  if (v.theory) {
    const t = v.theory;
    figures.append(
      figure(`p_r against η_dec/η_enc: ${t.pr.toFixed(2)} at this experiment's ${formatNumber(t.ratio)}; boundary (p_r = ½) at ${formatNumber(t.criticalRatio)}`, () =>
        prCurve({ theory: t.curve }, { criticalRatio: t.criticalRatio, ownRatio: t.ratio, width: Math.min(layout().full, 720), height: 320 }),
      ),
    );
  }
  if (v.rows.length > 0) {
    const table = el('table');
    table.id = 'geneft-statics';
    const head = el('tr');
    for (const h of ['relation', 'n', '|Aut(G)|', 'description length b (bits)', 'critical fraction p_c']) head.append(el('th', h));
    table.append(head);
    for (const r of v.rows) {
      const tr = el('tr');
      if (r.current) tr.className = 'current';
      tr.append(el('td', r.current ? `${r.relation} ◀` : r.relation), num(String(r.n)), num(formatBigInteger(r.automorphisms)), num(r.bits.toFixed(1)), num(r.criticalFraction.toFixed(3)));
      table.append(tr);
    }
    const box = el('div');
    box.append(el('h2', 'Statics: bits to pin down the relation, b = log₂(n!/|Aut(G)|), and the training fraction p_c that reveals 90% of them'), table);
    extra.append(box);
  }
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}

function num(text: string): HTMLTableCellElement {
  return el('td', text, 'num');
}
