import { sha256Hex } from '../util/sha256';

/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, numbers as JSON.stringify
 * writes them (shortest round-trip form). Two configs that mean the same have the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Content hash of a config: the first 16 hex digits (64 bits) of SHA-256 of its canonical JSON. */
export function configHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, 16);
}
