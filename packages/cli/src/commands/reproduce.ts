import { join, resolve } from 'node:path';
import { chooseBackend, RunStore } from '@geneft/core/node';
import { numberFlag, parseCommandArgs } from '../args';
import { loadBackends, PLUGIN_OPTION, PLUGIN_USAGE } from '../backends';
import { UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_OK, type CommandIO } from '../io';
import type { ReproduceContext } from '../reproduce/context';
import { FIGURES } from '../reproduce/figures';
import { softwareVersions, writeFigureFiles, writeIndex, type ReportEntry } from '../reproduce/report';

export const REPRODUCE_USAGE = `geneft reproduce [--quick] [--out DIR] [--only NAME[,NAME…]] [--backend NAME] [--workers N] [--plugin M]

  Reproduces every figure of the GenEFT paper into an HTML report: DIR/index.html with one PNG
  and SVG per figure, the data behind each as JSON, every run's config (DIR/runs) and the
  software versions. Each figure says what the paper claims and what this run measured.
  --quick        small budgets (minutes on 2 cores); default: the paper's budgets
  --out DIR      default geneft-report
  --only NAMES   some figures: ${FIGURES.map((f) => f.id).join(', ')}
                 (full mode runs ${FIGURES.filter((f) => f.fullModeOnRequest).map((f) => f.id).join(', ')} only when named here)
  Runs are kept in DIR/runs: an interrupted reproduction resumes where it stopped.
${PLUGIN_USAGE}`;

export async function runReproduceCommand(args: string[], io: CommandIO, signal?: AbortSignal): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${REPRODUCE_USAGE}\n`);
    return EXIT_OK;
  }
  const { values, positionals } = parseCommandArgs('reproduce', args, {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    backend: { type: 'string' },
    workers: { type: 'string' },
    ...PLUGIN_OPTION,
  });
  if (positionals.length > 0) throw new UsageError(`reproduce: unexpected argument "${positionals[0]}"\n${REPRODUCE_USAGE}`);
  const workers = numberFlag('workers', values.workers, (x) => Number.isSafeInteger(x) && x >= 1, 'a positive integer');
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((id) => !FIGURES.some((f) => f.id === id));
  if (unknown?.length) throw new UsageError(`--only: unknown figure ${unknown.join(', ')} (known: ${FIGURES.map((f) => f.id).join(', ')})`);
  const figures = FIGURES.filter((f) => (only ? only.includes(f.id) : values.quick || !f.fullModeOnRequest));

  const out = resolve(io.cwd, values.out ?? 'geneft-report');
  const backends = loadBackends(values.plugin, io.cwd);
  const { backend, notice } = await chooseBackend(values.backend);
  if (notice) io.stderr(`geneft: ${notice}\n`);
  const mode = values.quick ? 'quick' : 'full';
  const started = Date.now();
  const ctx: ReproduceContext = {
    mode,
    backend: backend.name,
    store: RunStore.open(join(out, 'runs')),
    workers,
    setupModules: backends.setupModules,
    signal,
    log: (line) => io.stderr(`  ${line}\n`),
  };
  io.stderr(`geneft reproduce (${mode}, backend ${backend.name}) → ${out}\n`);

  const entries: ReportEntry[] = [];
  for (const spec of figures) {
    if (signal?.aborted) break;
    io.stderr(`${spec.title}\n`);
    const t0 = Date.now();
    const entry: ReportEntry = { spec, wallMs: 0 };
    try {
      entry.result = await spec.run(ctx);
    } catch (error) {
      entry.error = (error as Error).message;
      io.stderr(`  failed: ${entry.error}\n`);
    }
    entry.wallMs = Date.now() - t0;
    writeFigureFiles(out, entry);
    entries.push(entry);
    if (entry.result) io.stderr(`  ${entry.result.verdict}: ${entry.result.measured}\n${entry.result.cause && entry.result.verdict === 'disagrees' ? `  why: ${entry.result.cause}\n` : ''}`);
  }
  writeIndex(out, entries, {
    title: `GenEFT reproduction${mode === 'quick' ? ' (quick)' : ''}`,
    mode,
    backend: backend.name,
    startedAt: new Date(started).toISOString(),
    wallMs: Date.now() - started,
    versions: softwareVersions(),
    note: 'Baek, Liu & Tegmark, "GenEFT: Understanding Statics and Dynamics of Model Generalization via Effective Theory" (2024), reproduced by GenEFT.',
  });
  io.stdout(`${join(out, 'index.html')}\n`);
  return entries.some((e) => e.error) ? EXIT_FAILURE : EXIT_OK;
}
