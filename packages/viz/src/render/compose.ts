/**
 * Turns what a figure factory returned into one standalone <svg>. Plot returns a bare <svg>, or a
 * <figure> holding HTML around it (<h2> title, <h3> subtitle, a <div> of legend swatches, ramp
 * legends, <figcaption>) that only a browser can lay out. Each of those becomes an SVG block
 * stacked top to bottom; nested figures (multi-panel figures) are walked the same way.
 */

import type { DomElement, DomSvgElement } from '../dom';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 10;
/** Average advance of a character as a fraction of the font size (DejaVu Sans / system-ui). */
const CHAR_WIDTH = 0.58;

interface Block {
  width: number;
  height: number;
  /** appends the block's nodes to `parent`, its top-left corner at (x, y). */
  draw(parent: Element, x: number, y: number): void;
}

interface TextStyle {
  size: number;
  weight?: string;
  fill: string;
}

const TITLE: TextStyle = { size: 16, weight: 'bold', fill: '#111' };
const SUBTITLE: TextStyle = { size: 12, fill: '#444' };
const CAPTION: TextStyle = { size: 11, fill: '#555' };
const SWATCH_LABEL: TextStyle = { size: 10, fill: '#222' };

export interface ComposeOptions {
  /** fill behind the figure; null leaves it transparent. Default "white". */
  background?: string | null;
}

export function composeSvg(figure: DomElement, options: ComposeOptions = {}): DomSvgElement {
  const document = figure.ownerDocument;
  const el = (name: string, attrs: Record<string, string | number>): Element => {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };

  const textBlock = (content: string, style: TextStyle, maxWidth: number): Block => {
    const lines = wrap(content.trim(), Math.max(10, Math.floor(maxWidth / (style.size * CHAR_WIDTH))));
    const lineHeight = Math.round(style.size * 1.3);
    return {
      width: Math.min(maxWidth, Math.max(...lines.map((l) => l.length)) * style.size * CHAR_WIDTH),
      height: lines.length * lineHeight + 4,
      draw(parent, x, y) {
        lines.forEach((line, i) => {
          const t = el('text', {
            x,
            y: y + (i + 1) * lineHeight - Math.round(style.size * 0.3),
            'font-size': style.size,
            fill: style.fill,
            ...(style.weight ? { 'font-weight': style.weight } : {}),
          });
          t.textContent = line;
          parent.appendChild(t);
        });
      },
    };
  };

  const svgBlock = (svg: Element): Block => {
    const width = Number(svg.getAttribute('width') ?? 0);
    const height = Number(svg.getAttribute('height') ?? 0);
    return {
      width,
      height,
      draw(parent, x, y) {
        const copy = svg.cloneNode(true) as Element;
        copy.setAttribute('x', String(x));
        copy.setAttribute('y', String(y));
        copy.removeAttribute('style');
        parent.appendChild(copy);
      },
    };
  };

  /** A legend of Plot swatches (<span><svg/>label</span>) laid out in rows. */
  const swatchBlock = (div: Element, maxWidth: number): Block => {
    const items = Array.from(div.children)
      .filter((c) => c.tagName.toLowerCase() === 'span')
      .map((span) => ({ swatch: span.querySelector('svg'), label: (span.textContent ?? '').trim() }));
    const rowHeight = 22;
    const placed: { item: (typeof items)[number]; dx: number; row: number }[] = [];
    let dx = 0;
    let row = 0;
    for (const item of items) {
      const size = Number(item.swatch?.getAttribute('width') ?? 15);
      const w = size + 6 + item.label.length * SWATCH_LABEL.size * CHAR_WIDTH + 16;
      if (dx > 0 && dx + w > maxWidth) {
        dx = 0;
        row += 1;
      }
      placed.push({ item, dx, row });
      dx += w;
    }
    return {
      width: maxWidth,
      height: items.length ? (row + 1) * rowHeight + 6 : 0,
      draw(parent, x, y) {
        for (const { item, dx: ox, row: r } of placed) {
          const top = y + r * rowHeight + 3;
          const size = Number(item.swatch?.getAttribute('width') ?? 15);
          if (item.swatch) {
            const copy = item.swatch.cloneNode(true) as Element;
            copy.setAttribute('x', String(x + ox));
            copy.setAttribute('y', String(top));
            copy.setAttribute('overflow', 'visible');
            parent.appendChild(copy);
          }
          const t = el('text', { x: x + ox + size + 6, y: top + size / 2 + 3.5, 'font-size': SWATCH_LABEL.size, fill: SWATCH_LABEL.fill });
          t.textContent = item.label;
          parent.appendChild(t);
        }
      },
    };
  };

  const gap = (height: number): Block => ({ width: 0, height, draw: () => undefined });

  const blocksOf = (node: Element, maxWidth: number): Block[] => {
    const tag = node.tagName.toLowerCase();
    if (tag === 'svg') return [svgBlock(node)];
    if (tag === 'figure') return Array.from(node.children).flatMap((c) => blocksOf(c, maxWidth));
    if (tag === 'h2') return [textBlock(node.textContent ?? '', TITLE, maxWidth)];
    if (tag === 'h3') return [textBlock(node.textContent ?? '', SUBTITLE, maxWidth)];
    if (tag === 'figcaption') return [gap(6), textBlock(node.textContent ?? '', CAPTION, maxWidth)];
    if (tag === 'div' && /swatches/.test(node.getAttribute('class') ?? '')) return [swatchBlock(node, maxWidth)];
    if (tag === 'div') return Array.from(node.children).flatMap((c) => blocksOf(c, maxWidth));
    return [];
  };

  const widest = Math.max(0, ...Array.from(figure.querySelectorAll('svg')).map((s) => Number(s.getAttribute('width') ?? 0)));
  const blocks = blocksOf(figure, widest || 640);
  const single = blocks.length === 1 && figure.tagName.toLowerCase() === 'svg';
  const pad = single ? 0 : PAD;
  const width = Math.ceil(Math.max(...blocks.map((b) => b.width), 0) + 2 * pad);
  const height = Math.ceil(blocks.reduce((s, b) => s + b.height, 0) + 2 * pad);

  const root = el('svg', {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': 'system-ui, sans-serif',
  }) as SVGSVGElement;
  if (options.background !== null) root.appendChild(el('rect', { width: '100%', height: '100%', fill: options.background ?? 'white' }));
  let y = pad;
  for (const block of blocks) {
    block.draw(root, pad, y);
    y += block.height;
  }
  return root;
}

/** Greedy word wrap to at most `columns` characters per line. */
export function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    // split on plain spaces only: a no-break space keeps "C = 0" on one line
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > columns) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
