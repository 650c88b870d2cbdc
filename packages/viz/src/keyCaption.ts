import type { Spread } from './stats';

/** How a spread option reads in a caption. */
export function spreadText(spread: Spread, over = 'seeds'): string {
  switch (spread) {
    case 'sd':
      return `mean ± sd over ${over}`;
    case 'sem':
      return `mean ± standard error over ${over}`;
    case 'minmax':
      return `mean, bars from min to max over ${over}`;
    default:
      return `mean over ${over}`;
  }
}

/** Joins the present key entries into one caption, or undefined when none are present. */
export function keyCaption(parts: readonly (string | false | undefined)[]): string | undefined {
  const present = parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1));
  return present.length ? `${present.join('. ')}.` : undefined;
}
