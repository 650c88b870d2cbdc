import { GenEftInputError } from '../errors';

/**
 * Deepest nesting of arrays and objects accepted in an input document. GenEFT's files nest at
 * most 5 levels (a sweep's base task matrix); 64 leaves room for any hand-written file while a
 * 200,000-deep `[[[…` is refused before anything recurses over it.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses JSON text. A syntax error is reported by line and column only: V8's own message quotes
 * the text around the error, and an input file (a graph file, say) may hold what must not be
 * echoed. Nesting deeper than `maxDepth` is refused.
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GenEftInputError('$', `valid JSON (${describeSyntaxError(text)})`);
  }
  checkDepth(value, maxDepth);
  return value;
}

/** Refuses a value nested deeper than `maxDepth`; iterative, so any depth is safe to check. */
export function checkDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) throw new GenEftInputError('$', `JSON nested at most ${maxDepth} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
}

/** Where the first syntax error is, found by a small scanner (JSON.parse only says that it failed). */
function describeSyntaxError(text: string): string {
  const at = syntaxErrorOffset(text);
  if (at >= text.length) return 'unexpected end of input';
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `unexpected character at line ${line}, column ${column}`;
}

/** Offset of the first character that is not valid JSON (text.length when the text ends too early). */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const c of word) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  // A loop over an explicit stack of open containers, so no depth or length recurses.
  const open: string[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  try {
    for (;;) {
      ws();
      if (state === 'value') {
        const c = text[i];
        if (c === '{' || c === '[') {
          open.push(c);
          i++;
          ws();
          if (text[i] === (c === '{' ? '}' : ']')) {
            open.pop();
            i++;
            state = 'after';
          } else state = c === '{' ? 'key' : 'value';
          continue;
        }
        if (c === '"') string();
        else if (c === 't') literal('true');
        else if (c === 'f') literal('false');
        else if (c === 'n') literal('null');
        else if (c === '-' || (c >= '0' && c <= '9')) number();
        else fail();
        state = 'after';
        continue;
      }
      if (state === 'key') {
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        state = 'value';
        continue;
      }
      const top = open[open.length - 1];
      if (top === undefined) {
        if (i < text.length) fail();
        return text.length;
      }
      if (text[i] === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if (text[i] === (top === '{' ? '}' : ']')) {
        open.pop();
        i++;
      } else fail();
    }
  } catch (offset) {
    return typeof offset === 'number' ? Math.min(offset, text.length) : text.length;
  }
}
