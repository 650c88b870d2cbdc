import type { DomDocument, DomHtmlElement, DomSvgElement } from './dom';

/**
 * What every figure factory shares: the options every figure takes, the element it returns, and
 * the `document` it is built in (a browser's, or a linkedom one in Node).
 */

/** What a figure factory returns: Plot's `<svg>`, or a `<figure>` when it has a title, caption or legend. */
export type Figure = DomSvgElement | DomHtmlElement;

/** Options every figure factory takes (its own options extend these, in one flat object). */
export interface FigureOptions {
  /**
   * The document the figure is built in. Default: `globalThis.document` (browsers, webviews).
   * In Node pass `nodeDocument()` from `@geneft/viz/node`, or build the figure inside
   * `renderSvg(document => ...)`, which passes one.
   */
  document?: DomDocument;
  /** outer width in pixels. Default 640. */
  width?: number;
  /** outer height in pixels. Default: chosen per figure (most keep a fixed aspect ratio). */
  height?: number;
  /** title above the figure. Default none. */
  title?: string;
  /** smaller line under the title. Default none. */
  subtitle?: string;
  /**
   * text under the figure. Default: a one-line key saying what each mark is (figures whose marks
   * differ only in line style or symbol); `null` hides it.
   */
  caption?: string | null;
  /** show the colour legend. Default true. */
  legend?: boolean;
}

/** Default outer width of every figure, in pixels. */
export const DEFAULT_WIDTH = 640;

export function resolveDocument(options: FigureOptions): DomDocument {
  const document = options.document ?? (globalThis as { document?: DomDocument }).document;
  if (!document) {
    throw new Error(
      '@geneft/viz: no DOM document. In Node pass {document: nodeDocument()} (from @geneft/viz/node) ' +
        'or build the figure inside renderSvg(document => ...).',
    );
  }
  return document;
}

/** The Plot.plot options that every figure sets the same way from FigureOptions. */
export interface FrameOptions {
  document: DomDocument;
  width: number;
  height?: number;
  title?: string;
  subtitle?: string;
  caption?: string;
}

export function frameOptions(options: FigureOptions, defaults: { height?: number; caption?: string }): FrameOptions {
  const caption = options.caption === undefined ? defaults.caption : (options.caption ?? undefined);
  return {
    document: resolveDocument(options),
    width: options.width ?? DEFAULT_WIDTH,
    ...((options.height ?? defaults.height) !== undefined ? { height: options.height ?? defaults.height } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.subtitle !== undefined ? { subtitle: options.subtitle } : {}),
    ...(caption !== undefined ? { caption } : {}),
  };
}
