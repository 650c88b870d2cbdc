// Core's conformance kit under node:test: `node --test test/`.
const { describe, it, before } = require('node:test');
const { describeConformance } = require('@geneft/core/testing');
const { naiveBackend } = require('../backend');

// The cases our capabilities exclude (diff/sqdiff combiners, gelu/linear, ideal decoders, the
// many-runs mode) are reported as skipped, each naming the capability.
describeConformance('naive-js', naiveBackend, { runner: { describe, it, beforeAll: before } });
