import * as Plot from '@observablehq/plot';
import { PHASES, type Phase } from '@geneft/core';
import { pathLabel, resolvePath, runAccessor, type RunAccessor } from './configPath';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { autoAxisType, cellEdges, type AxisType } from './grid';
import { lineThroughOriginInBox } from './lines';
import { isGeneralizing, phaseColorScale } from './phaseColors';
import { formatRatio } from './format';

/**
 * One finished run as the phase diagram needs it: its config (read through the `x`, `y`, `fx`,
 * `fy` paths) and its phase. A `StoredRun` (a line of the run store) or a `RunResult` fits as is.
 */
export interface PhaseRun {
  /** the experiment config (resolved, or any object the accessors can read). */
  config: object;
  phase: Phase;
}

/**
 * Options of {@link phaseDiagram}.
 *
 * @example
 * ```ts
 * import { RunStore } from '@geneft/core/node';
 * import { phaseDiagram } from '@geneft/viz';
 * import { renderSvg } from '@geneft/viz/node';
 * const runs = RunStore.open('.geneft-runs/lr').readAll();
 * const svg = renderSvg((document) => phaseDiagram(runs, { document, x: 'lrEncoder', y: 'lrDecoder', fill: 'phase' }));
 * ```
 */
export interface PhaseDiagramOptions<T extends PhaseRun = PhaseRun> extends FigureOptions {
  /** horizontal axis: a config path or leaf name, or a function of the run. Default "lrEncoder". */
  x?: RunAccessor<T>;
  /** vertical axis. Default "lrDecoder". */
  y?: RunAccessor<T>;
  /** horizontal facets (one panel per value), e.g. "weightDecayDecoder". Default none. */
  fx?: RunAccessor<T>;
  /** vertical facets. Default none. */
  fy?: RunAccessor<T>;
  /** x scale. Default "log" when every x is positive and they span ≥ 10×, else "linear". */
  xType?: AxisType;
  /** y scale. Default as xType. */
  yType?: AxisType;
  /** axis labels. Default: a readable name of the path ("encoder learning rate η_enc"). */
  xLabel?: string;
  yLabel?: string;
  fxLabel?: string;
  fyLabel?: string;
  /**
   * What a cell's colour shows when it holds several runs (seeds): "phase", the majority phase
   * (ties go to the phase listed first in PHASES), with the fixed phase colours; or
   * "generalizing", the fraction of runs that ended in comprehension or grokking. Default "phase".
   */
  fill?: 'phase' | 'generalizing';
  /**
   * The predicted memorization boundary η_dec/η_enc = criticalRatio, drawn as a solid line when
   * the axes are the two learning rates (either way round); null hides it. Default 10, the
   * paper's rule that the decoder should not learn more than about 10× faster than the encoder.
   */
  criticalRatio?: number | null;
  /** further constant-ratio lines η_dec/η_enc = r, dashed. Default [0.1, 1, 100]. */
  referenceRatios?: readonly number[];
  /**
   * Every value of the x and y axes (a sweep's spec): cell edges and the axes' domains come from
   * the whole grid, not from the runs present, so a live diagram keeps its axes and cell sizes
   * from the first run to the last. Default: the values of the runs.
   */
  grid?: { x: readonly number[]; y: readonly number[] };
  /** cells with no finished run yet, drawn grey (running ones lighter, outlined). Needs `grid`. Default none. */
  pending?: readonly PendingCell[];
  /** a key per run (e.g. its config hash), written on its cell as `data-key` so a click finds the run. Default none. */
  key?: (run: T) => string;
}

/** A grid point without a finished run (yet). */
export interface PendingCell {
  x: number;
  y: number;
  /** running: training now; pending: waiting. */
  state: 'pending' | 'running';
  /** tooltip text. Default: the coordinates and the state. */
  title?: string;
  /** written on the cell as `data-key`. */
  key?: string;
  /** short text drawn in the cell (e.g. a running cell's step and accuracy). Default none. */
  label?: string;
}

/** Fill of a cell without a result: neutral greys that read on light and dark backgrounds. */
export const PENDING_FILL = { pending: '#9e9e9e', running: '#c8c8c8' } as const;

/** One cell of the grid with the runs (seeds) that fell in it. */
export interface PhaseCell {
  x: number;
  y: number;
  fx?: number;
  fy?: number;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  counts: Record<Phase, number>;
  n: number;
  majority: Phase;
  generalizing: number;
  /** the runs in the cell, in input order. */
  runs: PhaseRun[];
}

