/**
 * The numbers the TypeScript side sends the engine (core's ENGINE_CODES) must be the C++
 * enums of csrc/core/model.h, which the native addon and the WebAssembly build both compile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_CODES } from '@geneft/core';

/** enum NAME : int32_t { kA = 0, kB = 1 } → { a: 0, b: 1 } with names lowercased, "k" dropped. */
function parseEnums(header: string): Map<string, Record<string, number>> {
  const enums = new Map<string, Record<string, number>>();
  for (const [, name, body] of header.matchAll(/enum\s+(\w+)\s*:\s*int32_t\s*\{([^}]*)\}/g)) {
    const values: Record<string, number> = {};
    for (const [, member, value] of body.matchAll(/k(\w+)\s*=\s*(\d+)/g)) values[member.toLowerCase()] = Number(value);
    enums.set(name, values);
  }
  return enums;
}

/** ENGINE_CODES' names as model.h spells them: "ideal-distance" → "idealdistance". */
const normalized = (codes: Record<string, number>) => Object.fromEntries(Object.entries(codes).map(([k, v]) => [k.replace(/-/g, ''), v]));

describe('engine codes', () => {
  const enums = parseEnums(readFileSync(join(__dirname, '..', 'csrc', 'core', 'model.h'), 'utf8'));

  it('model.h declares the four enums the codes cover', () => {
    expect([...enums.keys()].sort()).toEqual(['Activation', 'Feature', 'Loss', 'OptimizerKind']);
  });

  it.each([
    ['Feature', ENGINE_CODES.feature],
    ['Activation', ENGINE_CODES.activation],
    ['Loss', ENGINE_CODES.loss],
    ['OptimizerKind', ENGINE_CODES.optimizer],
  ])('%s matches core', (name, codes) => {
    expect(enums.get(name)).toEqual(normalized(codes));
  });
});
