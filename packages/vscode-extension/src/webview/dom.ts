/** Small DOM helpers of the panels' script. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A titled figure box; a figure that cannot be drawn (bad data) says why instead of breaking the panel. */
export function figure(title: string, build: () => Node, note?: string): HTMLElement {
  const box = el('div', undefined, 'figure');
  box.append(el('h2', title));
  try {
    box.append(build());
  } catch (error) {
    box.append(el('p', `(${(error as Error).message})`));
  }
  if (note) box.append(el('p', note, 'note'));
  return box;
}

/** Widths of the panel's figures: one column when narrow, two side by side when wide. */
export function layout(): { full: number; column: number } {
  const full = Math.max(280, Math.floor(document.body.clientWidth - 32));
  return { full, column: full >= 880 ? Math.floor((full - 20) / 2) : full };
}
