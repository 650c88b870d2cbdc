import { referenceBackend } from '@geneft/core';
import { describeConformance } from '@geneft/core/testing';

// The oracle against itself: checks the suite's own machinery (k steps per call, write/read).
describeConformance('reference', async () => referenceBackend());
