import { phaseDiagram, prCurve, type PendingCell } from '@geneft/viz';
import { formatAccuracy, formatNumber, leafOf, MISSING, valueAt } from '../pure/format';
import type { SweepAxisView, SweepCellView } from '../pure/messages';
import { agreementLine, compareWithTheory, measuredByRatio } from '../pure/theoryCheck';
import type { SweepView } from '../pure/viewState';
import { el, figure, layout } from './dom';

type Post = (configHash: string) => void;

interface Column {
  name: string;
  value: (c: SweepCellView) => number | string | null | undefined;
  text: (c: SweepCellView) => string;
  numeric: boolean;
}

/** The cell table's sort, kept while the panel lives (clicking a header sorts by it, again reverses). */
const sort = { column: -1, descending: false };

function axesOf(v: SweepView): [SweepAxisView, SweepAxisView] {
  const axes = v.axes ?? [];
  const x = axes[0] ?? { path: 'dynamics.lrEncoder', values: [], log: true };
  // a one-axis sweep draws its cells on a single row at the base value of the other rate
  const yPath = x.path === 'dynamics.lrDecoder' ? 'dynamics.lrEncoder' : 'dynamics.lrDecoder';
  const y = axes[1] ?? { path: yPath, values: [valueAt(v.config, yPath)].filter(Number.isFinite), log: false };
  return [withValues(x, v), withValues(y, v)];
}

/** An axis rebuilt from stored cells has its values; an axis from the spec already has all of them. */
function withValues(axis: SweepAxisView, v: SweepView): SweepAxisView {
  if (axis.values.length > 0) return axis;
  const values = [...new Set(v.cells.map((c) => valueAt(c.config, axis.path)))].filter(Number.isFinite).sort((a, b) => a - b);
  return { ...axis, values };
}

function liveText(c: SweepCellView): string {
  return `step ${c.step ?? 0}, train ${formatAccuracy(c.trainAccuracy)}, test ${formatAccuracy(c.testAccuracy)}`;
}

/** The Sweep panel: the whole grid from the spec (pending grey, running light), p_r against measurement, and the cell table. */
export function renderSweep(v: SweepView, figures: HTMLElement, extra: HTMLElement, open: Post): void {
  const { column } = layout();
  const [x, y] = axesOf(v);
  const point = (c: SweepCellView) => `${valueAt(c.config, x.path)}|${valueAt(c.config, y.path)}`;
  const done = v.cells.filter((c) => c.state === 'done' && c.phase);
  const donePoints = new Set(done.map(point));
  const pending = new Map<string, PendingCell>();
  for (const c of v.cells) {
    if (c.state === 'done' || donePoints.has(point(c))) continue;
    const key = point(c);
    const px = valueAt(c.config, x.path);
    const py = valueAt(c.config, y.path);
    const where = `${leafOf(x.path)} = ${formatNumber(px)}, ${leafOf(y.path)} = ${formatNumber(py)}`;
    if (c.state === 'running' || !pending.has(key)) {
      const running = c.state === 'running';
      pending.set(key, {
        x: px,
        y: py,
        state: running ? 'running' : 'pending',
        key: c.configHash,
        title: `${where}\n${running ? `running: ${liveText(c)}` : 'pending'}`,
        ...(running ? { label: `${c.step ?? 0}\n${formatAccuracy(c.testAccuracy)}` } : {}),
      });
    }
  }
  if (x.values.length > 0 && y.values.length > 0) {
    const box = figure('Phase diagram', () =>
      phaseDiagram(
        done.map((c) => ({ config: c.config, phase: c.phase!, configHash: c.configHash })),
        {
          x: x.path,
          y: y.path,
          xType: x.log ? 'log' : 'linear',
          yType: y.log ? 'log' : 'linear',
          grid: { x: x.values, y: y.values },
          pending: [...pending.values()],
          key: (r) => r.configHash,
          criticalRatio: v.theory?.criticalRatio ?? null,
          width: Math.min(column, 520),
        },
      ),
    );
    box.id = 'geneft-phase-diagram';
    // the cell's config hash is written on its rect by the figure: no guessing from positions
    box.addEventListener('click', (event) => {
      const hash = (event.target as Element).closest('rect[data-key]')?.getAttribute('data-key');
      if (hash && done.some((c) => c.configHash === hash)) open(hash);
    });
    figures.append(box);
  }
  if (v.theory) {
    const t = v.theory;
    const measured = measuredByRatio(done);
    figures.append(
      figure('Repon theory against measurement: p_r and the fraction of cells that generalized, per η_dec/η_enc', () =>
        prCurve({ theory: t.curve, measured }, { criticalRatio: t.criticalRatio, width: column, height: 340 }),
        agreementLine(compareWithTheory(measured, t)),
      ),
    );
  }
  const running = v.cells.filter((c) => c.state === 'running');
  if (running.length > 0) {
    const list = el('div', undefined, 'running');
    list.id = 'geneft-running';
    for (const c of running) list.append(el('div', `in progress: ${leafOf(x.path)} ${formatNumber(valueAt(c.config, x.path))}, ${leafOf(y.path)} ${formatNumber(valueAt(c.config, y.path))} — ${liveText(c)}`));
    extra.append(list);
  }
  if (v.cells.length > 0) extra.append(cellTable(v, [x, ...(v.axes ?? []).slice(1)], open));
  if (v.status === 'failed' && v.message) extra.append(el('pre', v.message));
}

