import { getBackend } from '@geneft/core';
import { describeConformance } from '@geneft/core/testing';
import { tfjsBackend } from '../src';
import { tfjsCapabilities } from '../src/capabilities';

// Given the capabilities, the suite makes each backend when its tests start, one after the other:
// tfjs has one engine per process, and initialising cpu and wasm at once would interleave.
const capabilities = tfjsCapabilities();

// No skips: every decoder, combiner, activation, optimizer and loss is implemented.
describeConformance('tfjs-cpu', () => getBackend('tfjs-cpu'), { capabilities });

// The op phrasing used on WASM (explicit transposes, tanh through the sigmoid), run on the cpu
// engine so it is checked even where WASM is not loaded.
describeConformance(
  'tfjs-cpu with WASM op tuning',
  () => tfjsBackend({ name: 'tfjs-cpu-wasm-tuning', tfBackend: 'cpu', tuning: { fastTransposedMatMul: false, tanhViaSigmoid: true } }),
  { capabilities },
);

// No skips on the tfjs WASM engine either (XNNPACK kernels).
describeConformance('tfjs-wasm', () => getBackend('tfjs-wasm'), { capabilities });
