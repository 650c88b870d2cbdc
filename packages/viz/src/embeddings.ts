import * as Plot from '@observablehq/plot';
import { frameOptions, type Figure, type FigureOptions } from './figure';
import { keyCaption } from './keyCaption';

/** The embedding table at one moment: row i is symbol i's latent (params.json `embeddings`). */
export interface EmbeddingSnapshot {
  /** training step of the snapshot; shown as the panel label. */
  step?: number;
  embeddings: readonly (readonly number[])[];
}

/** The data of {@link embeddings}. */
export interface EmbeddingsData {
  /** class of each symbol (e.g. i mod 3), used for colour. */
  classes: readonly (string | number)[];
  /** one or more snapshots, in time order. */
  snapshots: readonly EmbeddingSnapshot[];
}

/** Options of {@link embeddings}. */
export interface EmbeddingsOptions extends FigureOptions {
  /**
   * How several snapshots are shown: one panel each ("facet"), or the last one with a fading
   * trail through the earlier ones ("trails"). Default "facet".
   */
  mode?: 'facet' | 'trails';
  /** which two latent dimensions to plot. Default [0, 1]. */
  dims?: readonly [number, number];
  /** write each symbol's index next to its point. Default false. */
  labels?: boolean;
}

interface LatentPoint {
  symbol: number;
  cls: string;
  x: number;
  y: number;
  snapshot: number;
  panel: string;
}

/**
 * 2-D latents (repons) coloured by class (science.md A3.2, C6; Theorem 1: an equivalence is
 * learned as one cluster per class), optionally over several snapshots, faceted or with trails.
 * Both axes share one scale so distances read true.
 *
 * @example
 * ```ts
 * embeddings({ classes: [0, 1, 2, 0], snapshots: [{ step: 0, embeddings: [[0, 0], [1, 0], [0, 1], [0.1, 0]] }] }, { document });
 * ```
 */
export function embeddings(data: EmbeddingsData, options: EmbeddingsOptions = {}): Figure {
  const [dx, dy] = options.dims ?? [0, 1];
  const mode = data.snapshots.length > 1 ? (options.mode ?? 'facet') : 'facet';
  const points: LatentPoint[] = data.snapshots.flatMap((s, k) => {
    if (s.embeddings.length !== data.classes.length) {
      throw new Error(`@geneft/viz: snapshot ${k} has ${s.embeddings.length} embeddings for ${data.classes.length} classes`);
    }
    return s.embeddings.map((e, symbol) => {
      if (e.length <= Math.max(dx, dy)) throw new Error(`@geneft/viz: embeddings need dimension ${Math.max(dx, dy)}, got ${e.length}`);
      return { symbol, cls: className(data.classes[symbol]), x: e[dx], y: e[dy], snapshot: k, panel: panelName(s, k) };
    });
  });
  const classes = [...new Set(data.classes.map(className))];
  const last = data.snapshots.length - 1;
  const faceted = mode === 'facet' && data.snapshots.length > 1;
  const shown = mode === 'trails' ? points.filter((p) => p.snapshot === last) : points;
  const n = data.classes.length;
  // consecutive positions of each symbol, older segments fainter
  const trails =
    mode === 'trails'
      ? points
          .filter((p) => p.snapshot < last)
          .map((p) => {
            const next = points[(p.snapshot + 1) * n + p.symbol];
            return { ...p, x2: next.x, y2: next.y, opacity: 0.15 + (0.55 * (p.snapshot + 1)) / last };
          })
      : [];
  const fx = faceted ? { fx: 'panel' } : {};
  const square = options.height === undefined ? { aspectRatio: 1 } : {};

  return Plot.plot({
    ...frameOptions(options, {
      caption: keyCaption([
        `Latent dimensions ${dx} and ${dy} of each symbol, coloured by class`,
        mode === 'trails' && 'faint lines: the path through earlier snapshots',
      ]),
    }),
    ...square,
    marginLeft: 44,
    marginBottom: 40,
    inset: 10,
    x: { label: `latent ${dx}`, labelAnchor: 'center', labelArrow: 'none' },
    y: { label: `latent ${dy}`, labelAnchor: 'center', labelArrow: 'none' },
    ...(faceted ? { fx: { label: null, domain: data.snapshots.map(panelName) } } : {}),
    color: { type: 'categorical', domain: classes, legend: options.legend ?? true},
    marks: [
      Plot.link(trails, { x1: 'x', y1: 'y', x2: 'x2', y2: 'y2', stroke: 'cls', strokeOpacity: 'opacity', strokeWidth: 1.5, ariaDescription: 'trail' }),
      Plot.dot(shown, { x: 'x', y: 'y', fill: 'cls', r: 4.5, stroke: 'white', strokeWidth: 0.75, ...fx, title: (p: LatentPoint) => `symbol ${p.symbol}, ${p.cls}`, ariaDescription: 'latent' }),
      ...(options.labels ? [Plot.text(shown, { x: 'x', y: 'y', text: 'symbol', dx: 7, textAnchor: 'start', fontSize: 8, fill: '#444', ...fx, ariaDescription: 'symbol label' })] : []),
      Plot.frame({ stroke: '#bbb', strokeWidth: 0.5 }),
    ],
  });
}

/** Numeric classes read as "class 0" in the legend; named ones as themselves. */
function className(c: string | number): string {
  return typeof c === 'number' ? `class ${c}` : c;
}

function panelName(s: EmbeddingSnapshot, k: number): string {
  return s.step !== undefined ? `step ${s.step}` : `snapshot ${k + 1}`;
}
