/** Three significant digits: a fitted or predicted ratio is not known better than that. */
export function formatRatio(r: number): string {
  return Number(r.toPrecision(3)).toString();
}
