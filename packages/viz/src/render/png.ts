import { Resvg } from '@resvg/resvg-js';

/** Options of {@link renderPng}. */
export interface RenderPngOptions {
  /** pixels per SVG unit. Default 2 (sharp on high-density screens and in print). */
  scale?: number;
  /** font used for generic and unknown families (system-ui, sans-serif). Default "DejaVu Sans". */
  fontFamily?: string;
}

/**
 * Rasterises an SVG string (from renderSvg) to a PNG with resvg, using the system fonts.
 *
 * @example
 * ```ts
 * writeFileSync('phases.png', renderPng(renderSvg((document) => phaseDiagram(runs, { document })), { scale: 2 }));
 * ```
 */
export function renderPng(svg: string, options: RenderPngOptions = {}): Buffer {
  const family = options.fontFamily ?? 'DejaVu Sans';
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: family, sansSerifFamily: family },
  });
  return resvg.render().asPng();
}
