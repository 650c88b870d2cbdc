import { getBackend } from '@geneft/core';
import { describeConformance } from '@geneft/core/testing';
import '../src';

// No skips: every decoder, combiner, activation, optimizer and loss runs on WASM kernels.
describeConformance('wasm', () => getBackend('wasm'));