/**
 * The learning-rate phase diagram (science.md A3.5, C9–C10; the paper's Fig. 5 and, faceted by
 * decoder weight decay, Fig. 8): one cell per grid point on a log–log (η_enc, η_dec) grid coloured
 * by phase, the predicted constant-ratio boundary, and reference ratio lines.
 *
 * @example
 * ```ts
 * phaseDiagram(runs, { document, x: 'lrEncoder', y: 'lrDecoder', fill: 'phase', fx: 'weightDecayDecoder' });
 * ```
 */
export function phaseDiagram<T extends PhaseRun>(runs: readonly T[], options: PhaseDiagramOptions<T> = {}): Figure {
  const xAcc = options.x ?? 'lrEncoder';
  const yAcc = options.y ?? 'lrDecoder';
  const cells = runs.length > 0 || !options.grid ? phaseCells(runs, options) : [];
  const xValues = options.grid?.x ?? cells.map((c) => c.x);
  const yValues = options.grid?.y ?? cells.map((c) => c.y);
  const xType = options.xType ?? autoAxisType(xValues);
  const yType = options.yType ?? autoAxisType(yValues);
  const xEdges = cellEdges(xValues, xType);
  const yEdges = cellEdges(yValues, yType);
  const extent = (edges: Map<number, [number, number]>): [number, number] => [Math.min(...[...edges.values()].map((e) => e[0])), Math.max(...[...edges.values()].map((e) => e[1]))];
  const xDomain = extent(xEdges);
  const yDomain = extent(yEdges);
  const pending = (options.pending ?? [])
    .filter((p) => xEdges.has(p.x) && yEdges.has(p.y))
    .map((p) => ({ ...p, x1: xEdges.get(p.x)![0], x2: xEdges.get(p.x)![1], y1: yEdges.get(p.y)![0], y2: yEdges.get(p.y)![1] }));
  const sample = runs[0]?.config;
  const keyOf = options.key;
  const keys = keyOf ? cells.map((c) => keyOf(c.runs[0] as T)) : undefined;
  const byPhase = (options.fill ?? 'phase') === 'phase';
  const legend = options.legend ?? true;
  const faceted = options.fx !== undefined || options.fy !== undefined;

  const marks: Plot.Markish[] = [
    Plot.rect(pending, {
      x1: 'x1',
      x2: 'x2',
      y1: 'y1',
      y2: 'y2',
      fill: (p: PendingCell) => PENDING_FILL[p.state],
      stroke: 'white',
      strokeWidth: 0.5,
      title: (p: PendingCell) => p.title ?? `x = ${formatValue(p.x)}, y = ${formatValue(p.y)}\n${p.state}`,
      ariaDescription: 'pending cell',
      render: withKeys(pending.map((p) => p.key)),
    }),
    Plot.text(
      pending.filter((p) => p.label),
      { x: 'x', y: 'y', text: 'label', fontSize: 9, lineHeight: 1.1, fill: 'currentColor', ariaDescription: 'pending label' },
    ),
    Plot.rect(cells, {
      x1: 'x1',
      x2: 'x2',
      y1: 'y1',
      y2: 'y2',
      ...(options.fx !== undefined ? { fx: 'fx' } : {}),
      ...(options.fy !== undefined ? { fy: 'fy' } : {}),
      fill: byPhase ? 'majority' : 'generalizing',
      stroke: 'white',
      strokeWidth: 0.5,
      title: (c: PhaseCell) => cellTitle(c, xLabelShort(options, sample, xAcc), xLabelShort(options, sample, yAcc)),
      ariaDescription: 'phase cell',
      ...(keys ? { render: withKeys(keys) } : {}),
    }),
    ...ratioLines(sample, xAcc, yAcc, xDomain, yDomain, options, xType === 'log' && yType === 'log'),
    Plot.frame({ stroke: '#888', strokeWidth: 0.5 }),
  ];

  const aspect = options.height === undefined && xType === yType ? { aspectRatio: 1 } : {};
  return Plot.plot({
    ...frameOptions(options, {}),
    // one unfaceted square panel reads best a little narrower than the default
    ...(options.width === undefined && !faceted ? { width: 520 } : {}),
    ...aspect,
    marginLeft: 60,
    marginRight: faceted ? 20 : 16,
    marginBottom: 44,
    x: { type: xType, domain: xDomain, ...logTicks(xType), label: options.xLabel ?? pathLabel(xAcc as RunAccessor<never>, sample), labelAnchor: 'center', labelArrow: 'none' },
    y: { type: yType, domain: yDomain, ...logTicks(yType), label: options.yLabel ?? pathLabel(yAcc as RunAccessor<never>, sample), labelAnchor: 'center', labelArrow: 'none' },
    ...(options.fx !== undefined ? { fx: { label: options.fxLabel ?? pathLabel(options.fx as RunAccessor<never>, sample) } } : {}),
    ...(options.fy !== undefined ? { fy: { label: options.fyLabel ?? pathLabel(options.fy as RunAccessor<never>, sample) } } : {}),
    color: byPhase
      ? phaseColorScale(legend)
      : // stepped, not continuous: a continuous ramp legend needs <canvas>, which Node's DOM lacks
        { type: 'threshold', domain: [0.2, 0.4, 0.6, 0.8], scheme: 'greens', legend, label: 'fraction of seeds generalizing' },
    marks,
  });
}

