// The workspace's publishable packages, and packing them as `npm publish` would (prepack runs).
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { run } = require('./exec');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every non-private workspace package: { name, version, dir, manifest }. */
function publishablePackages(root = ROOT) {
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces
    .map((relative) => {
      const dir = path.join(root, relative);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, version: manifest.version, dir, relative, manifest };
    })
    .filter((pkg) => !pkg.manifest.private);
}

/** `npm pack` in the package's folder (running its prepack) into `destination`; the tarball path. */
async function packPackage(pkg, destination) {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: pkg.dir,
    env: process.env,
    timeoutMs: 300_000,
  });
  // lifecycle scripts print to stdout too; npm's JSON report is the last thing there
  const report = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[\n') + 1));
  return { tarball: path.join(destination, report[0].filename), files: report[0].files.map((file) => file.path) };
}

module.exports = { ROOT, publishablePackages, packPackage };
