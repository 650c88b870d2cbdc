// Core's decoder conformance kit under node:test: `node --test test/`.
const { describe, it, before } = require('node:test');
require('..'); // registers the "bilinear" kind
const { describeDecoderConformance } = require('@geneft/core/testing');

const runner = { describe, it, beforeAll: before };

describeDecoderConformance('bilinear', { kind: 'bilinear' }, { runner });
describeDecoderConformance('bilinear, symmetric', { kind: 'bilinear', symmetric: true }, {
  runner,
  experiment: { task: { relation: 'mod', k: 3, n: 9 } },
});

