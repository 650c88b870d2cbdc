import { describeConformance } from '@geneft/core/testing';
import { WASM_CAPABILITIES, wasmBackend } from '../src';
import { describeBuilt } from './helpers';

// Core's suite against the float64 reference at core's float32 tolerance, no case skipped. Node
// 20 validates only SIMD128; the relaxed-SIMD build is checked in relaxed.test.ts.
describeBuilt('wasm', () => {
  // The factory is asynchronous: the capabilities are given so the many-runs section is registered.
  describeConformance('wasm (simd128)', () => wasmBackend({ isa: 'simd128' }), { capabilities: WASM_CAPABILITIES });
});
