// Publishes the experiment JSON Schema as a file (editors such as VS Code read it from disk).
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { experimentSchema, sweepSchema } = require('../dist/index.js');

const dir = join(__dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'experiment.schema.json'), `${JSON.stringify(experimentSchema, null, 2)}\n`);
writeFileSync(join(dir, 'sweep.schema.json'), `${JSON.stringify(sweepSchema, null, 2)}\n`);
