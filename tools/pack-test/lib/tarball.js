// What every tarball must hold to work from npm on its own: the licence, the metadata npm and
// its website show, README links that resolve there, source maps whose sources are shipped or
// embedded, and @geneft dependencies as ranges a registry can resolve.
'use strict';
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const REPOSITORY = 'git+https://github.com/geneft/geneft.git';
const ENGINES = '^20.19.0 || >=22.12.0';

function walk(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

/** Problems found in an extracted tarball (`dir` is its `package/` folder); empty when clean. */
function tarballProblems(dir, pkg, rootLicense) {
  const problems = [];
  const files = new Set(walk(dir));
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));

  if (!files.has('LICENSE')) problems.push('no LICENSE');
  else if (readFileSync(path.join(dir, 'LICENSE'), 'utf8') !== rootLicense) problems.push('LICENSE differs from the repository root LICENSE');
  if (manifest.license !== 'MIT') problems.push(`license is ${manifest.license}, expected MIT`);
  if (manifest.repository?.url !== REPOSITORY || manifest.repository?.directory !== pkg.relative) {
    problems.push(`repository is ${JSON.stringify(manifest.repository)}, expected {url: ${REPOSITORY}, directory: ${pkg.relative}}`);
  }
  if (!/^https:\/\//.test(manifest.homepage ?? '')) problems.push('no homepage');
  if (!/^https:\/\//.test(manifest.bugs?.url ?? '')) problems.push('no bugs.url');
  if (manifest.engines?.node !== ENGINES) problems.push(`engines.node is ${manifest.engines?.node}, expected ${ENGINES}`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (name.startsWith('@geneft/') && /^\d/.test(range)) problems.push(`${field}.${name} is pinned (${range}); a range resolves from a registry`);
    }
  }

  if (!files.has('README.md')) problems.push('no README.md');
  else {
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const file = path.normalize(target.split('#')[0]);
      if (!files.has(file) && !existsSync(path.join(dir, file))) problems.push(`README link ${target} points outside the package`);
    }
  }

  for (const map of [...files].filter((file) => file.endsWith('.map'))) {
    const { sources = [], sourcesContent = [] } = JSON.parse(readFileSync(path.join(dir, map), 'utf8'));
    sources.forEach((source, i) => {
      const shipped = existsSync(path.join(dir, path.dirname(map), source));
      if (!shipped && typeof sourcesContent[i] !== 'string') problems.push(`${map}: source ${source} is neither shipped nor embedded`);
    });
  }
  return problems.slice(0, 20);
}

module.exports = { tarballProblems, walk };