/** Groups runs into grid cells (per facet) and counts their phases. */
export function phaseCells<T extends PhaseRun>(runs: readonly T[], options: PhaseDiagramOptions<T> = {}): PhaseCell[] {
  if (runs.length === 0) throw new Error('@geneft/viz: phaseDiagram needs at least one run');
  const xOf = runAccessor(options.x ?? 'lrEncoder', 'x');
  const yOf = runAccessor(options.y ?? 'lrDecoder', 'y');
  const fxOf = options.fx !== undefined ? runAccessor(options.fx, 'fx') : undefined;
  const fyOf = options.fy !== undefined ? runAccessor(options.fy, 'fy') : undefined;
  const points = runs.map((run) => ({ run, x: xOf(run), y: yOf(run), fx: fxOf?.(run), fy: fyOf?.(run) }));
  const xType = options.xType ?? autoAxisType(options.grid?.x ?? points.map((p) => p.x));
  const yType = options.yType ?? autoAxisType(options.grid?.y ?? points.map((p) => p.y));
  const xEdges = cellEdges(options.grid?.x ?? points.map((p) => p.x), xType);
  const yEdges = cellEdges(options.grid?.y ?? points.map((p) => p.y), yType);

  const cells = new Map<string, PhaseCell>();
  for (const p of points) {
    const key = `${p.fx}|${p.fy}|${p.x}|${p.y}`;
    let cell = cells.get(key);
    if (!cell) {
      const [x1, x2] = xEdges.get(p.x)!;
      const [y1, y2] = yEdges.get(p.y)!;
      cell = {
        x: p.x,
        y: p.y,
        ...(p.fx !== undefined ? { fx: p.fx } : {}),
        ...(p.fy !== undefined ? { fy: p.fy } : {}),
        x1,
        x2,
        y1,
        y2,
        counts: Object.fromEntries(PHASES.map((ph) => [ph, 0])) as Record<Phase, number>,
        n: 0,
        majority: p.run.phase,
        generalizing: 0,
        runs: [],
      };
      cells.set(key, cell);
    }
    cell.counts[p.run.phase] += 1;
    cell.n += 1;
    cell.runs.push(p.run);
  }
  for (const cell of cells.values()) {
    cell.majority = PHASES.reduce((best, ph) => (cell.counts[ph] > cell.counts[best] ? ph : best), PHASES[0]);
    cell.generalizing = PHASES.filter(isGeneralizing).reduce((s, ph) => s + cell.counts[ph], 0) / cell.n;
  }
  return [...cells.values()];
}

/**
 * Where a ratio line's label sits relative to the line's visible end. Plot offsets text in screen
 * space (before rotating it), so a label running along a 45° line is moved back along the line
 * and off it by hand: below it when the line leaves through the top edge, above it otherwise.
 */
function labelPlacement(rotated: boolean, throughTop: boolean) {
  if (!rotated) return throughTop ? { textAnchor: 'start' as const, dx: 6, dy: 12 } : { textAnchor: 'end' as const, dx: -6, dy: -6 };
  // leaving through the top (or the top-right corner) the label's lower end would poke out of the right edge
  const back = (throughTop ? 16 : 4) / Math.SQRT2;
  const off = 9 / Math.SQRT2;
  return {
    textAnchor: 'end' as const,
    rotate: -45,
    ...(throughTop ? { dx: off - back, dy: back + off } : { dx: -back - off, dy: back - off }),
  };
}

