// A local npm registry for one scope, serving packed tarballs the way the public registry would
// serve them once published. Consumers point only the @geneft scope at it
// (`--@geneft:registry=URL`), so third-party packages still come from the usual registry and
// npm resolves `^0.1.0` ranges against these tarballs exactly as it would after a release.
//
// As a module: `startRegistry(tarballs)` resolves to { url, close() }.
// As a process (`node registry.js a.tgz b.tgz …`): prints the URL on stdout, serves until killed.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const http = require('node:http');
const zlib = require('node:zlib');

/** package.json of a tarball, read from the tar stream (entries are `package/…`). */
function manifestOf(tarball) {
  const tar = zlib.gunzipSync(readFileSync(tarball));
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar.toString('utf8', offset, offset + 100).replace(/\0.*$/s, '');
    const size = parseInt(tar.toString('utf8', offset + 124, offset + 136).replace(/\0.*$/s, '').trim() || '0', 8);
    if (!name) break;
    if (name === 'package/package.json') return JSON.parse(tar.toString('utf8', offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${tarball}: no package/package.json`);
}

function startRegistry(tarballs) {
  const packuments = new Map(); // name -> packument
  const files = new Map(); // url path -> tarball bytes
  const server = http.createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/^\//, '');
    if (files.has(path)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(files.get(path));
    }
    const packument = packuments.get(path);
    if (!packument) {
      response.writeHead(404, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ error: 'not found' }));
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(packument));
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      for (const tarball of tarballs) {
        const bytes = readFileSync(tarball);
        const manifest = manifestOf(tarball);
        const file = `${manifest.name}/-/${manifest.name.split('/').pop()}-${manifest.version}.tgz`;
        files.set(file, bytes);
        const packument = packuments.get(manifest.name) ?? { name: manifest.name, 'dist-tags': {}, versions: {} };
        packument.versions[manifest.version] = {
          ...manifest,
          _id: `${manifest.name}@${manifest.version}`,
          dist: {
            tarball: url + file,
            shasum: createHash('sha1').update(bytes).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
          },
        };
        packument['dist-tags'].latest = manifest.version;
        packuments.set(manifest.name, packument);
      }
      resolve({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

module.exports = { startRegistry, manifestOf };

if (require.main === module) {
  startRegistry(process.argv.slice(2)).then(({ url }) => console.log(url));
}
