/** Type-only view of @geneft/core, so that modules bundled for the webview pull in no Node code. */
export type { EvalRecord, ExperimentConfig, Milestones, Phase } from '@geneft/core';
export type { StoredRun } from '@geneft/core/node';
