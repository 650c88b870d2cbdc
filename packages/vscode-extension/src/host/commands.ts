/** The commands: what each one reads, which panel it opens and which job it starts. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { classesOf } from '../pure/classes';
import { valueAt } from '../pure/format';
import type { ExperimentConfig, StoredRun } from '../pure/coreTypes';
import { newJobId, type SweepAxisView, type SweepCellView } from '../pure/messages';
import { listStore, readFinalEmbeddings, readRuns, readTrace, varyingPaths } from '../pure/store';
import { freeFileName, TEMPLATES, templateText } from '../pure/templates';
import type { RunView } from '../pure/viewState';
import type { JobOutcome, Jobs } from './jobs';
import type { PanelManager } from './panels';
import { settings, storeDir, targetFile, trusted } from './workspace';

export class Commands {
  constructor(
    private readonly extensionPath: string,
    private readonly panels: PanelManager,
    private readonly jobs: Jobs,
  ) {}

  async runExperiment(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!trusted()) return { ok: false };
    const file = await targetFile(uri, '.geneft.json', 'experiment');
    const store = storeDir();
    if (!file || !store) return { ok: false };
    const panel = this.panels.open('run', file.fsPath, `Run: ${basename(file.fsPath)}`);
    const message = { type: 'run' as const, id: newJobId('run'), file: file.fsPath, store, backend: settings().get<string>('backend') || undefined, snapshotEvery: settings().get<number>('snapshotEvery') ?? 1 };
    return this.jobs.start(message, panel, `Run ${basename(file.fsPath)}`, file);
  }

  async runSweep(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!trusted()) return { ok: false };
    const file = await targetFile(uri, '.sweep.json', 'sweep');
    const store = storeDir();
    if (!file || !store) return { ok: false };
    const panel = this.panels.open('sweep', file.fsPath, `Sweep: ${basename(file.fsPath)}`);
    const message = { type: 'sweep' as const, id: newJobId('sweep'), file: file.fsPath, store, backend: settings().get<string>('backend') || undefined, workers: settings().get<number>('sweepWorkers') ?? 1 };
    return this.jobs.start(message, panel, `Sweep ${basename(file.fsPath)}`, file);
  }

  async showTheory(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!trusted()) return { ok: false };
    const file = await targetFile(uri, '.geneft.json', 'experiment');
    if (!file) return { ok: false };
    const panel = this.panels.open('theory', file.fsPath, `Theory: ${basename(file.fsPath)}`);
    return this.jobs.start({ type: 'theory', id: newJobId('theory'), file: file.fsPath }, panel, `Theory ${basename(file.fsPath)}`, file);
  }

  /** Trains in a Run panel on the WebGL backend; the runner is not involved and nothing is stored. */
  async runInWebview(uri?: vscode.Uri): Promise<void> {
    if (!trusted()) return;
    const file = await targetFile(uri, '.geneft.json', 'experiment');
    if (!file) return;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(readFileSync(file.fsPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      void vscode.window.showErrorMessage(`GenEFT: ${basename(file.fsPath)} is not valid JSON (${(error as Error).message})`);
      return;
    }
    if (!existsSync(join(this.extensionPath, 'dist', 'geneft-webgl.browser.js'))) {
      void vscode.window.showErrorMessage('GenEFT: this build of the extension has no WebGL backend bundle.');
      return;
    }
    const { $schema: _s, description: _d, ...config } = raw;
    const panel = this.panels.open('run', `webgl:${file.fsPath}`, `WebGL: ${basename(file.fsPath)}`, 'webgl');
    const task = config.task as ExperimentConfig['task'] | undefined;
    let classes: number[] | undefined;
    try {
      classes = task ? classesOf({ task }) : undefined;
    } catch {
      classes = undefined;
    }
    panel.load({ ...(panel.view as RunView), config, classes, status: 'starting' });
  }

  async newExperiment(): Promise<void> {
    const pick = await vscode.window.showQuickPick(
      TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, description: t.kind, template: t })),
      { placeHolder: 'A setup of the GenEFT paper to start from' },
    );
    if (!pick) return;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: templateText(pick.template) });
      await vscode.window.showTextDocument(doc);
      return;
    }
    const taken = new Set((await vscode.workspace.fs.readDirectory(folder.uri)).map(([name]) => name));
    const uri = vscode.Uri.joinPath(folder.uri, freeFileName(pick.template.fileName, taken));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(templateText(pick.template)));
    await vscode.window.showTextDocument(uri);
  }

  async openRunStore(): Promise<void> {
    const store = storeDir();
    if (!store || !existsSync(store)) {
      void vscode.window.showInformationMessage(`GenEFT: no run store yet${store ? ` (${store})` : ''}. Run an experiment first.`);
      return;
    }
    await vscode.commands.executeCommand('workbench.view.extension.geneft');
    const file = join(store, 'runs', 'runs.jsonl');
    if (existsSync(file)) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(store));
  }

  async reproduceFigure(): Promise<void> {
    const figures = [
      { label: 'Fig. 5: learning-rate phase diagram', detail: 'η_enc × η_dec sweep of mod 3; the phase diagram fills in live', template: 'lr-sweep' },
      { label: 'Fig. 2: accuracy against training fraction', detail: 'train-fraction sweep of mod 3, three seeds', template: 'fraction-sweep' },
      { label: 'Theorem 1: repons cluster by class', detail: 'the canonical run with its embeddings moving in latent space', template: 'canonical' },
      { label: 'Theorem 3: p_r against the learning-rate ratio', detail: 'the repon theory for the canonical setup, and description lengths', template: 'canonical', theory: true },
    ];
    const pick = await vscode.window.showQuickPick(figures, { placeHolder: 'Which figure of the paper?' });
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!pick || !folder) return;
    const template = TEMPLATES.find((t) => t.id === pick.template)!;
    const uri = vscode.Uri.joinPath(folder.uri, 'geneft-figures', template.fileName);
    if (!existsSync(uri.fsPath)) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(templateText(template)));
    if (pick.theory) await this.showTheory(uri);
    else if (template.kind === 'sweep') await this.runSweep(uri);
    else await this.runExperiment(uri);
  }

  /**
   * A stored run in its panel: its curves from the stored trace and its learning rates at once.
   * A sweep cell keeps no embeddings, so `rerun` trains it again (not stored) for the trajectory
   * of its repons; the run is deterministic, so it ends where the stored one did.
   */
  openStoredRun(dir: string, hash: string, rerun = false): void {
    const run = readRuns(dir).find((r) => r.configHash === hash);
    if (!run) return;
    const title = `Run ${hash.slice(0, 8)} (${run.phase})`;
    const panel = this.panels.open('run', `run:${hash}`, title);
    const final = readFinalEmbeddings(dir, run);
    panel.load({ ...storedRunView(run, title, readTrace(dir, run) ?? [], final), key: `run:${hash}` });
    if (rerun || !final) {
      const message = { type: 'run' as const, id: newJobId('run'), config: run.config as unknown as Record<string, unknown>, backend: settings().get<string>('backend') || undefined, snapshotEvery: 1 };
      void this.jobs.start(message, panel, `Re-run ${hash.slice(0, 8)} for its embeddings`);
    }
  }

  openStoredSweep(dir: string, name: string): void {
    const runs = readRuns(dir);
    if (runs.length === 0) return;
    const title = `Sweep: ${name}`;
    const panel = this.panels.open('sweep', `store:${dir}`, title);
    const configs = runs.map((r) => r.config as unknown as Record<string, unknown>);
    const axes: SweepAxisView[] = varyingPaths(configs).map((path) => {
      const values = [...new Set(runs.map((r) => valueAt(r.config as unknown as Record<string, unknown>, path)))].filter(Number.isFinite).sort((a, b) => a - b);
      return { path, values, log: values.every((v) => v > 0) && values[values.length - 1] / values[0] >= 10 };
    });
    const cells: SweepCellView[] = runs.map((r) => ({ configHash: r.configHash, config: r.config as unknown as Record<string, unknown>, state: 'done', phase: r.phase, step: r.steps, trainAccuracy: r.trainAccuracy, testAccuracy: r.testAccuracy, stepTrain: r.stepTrain, stepTest: r.stepTest }));
    panel.load({ kind: 'sweep', key: `store:${dir}`, title, status: 'finished', config: configs[0], axes, cells, backend: runs[0].backend });
  }

  /** A click on a sweep cell: its stored run, re-run for its embeddings. */
  openCell(hash: string): void {
    const store = storeDir();
    const sweep = store ? listStore(store).sweeps.find((s) => s.runs.some((r) => r.configHash === hash)) : undefined;
    if (sweep) this.openStoredRun(sweep.dir, hash, true);
    else void vscode.window.showInformationMessage(`GenEFT: the run ${hash.slice(0, 8)} is not in the store yet.`);
  }
}

function storedRunView(run: StoredRun, title: string, trace: RunView['trace'], final: number[][] | undefined): RunView {
  return {
    kind: 'run',
    title,
    status: 'finished',
    engine: 'runner',
    backend: run.backend,
    config: run.config as unknown as Record<string, unknown>,
    classes: classesOf(run.config),
    budget: run.config.budget.steps,
    trace,
    milestones: { stepTrain: run.stepTrain, stepTest: run.stepTest, diverged: run.phase === 'diverged' },
    snapshots: final ? [{ step: run.steps, embeddings: final }] : [],
    phase: run.phase,
    configHash: run.configHash,
  };
}
