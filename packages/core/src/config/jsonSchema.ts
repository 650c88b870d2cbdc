/**
 * The subset of JSON Schema (draft 2020-12) that GenEFT's schemas use, with a validator that
 * reports the first problem as a GenEftInputError at a precise JSON path. Written here rather
 * than using Ajv because Ajv compiles schemas with `new Function`, which a VS Code webview's CSP
 * forbids, and because its messages ("must be >= 0") do not name what was expected in user terms.
 *
 * `discriminator: {propertyName}` (OpenAPI style) on a `oneOf` picks the branch whose
 * `properties[propertyName].const` matches, so errors come from that branch only.
 */
import { GenEftInputError } from '../errors';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  enum?: readonly (string | number)[];
  const?: string | number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  discriminator?: { propertyName: string };
  examples?: unknown[];
}

/** Validates `value`; throws at the first problem. `path` is the JSONPath of `value`. */
export function validate(schema: JsonSchema, value: unknown, path = '$'): void {
  if (schema.discriminator && schema.oneOf) {
    validate(pickBranch(schema, value, path), value, path);
    return;
  }
  if (schema.anyOf) {
    const errors: GenEftInputError[] = [];
    for (const branch of schema.anyOf) {
      try {
        validate(branch, value, path);
        return;
      } catch (e) {
        errors.push(e as GenEftInputError);
      }
    }
    throw errors.sort((a, b) => b.path.length - a.path.length)[0];
  }
  if (schema.const !== undefined && value !== schema.const) {
    throw new GenEftInputError(path, JSON.stringify(schema.const), value);
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) {
    throw new GenEftInputError(path, `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`, value);
  }
  switch (schema.type) {
    case 'object':
      return validateObject(schema, value, path);
    case 'array':
      return validateArray(schema, value, path);
    case 'number':
    case 'integer':
      return validateNumber(schema, value, path);
    case 'string':
      if (typeof value !== 'string') throw new GenEftInputError(path, 'a string', value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw new GenEftInputError(path, 'true or false', value);
      return;
  }
}

function pickBranch(schema: JsonSchema, value: unknown, path: string): JsonSchema {
  const key = schema.discriminator!.propertyName;
  if (!isPlainObject(value)) throw new GenEftInputError(path, 'an object', value);
  const tags = schema.oneOf!.map((b) => b.properties![key].const);
  const tag = (Object.hasOwn(value, key) ? value[key] : undefined) ?? defaultTag(schema);
  const branch = schema.oneOf!.find((b) => b.properties![key].const === tag);
  if (!branch) {
    throw new GenEftInputError(`${path}.${key}`, `one of ${tags.map((t) => JSON.stringify(t)).join(', ')}`, tag);
  }
  return branch;
}

/** The discriminator value used when the property is omitted (from the union's `default`). */
function defaultTag(schema: JsonSchema): unknown {
  const key = schema.discriminator!.propertyName;
  return isPlainObject(schema.default) ? schema.default[key] : undefined;
}

function validateObject(schema: JsonSchema, value: unknown, path: string): void {
  if (!isPlainObject(value)) throw new GenEftInputError(path, 'an object', value);
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) throw new GenEftInputError(`${path}.${key}`, 'this required property to be present');
  }
  const properties = schema.properties ?? {};
  for (const [key, v] of Object.entries(value)) {
    // Own properties only: "constructor" or "__proto__" must not find Object.prototype's members.
    const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
    const childPath = childOf(path, key);
    if (!sub) {
      if (schema.additionalProperties === false) {
        throw new GenEftInputError(childPath, `a known property (one of ${Object.keys(properties).join(', ')})`, key);
      }
      continue;
    }
    validate(sub, v, childPath);
  }
}

function validateArray(schema: JsonSchema, value: unknown, path: string): void {
  if (!Array.isArray(value)) throw new GenEftInputError(path, 'an array', value);
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    throw new GenEftInputError(path, `an array of at least ${schema.minItems} items`, value);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    throw new GenEftInputError(path, `an array of at most ${schema.maxItems} items`, value);
  }
  value.forEach((item, i) => {
    const sub = schema.prefixItems?.[i] ?? schema.items;
    if (sub) validate(sub, item, `${path}[${i}]`);
  });
}

function validateNumber(schema: JsonSchema, value: unknown, path: string): void {
  const integer = schema.type === 'integer';
  const bounds = describeBounds(schema);
  const expected = `${integer ? 'an integer' : 'a number'}${bounds ? ` ${bounds}` : ''}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new GenEftInputError(path, expected, value);
  if (integer && !Number.isSafeInteger(value)) throw new GenEftInputError(path, expected, value);
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  if (
    (minimum !== undefined && value < minimum) ||
    (maximum !== undefined && value > maximum) ||
    (exclusiveMinimum !== undefined && value <= exclusiveMinimum) ||
    (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
  ) {
    throw new GenEftInputError(path, expected, value);
  }
}

function describeBounds(schema: JsonSchema): string {
  const lower =
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : schema.minimum !== undefined ? `≥ ${schema.minimum}` : '';
  const upper =
    schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : schema.maximum !== undefined ? `≤ ${schema.maximum}` : '';
  if (lower && upper) return `${lower} and ${upper}`;
  return lower || upper;
}

/**
 * Fills `default`s into a (validated) value, recursively: missing properties with a default get
 * it; missing object-typed properties are created and filled. Returns a new value.
 */
export function applyDefaults(schema: JsonSchema, value: unknown): unknown {
  if (schema.discriminator && schema.oneOf && isPlainObject(value)) {
    const key = schema.discriminator.propertyName;
    const tagged = Object.hasOwn(value, key) ? value : { [key]: defaultTag(schema), ...value };
    return applyDefaults(pickBranch(schema, tagged, '$'), tagged);
  }
  if (schema.type !== 'object' || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (Object.hasOwn(value, key)) out[key] = applyDefaults(sub, value[key]);
    else if (sub.default !== undefined) out[key] = applyDefaults(sub, structuredClone(sub.default));
  }
  // defineProperty: a "__proto__" key stays data, never the object's prototype.
  for (const [key, v] of Object.entries(value)) if (!Object.hasOwn(out, key)) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childOf(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
