/**
 * Makes a rendered figure byte-for-byte reproducible: Plot numbers clip paths, markers and
 * patterns from process-wide counters (so ids depend on what was drawn before), and coordinates
 * carry float noise (334.99999999999994). Ids are renumbered by first appearance and geometry
 * rounded to 0.01 px, far below what a screen or a PNG shows.
 */

const GEOMETRY = ['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points', 'viewBox', 'dx', 'dy'];
const LONG_DECIMAL = /-?\d+\.\d{3,}(?:e[-+]?\d+)?/g;

function round(text: string): string {
  return text.replace(LONG_DECIMAL, (s) => {
    const v = Math.round(Number(s) * 100) / 100;
    return String(Object.is(v, -0) ? 0 : v);
  });
}

export function normalizeSvg(root: Element): void {
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  const ids = new Map<string, string>();
  const perKind = new Map<string, number>();
  for (const el of elements) {
    const id = el.getAttribute('id');
    if (!id) continue;
    const kind = /^(plot-[a-z]+)-\d+/.exec(id)?.[1];
    if (!kind) continue;
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    const fresh = `${kind}-${n}${id.slice(/^plot-[a-z]+-\d+/.exec(id)![0].length)}`;
    ids.set(id, fresh);
    el.setAttribute('id', fresh);
  }
  const reference = /url\(#([^)]+)\)|^#(.+)$/g;
  for (const el of elements) {
    for (const attr of Array.from(el.attributes)) {
      let value = attr.value;
      if (ids.size > 0 && value.includes('#')) {
        value = value.replace(reference, (whole, inUrl: string | undefined, inHref: string | undefined) => {
          const target = ids.get(inUrl ?? inHref ?? '');
          if (!target) return whole;
          return inUrl !== undefined ? `url(#${target})` : `#${target}`;
        });
      }
      if (GEOMETRY.includes(attr.name)) value = round(value);
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
}
