import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Figure } from '../src';
import { renderPng, renderSvg } from '../src/node';

const OUT = join(__dirname, '..', 'test-output');

/**
 * Renders a figure to its standalone SVG, writes SVG and PNG under test-output/ for looking at,
 * and returns the SVG with its parsed root for content assertions.
 */
export function renderFigure(name: string, build: (document: Document) => Figure): { svg: string; root: Element } {
  const svg = renderSvg(build);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.svg`), svg);
  writeFileSync(join(OUT, `${name}.png`), renderPng(svg));
  const root = parseHTML(`<html><body>${svg}</body></html>`).document.querySelector('svg') as unknown as Element;
  return { svg, root };
}

/** Elements of the mark whose ariaDescription is `description`. */
export function markElements(root: Element, description: string, selector: string): Element[] {
  return Array.from(root.querySelectorAll(`g[aria-description="${description}"] ${selector}`));
}

/** The texts of all <text> elements (axis labels, titles, legends). */
export function texts(root: Element): string[] {
  return Array.from(root.querySelectorAll('text')).map((t) => (t.textContent ?? '').trim());
}
