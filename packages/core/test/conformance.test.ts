import { BUILTIN_DECODERS, referenceBackend } from '@geneft/core';
import { describeConformance, describeDecoderConformance } from '@geneft/core/testing';

// Jest's globals: the default runner.
describeConformance('reference', async () => referenceBackend());

for (const kind of BUILTIN_DECODERS) describeDecoderConformance(kind, { kind });
describeDecoderConformance('mlp, diff, gelu', { kind: 'mlp', combine: 'diff', activation: 'gelu', width: 6, depth: 2 });
describeDecoderConformance('mlp, sqdiff, relu', { kind: 'mlp', combine: 'sqdiff', activation: 'relu', width: 6, depth: 1 });
