/**
 * Maps a JSONPath-like location from a GenEftInputError (`$.dynamics.lrDecoder`, `$.axes[1].log`,
 * `$.task["odd key"]`) to a character range of the JSON text it came from, so the error can be
 * shown as a diagnostic where it belongs. A tolerant scanner, not a validator: it stops at the
 * first syntax error and locates what it has seen so far. VS Code-free.
 */

export type PathSegment = string | number;

export interface TextRange {
  /** offset of the first character. */
  start: number;
  /** offset after the last character. */
  end: number;
}

export interface Location extends TextRange {
  /** false when the path leads to a missing key or index: the range is then its nearest existing ancestor. */
  exact: boolean;
}

export interface Position {
  /** zero-based, as in VS Code. */
  line: number;
  character: number;
}

interface Node {
  kind: 'object' | 'array' | 'scalar';
  start: number;
  end: number;
  /** property keys and their spans (objects) */
  props?: { key: string; keyStart: number; keyEnd: number; value: Node }[];
  items?: Node[];
}

/** Splits `$.a.b[0]["c d"]` into ['a', 'b', 0, 'c d']; `$` alone is the root. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      const m = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!m) break;
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else if (ch === '[') {
      const close = closingBracket(path, i);
      if (close < 0) break;
      const inner = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else {
        try {
          segments.push(String(JSON.parse(inner)));
        } catch {
          segments.push(inner.replace(/^['"]|['"]$/g, ''));
        }
      }
      i = close + 1;
    } else {
      break;
    }
  }
  return segments;
}

function closingBracket(path: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < path.length; j++) {
    const c = path[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return j;
  }
  return -1;
}

/** Locates `path` in `text`. Undefined only when the text holds no JSON value at all. */
export function locatePath(text: string, path: string | readonly PathSegment[]): Location | undefined {
  const root = new Scanner(text).document();
  if (!root) return undefined;
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let node = root;
  let range: TextRange = highlight(node);
  for (const segment of segments) {
    if (node.kind === 'object' && typeof segment === 'string') {
      // JSON.parse keeps the last of duplicate keys, so does this.
      const prop = [...(node.props ?? [])].reverse().find((p) => p.key === segment);
      if (!prop) return { ...range, exact: false };
      range = prop.value.kind === 'scalar' ? { start: prop.keyStart, end: prop.value.end } : { start: prop.keyStart, end: prop.keyEnd };
      node = prop.value;
    } else if (node.kind === 'array' && typeof segment === 'number') {
      const item = node.items?.[segment];
      if (!item) return { ...range, exact: false };
      range = highlight(item);
      node = item;
    } else {
      return { ...range, exact: false };
    }
  }
  return { ...range, exact: true };
}

/** A container is marked by its opening bracket only; a scalar by itself. */
function highlight(node: Node): TextRange {
  return node.kind === 'scalar' ? { start: node.start, end: node.end } : { start: node.start, end: node.start + 1 };
}

/** Zero-based line and character of an offset. */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: clamped - lineStart };
}

/**
 * The range of an input error: its JSON path, or for a syntax error (`valid JSON (… at line L,
 * column C)`) that line and column. Falls back to the first character.
 */
export function locateInputError(text: string, error: { path: string; expectation: string }): Location {
  const syntax = /at line (\d+), column (\d+)/.exec(error.expectation);
  if (error.path === '$' && syntax) {
    const line = Number(syntax[1]) - 1;
    const column = Number(syntax[2]) - 1;
    let offset = 0;
    for (let l = 0; l < line && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1;
    const start = Math.min(text.length, Math.max(0, offset) + Math.max(0, column));
    return { start, end: Math.min(text.length, start + 1), exact: true };
  }
  return locatePath(text, error.path) ?? { start: 0, end: Math.min(1, text.length), exact: false };
}

class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  document(): Node | undefined {
    try {
      return this.value();
    } catch (partial) {
      if (partial instanceof Partial) return partial.node;
      throw partial;
    }
  }

  private ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  private value(): Node | undefined {
    this.ws();
    const c = this.text[this.i];
    if (c === undefined) return undefined;
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const start = this.i;
      this.string();
      return { kind: 'scalar', start, end: this.i };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) return undefined;
    const start = this.i;
    this.i += m[0].length;
    return { kind: 'scalar', start, end: this.i };
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      if (this.text[this.i] === '\\') this.i++;
      this.i++;
    }
    this.i++;
    const raw = this.text.slice(start, Math.min(this.i, this.text.length));
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }

  private object(): Node {
    const node: Node = { kind: 'object', start: this.i, end: this.i + 1, props: [] };
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === '}') {
        this.i++;
        node.end = this.i;
        return node;
      }
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] !== '"') throw new Partial(this.close(node));
      const keyStart = this.i;
      const key = this.string();
      const keyEnd = this.i;
      this.ws();
      if (this.text[this.i] !== ':') throw new Partial(this.close(node));
      this.i++;
      const value = this.childValue(node);
      node.props!.push({ key, keyStart, keyEnd, value });
    }
  }

  private array(): Node {
    const node: Node = { kind: 'array', start: this.i, end: this.i + 1, items: [] };
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === ']') {
        this.i++;
        node.end = this.i;
        return node;
      }
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      node.items!.push(this.childValue(node));
    }
  }

  /** A child value; a syntax error inside it still leaves the tree above it usable. */
  private childValue(parent: Node): Node {
    let child: Node | undefined;
    try {
      child = this.value();
    } catch (partial) {
      // a partial child is dropped; its ancestors stay locatable
      if (partial instanceof Partial) throw new Partial(this.close(parent));
      throw partial;
    }
    if (!child) throw new Partial(this.close(parent));
    return child;
  }

  private close(node: Node): Node {
    node.end = Math.max(node.end, this.i);
    return node;
  }
}

class Partial {
  constructor(readonly node: Node) {}
}