/** Learning rates read best as 1e-3 rather than Plot's SI default (1m). */
function logTicks(type: AxisType) {
  return type === 'log' ? { tickFormat: 'e' } : {};
}

function cellTitle(c: PhaseCell, xName: string, yName: string): string {
  const counts = PHASES.filter((ph) => c.counts[ph] > 0).map((ph) => `${ph} ${c.counts[ph]}`);
  return `${xName} = ${formatValue(c.x)}, ${yName} = ${formatValue(c.y)}\n${counts.join(', ')} (of ${c.n})`;
}

/** Three significant digits; tiny and huge values in exponent form (1e-3 reads "0.001", 3.16e-5 "3.16e-5"). */
function formatValue(v: number): string {
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return formatRatio(v);
}

/** The short name of an axis for tooltips: its leaf ("lrEncoder"), or "x"/"y" for accessor functions. */
function xLabelShort<T extends PhaseRun>(_options: PhaseDiagramOptions<T>, sample: unknown, acc: RunAccessor<T>): string {
  if (typeof acc !== 'string') return 'value';
  const path = (sample ? resolvePath(sample, acc) : null) ?? acc;
  return path.replace(/^.*\./, '');
}

/**
 * A render transform writing each element's key as `data-key`: Plot renders one element per
 * index entry, in the index's order, so index[j] names the datum of the j-th element.
 */
function withKeys(keys: readonly (string | undefined)[]): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    const elements = g.querySelectorAll('rect');
    index.forEach((datum, j) => {
      const key = keys[datum];
      if (key !== undefined) elements[j]?.setAttribute('data-key', key);
    });
    return g;
  };
}

/** The predicted boundary and reference lines, when the axes are the two learning rates. */
function ratioLines<T extends PhaseRun>(
  sample: unknown,
  xAcc: RunAccessor<T>,
  yAcc: RunAccessor<T>,
  xDomain: [number, number],
  yDomain: [number, number],
  options: PhaseDiagramOptions<T>,
  logLog: boolean,
): Plot.Markish[] {
  if (typeof xAcc !== 'string' || typeof yAcc !== 'string') return [];
  // before any run has finished there is no config to resolve against: take full paths as written
  const xPath = resolvePath(sample, xAcc) ?? xAcc;
  const yPath = resolvePath(sample, yAcc) ?? yAcc;
  const encOnX = xPath === 'dynamics.lrEncoder' && yPath === 'dynamics.lrDecoder';
  const decOnX = xPath === 'dynamics.lrDecoder' && yPath === 'dynamics.lrEncoder';
  if (!encOnX && !decOnX) return [];
  const critical = options.criticalRatio === undefined ? 10 : options.criticalRatio;
  const refs = (options.referenceRatios ?? [0.1, 1, 100]).filter((r) => r !== critical);
  const line = (ratio: number, label: string, boundary: boolean): Plot.Markish[] => {
    const ends = lineThroughOriginInBox(encOnX ? ratio : 1 / ratio, xDomain, yDomain);
    if (!ends) return [];
    const end = [ends[1]];
    // on equal-decade log–log axes a constant ratio runs at 45°; elsewhere the label stays level
    const rotated = logLog && options.height === undefined;
    // a line leaving through the top edge is labelled below itself, one leaving through the right edge above
    const throughTop = Math.abs(ends[1][1] - Math.max(...yDomain)) <= 1e-9 * Math.abs(ends[1][1]);
    return [
      Plot.line(ends, {
        stroke: boundary ? '#000' : '#555',
        strokeWidth: boundary ? 2 : 1,
        strokeDasharray: boundary ? undefined : '4,3',
        ariaDescription: boundary ? 'phase boundary' : 'ratio line',
      }),
      Plot.text(end, {
        text: () => label,
        ...labelPlacement(rotated, throughTop),
        fill: boundary ? '#000' : '#444',
        fontWeight: boundary ? 'bold' : 'normal',
        stroke: 'white',
        strokeWidth: 3,
        ariaDescription: boundary ? 'phase boundary label' : 'ratio label',
      }),
    ];
  };
  return [
    ...refs.flatMap((r) => line(r, `ratio ${formatRatio(r)}`, false)),
    ...(critical !== null ? line(critical, `η_dec/η_enc = ${formatRatio(critical)} (predicted)`, true) : []),
  ];
}
