import { listBackends } from '@geneft/core';

/**
 * Backend packages the CLI registers when they are installed. Each is optional: a user who
 * installs only @geneft/cli still has the reference backend; a native addon that failed to
 * build is skipped and named by `geneft backends`.
 */
const OPTIONAL_BACKENDS = ['@geneft/backend-native', '@geneft/backend-wasm', '@geneft/backend-tfjs'];

export interface BackendLoadReport {
  loaded: string[];
  skipped: { pkg: string; reason: string }[];
}

let report: BackendLoadReport | undefined;

export function loadBackends(): BackendLoadReport {
  if (report) return report;
  report = { loaded: [], skipped: [] };
  for (const pkg of OPTIONAL_BACKENDS) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional packages, loaded only if installed
      require(pkg);
      report.loaded.push(pkg);
    } catch (error) {
      report.skipped.push({ pkg, reason: (error as Error).message.split('\n')[0] });
    }
  }
  return report;
}

export function availableBackends(): string[] {
  loadBackends();
  return listBackends();
}
