import type { DomDocument } from '../dom';
import type { Figure } from '../figure';
import { composeSvg, type ComposeOptions } from './compose';
import { nodeDocument } from './document';
import { normalizeSvg } from './normalize';

/** Options of {@link renderSvg}. */
export type RenderSvgOptions = ComposeOptions;

/**
 * A figure as a standalone SVG document string: xmlns set, a white background, titles, legends
 * and captions drawn as SVG, ids and coordinates normalised so the same input gives the same bytes.
 * Pass the element a factory returned, or a function that builds it in the document it is given.
 *
 * @example
 * ```ts
 * const svg = renderSvg((document) => prCurve(data, { document }));
 * ```
 */
export function renderSvg(figure: Figure | ((document: DomDocument) => Figure), options: RenderSvgOptions = {}): string {
  const element = typeof figure === 'function' ? figure(nodeDocument()) : figure;
  const root = composeSvg(element, options);
  normalizeSvg(root);
  return root.outerHTML;
}
