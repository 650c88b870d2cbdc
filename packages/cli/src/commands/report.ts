import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunStore } from '@geneft/core/node';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { EXIT_OK, type CommandIO } from '../io';
import { checkWritableFolder, replaceFolder } from '../paths';
import { warnStoreProblems } from '../storeNotes';
import { softwareVersions, writeFigureFiles, writeIndex, type ReportEntry } from '../reproduce/report';
import { storeFigures } from '../reproduce/storeReport';

export const REPORT_USAGE = `geneft report STORE [--out DIR]

  Renders a run store (a directory with runs.jsonl, as written by geneft sweep) as an HTML
  report: phase counts and a table of runs, a phase diagram over the axes that vary, and
  learning curves of one run per phase. Default DIR: STORE/report.`;

export async function runReportCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, { out: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(`report: expected one store directory\n${REPORT_USAGE}`);
  const dir = resolve(io.cwd, positionals[0]);
  if (!existsSync(join(dir, 'runs.jsonl'))) throw new UsageError(`report: ${dir} holds no runs.jsonl (not a run store)`);
  const store = RunStore.read(dir);
  warnStoreProblems(store, io, false);
  const out = resolve(io.cwd, values.out ?? join(dir, 'report'));
  checkWritableFolder('--out', out);
  // Written into a temporary sibling folder and renamed when complete: OUT is never half a report.
  const building = `${out}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  try {
    const started = Date.now();
    const entries: ReportEntry[] = [];
    for (const spec of storeFigures(store)) {
      const t0 = Date.now();
      const entry: ReportEntry = { spec, result: await spec.run(), wallMs: 0 };
      entry.wallMs = Date.now() - t0;
      writeFigureFiles(building, entry);
      entries.push(entry);
    }
    writeIndex(building, entries, {
      title: `GenEFT run store ${dir}`,
      mode: 'report',
      backend: [...new Set(store.readAll().map((r) => r.backend))].join(', '),
      startedAt: new Date(started).toISOString(),
      wallMs: Date.now() - started,
      versions: softwareVersions(),
      runsLink: null,
    });
    replaceFolder(building, out);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  io.stdout(`${join(out, 'index.html')}\n`);
  return EXIT_OK;
}
