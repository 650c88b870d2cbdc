// README code blocks that the pack test runs. A block is runnable when its fence says so:
// ```js runnable   or   ```ts runnable   (more words after `runnable` are tags, e.g. `redis`).
// Each runs as written, and also in the other module system (ESM <-> CommonJS) by rewriting
// its top-level import/require lines, since every package claims to load from both.
'use strict';
const { transformSync } = require('esbuild');

/** Runnable blocks of a README: { index, lang, tags, code, line }. */
function runnableBlocks(markdown) {
  const blocks = [];
  const fence = /^```(\w+)[ \t]+runnable\b([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let match; (match = fence.exec(markdown)); ) {
    blocks.push({
      index: blocks.length,
      lang: match[1],
      tags: match[2].trim().split(/\s+/).filter(Boolean),
      code: match[3],
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return blocks;
}

const isEsm = (code) => /^\s*(import|export)\s/m.test(code);

function importToRequire(line) {
  let m;
  if ((m = /^import\s+['"]([^'"]+)['"];?$/.exec(line))) return `require('${m[1]}');`;
  if ((m = /^import\s+\*\s+as\s+(\w+)\s+from\s+['"]([^'"]+)['"];?$/.exec(line))) return `const ${m[1]} = require('${m[2]}');`;
  if ((m = /^import\s+\{([^}]*)\}\s+from\s+['"]([^'"]+)['"];?$/.exec(line))) {
    return `const {${m[1].replace(/\s+as\s+/g, ': ')}} = require('${m[2]}');`;
  }
  if ((m = /^import\s+(\w+)\s+from\s+['"]([^'"]+)['"];?$/.exec(line))) return `const ${m[1]} = require('${m[2]}');`;
  return undefined;
}

function requireToImport(line) {
  let m;
  if ((m = /^require\(['"]([^'"]+)['"]\);?(\s*\/\/.*)?$/.exec(line))) return `import '${m[1]}';`;
  if ((m = /^const\s+\{([^}]*)\}\s*=\s*require\(['"]([^'"]+)['"]\);?(\s*\/\/.*)?$/.exec(line))) {
    return `import {${m[1].replace(/\s*:\s*/g, ' as ')}} from '${m[2]}';`;
  }
  if ((m = /^const\s+(\w+)\s*=\s*require\(['"]([^'"]+)['"]\);?(\s*\/\/.*)?$/.exec(line))) return `import ${m[1]} from '${m[2]}';`;
  return undefined;
}

/**
 * The block as an ES module and as a CommonJS script: { esm, cjs, written: 'esm' | 'cjs' }.
 * TypeScript is stripped with esbuild (types only; the code is not otherwise changed).
 */
function moduleVariants(block) {
  const code = block.lang === 'ts' ? transformSync(block.code, { loader: 'ts', format: 'esm' }).code : block.code;
  const lines = code.split('\n');
  if (isEsm(code)) {
    const imports = [];
    const body = [];
    for (const line of lines) {
      const converted = line.startsWith('import') ? importToRequire(line.trim()) : undefined;
      if (converted) imports.push(converted);
      else if (line.startsWith('import')) throw new Error(`cannot convert to CommonJS: ${line}`);
      else body.push(line);
    }
    const cjs = `${imports.join('\n')}\n(async () => {\n${body.join('\n')}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
    return { esm: code, cjs, written: 'esm' };
  }
  const esm = lines.map((line) => (/^(const\b.*)?require\(/.test(line) ? (requireToImport(line) ?? line) : line)).join('\n');
  if (/\brequire\(/.test(esm)) throw new Error('cannot convert to ESM: a require() that is not a top-level `const … = require(…)`');
  return { esm, cjs: code, written: 'cjs' };
}

module.exports = { runnableBlocks, moduleVariants };