function cellTable(v: SweepView, axes: SweepAxisView[], open: Post): HTMLTableElement {
  const seeds = new Set(v.cells.map((c) => valueAt(c.config, 'seed'))).size > 1;
  const axisPaths = [...new Set(axes.map((a) => a.path))];
  const columns: Column[] = [
    ...axisPaths.map((path) => ({ name: leafOf(path), value: (c: SweepCellView) => valueAt(c.config, path), text: (c: SweepCellView) => formatNumber(valueAt(c.config, path)), numeric: true })),
    ...(seeds ? [{ name: 'seed', value: (c: SweepCellView) => valueAt(c.config, 'seed'), text: (c: SweepCellView) => String(valueAt(c.config, 'seed')), numeric: true }] : []),
    { name: 'phase', value: (c) => c.phase ?? c.state, text: (c) => c.phase ?? c.state, numeric: false },
    { name: 'steps', value: (c) => c.step, text: (c) => (c.step === undefined ? MISSING : String(c.step)), numeric: true },
    { name: 'train acc.', value: (c) => c.trainAccuracy, text: (c) => formatAccuracy(c.trainAccuracy), numeric: true },
    { name: 'test acc.', value: (c) => c.testAccuracy, text: (c) => formatAccuracy(c.testAccuracy), numeric: true },
    { name: 'stepTrain', value: (c) => c.stepTrain, text: (c) => (c.stepTrain == null ? MISSING : String(c.stepTrain)), numeric: true },
    { name: 'stepTest', value: (c) => c.stepTest, text: (c) => (c.stepTest == null ? MISSING : String(c.stepTest)), numeric: true },
  ];
  const table = el('table');
  table.id = 'geneft-cells';
  const head = el('tr');
  columns.forEach((col, i) => {
    const th = el('th', `${col.name}${sort.column === i ? (sort.descending ? ' ▼' : ' ▲') : ''}`, 'sortable');
    th.dataset.column = String(i);
    th.addEventListener('click', () => {
      sort.descending = sort.column === i ? !sort.descending : false;
      sort.column = i;
      table.replaceWith(cellTable(v, axes, open));
    });
    head.append(th);
  });
  head.append(el('th', ''));
  table.append(head);
  const rows = [...v.cells];
  if (sort.column >= 0) {
    const col = columns[sort.column];
    const rank = (c: SweepCellView) => {
      const value = col.value(c);
      return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? undefined : value;
    };
    rows.sort((a, b) => {
      const p = rank(a);
      const q = rank(b);
      // missing values last in either direction
      if (p === undefined || q === undefined) return p === undefined ? (q === undefined ? 0 : 1) : -1;
      const order = typeof p === 'number' && typeof q === 'number' ? p - q : String(p).localeCompare(String(q));
      return sort.descending ? -order : order;
    });
  }
  for (const c of rows) {
    const tr = el('tr');
    tr.dataset.phase = c.phase ?? c.state;
    tr.dataset.configHash = c.configHash;
    for (const col of columns) tr.append(el('td', col.text(c), col.numeric ? 'num' : undefined));
    const td = el('td');
    if (c.state === 'done') {
      const link = el('a', 'open run');
      link.addEventListener('click', () => open(c.configHash));
      td.append(link);
    }
    tr.append(td);
    table.append(tr);
  }
  return table;
}
