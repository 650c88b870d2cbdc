// Packs workspace packages and installs tarballs into folders outside the workspace, as a user
// of the published packages would get them.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm pack` of the package in `dir` (relative to the repository root) into `dest`; the
 * tarball's path. Scripts are skipped: the nx target builds the packages first (dependsOn
 * ^build), so their prepack builds would only repeat it.
 */
function pack(dir, dest) {
  const abs = path.join(ROOT, dir);
  const pkg = require(path.join(abs, 'package.json'));
  if (pkg.main && !existsSync(path.join(abs, pkg.main))) throw new Error(`${pkg.name}: ${pkg.main} is missing; build first (npm run build)`);
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: abs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return path.join(dest, JSON.parse(out)[0].filename);
}

/** A folder with a package.json and the tarballs installed, as `npm install a.tgz b.tgz …` does. */
function installInto(folder, tarballs) {
  execFileSync('npm', ['init', '-y'], { cwd: folder, stdio: 'ignore' });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

module.exports = { ROOT, pack, installInto };
