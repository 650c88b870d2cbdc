/**
 * The extension host side: commands, the CodeLens, the GenEFT view, diagnostics and panels.
 * Training never happens here: every run, sweep and theory job goes to a runner child process
 * (runnerClient.ts) and comes back as messages of protocol.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { classesOf } from './classes';
import type { ExperimentConfig } from './coreTypes';
import { locateInputError, positionAt } from './jsonLocator';
import { PanelManager, PanelStates, VIEW_TYPES, type Panel } from './panels';
import { newJobId, type HostMessage, type RunnerMessage, type WireInputError } from './protocol';
import { RunnerJob } from './runnerClient';
import { RunsTree } from './runsTree';
import { runSelfTest } from './selfTest';
import { listStore, readFinalEmbeddings, readRuns, readTrace, varyingPaths } from './store';
import { freeFileName, TEMPLATES, templateText } from './templates';
import { statusLine, type RunView, type SweepView, type ViewState } from './viewState';

interface Job {
  runner: RunnerJob;
  panel?: Panel;
  label: string;
  status: string;
  file: vscode.Uri;
}

/** What the commands resolve to (the self-test and other extensions read it). */
export interface JobOutcome {
  view?: ViewState;
  ok: boolean;
}

export interface GenEftApi {
  runExperiment(uri?: vscode.Uri): Promise<JobOutcome>;
  runSweep(uri?: vscode.Uri): Promise<JobOutcome>;
}

let extension: Extension | undefined;

export function activate(context: vscode.ExtensionContext): GenEftApi {
  extension = new Extension(context);
  const api: GenEftApi = {
    runExperiment: (uri) => extension!.runExperiment(uri),
    runSweep: (uri) => extension!.runSweep(uri),
  };
  const selfTestOut = process.env.GENEFT_SELFTEST_OUT;
  if (selfTestOut) void runSelfTest(selfTestOut, api);
  return api;
}

export function deactivate(): void {
  extension?.stopAll(true);
}

class Extension {
  private readonly jobs = new Map<string, Job>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('geneft');
  private readonly panels: PanelManager;
  private readonly tree: RunsTree;
  private readonly output = vscode.window.createOutputChannel('GenEFT');

  constructor(private readonly context: vscode.ExtensionContext) {
    const storage = context.storageUri ?? context.globalStorageUri;
    this.panels = new PanelManager(context.extensionUri, new PanelStates(storage.scheme === 'file' ? join(storage.fsPath, 'panels') : undefined), (panel, message) => {
      if (message.type === 'openCell' && panel.view.kind === 'sweep') void this.openCell(panel.view, message.configHash);
      if (message.type === 'webglFinished') void vscode.window.showInformationMessage(`GenEFT (WebGL): ${message.phase} after ${message.steps} steps`);
      if (message.type === 'webglFailed') void vscode.window.showErrorMessage(`GenEFT (WebGL): ${message.message}`);
    });
    this.tree = new RunsTree(() => this.storeDir());
    const sub = (d: vscode.Disposable) => context.subscriptions.push(d);
    sub(this.diagnostics);
    sub(this.output);
    sub(vscode.window.registerTreeDataProvider('geneft.runs', this.tree));
    for (const kind of ['run', 'sweep', 'theory'] as const) sub(vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], this.panels.serializer(kind)));
    sub(
      vscode.languages.registerCodeLensProvider(
        [
          { language: 'json', pattern: '**/*.geneft.json' },
          { language: 'json', pattern: '**/*.sweep.json' },
          { language: 'jsonc', pattern: '**/*.geneft.json' },
        ],
        new LensProvider(),
      ),
    );
    const command = (id: string, fn: (...args: never[]) => unknown) => sub(vscode.commands.registerCommand(id, fn));
    command('geneft.newExperiment', () => this.newExperiment());
    command('geneft.runExperiment', (uri?: vscode.Uri) => this.runExperiment(uri));
    command('geneft.runExperimentWebgl', (uri?: vscode.Uri) => this.runInWebview(uri));
    command('geneft.runSweep', (uri?: vscode.Uri) => this.runSweep(uri));
    command('geneft.stop', () => this.stop());
    command('geneft.openRunStore', () => this.openRunStore());
    command('geneft.reproduceFigure', () => this.reproduceFigure());
    command('geneft.showTheory', (uri?: vscode.Uri) => this.showTheory(uri));
    command('geneft.refresh', () => this.tree.refresh());
    command('geneft.openRun', (dir: string, hash: string) => this.openStoredRun(dir, hash));
    command('geneft.openSweep', (dir: string, name: string) => this.openStoredSweep(dir, name));
    const watcher = vscode.workspace.createFileSystemWatcher('**/runs.jsonl');
    sub(watcher);
    sub(watcher.onDidChange(() => this.tree.refresh()));
    sub(watcher.onDidCreate(() => this.tree.refresh()));
    sub(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('geneft') && this.tree.refresh()));
    sub(vscode.workspace.onDidGrantWorkspaceTrust(() => this.tree.refresh()));
    sub(vscode.workspace.onDidChangeTextDocument((e) => this.diagnostics.delete(e.document.uri)));
  }

  private config() {
    return vscode.workspace.getConfiguration('geneft');
  }

  storeDir(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    const setting = this.config().get<string>('storeDirectory') || '.geneft-runs';
    return isAbsolute(setting) ? setting : join(folder.uri.fsPath, setting);
  }

  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage('GenEFT runs nothing in an untrusted workspace. Trust this workspace to run experiments and sweeps.', 'Manage Workspace Trust').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  }

  /** The file a command acts on: its argument, else the active editor's, if it matches. */
  private async target(uri: vscode.Uri | undefined, suffix: string, what: string): Promise<vscode.Uri | undefined> {
    let target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || !target.path.endsWith(suffix)) {
      const found = await vscode.workspace.findFiles(`**/*${suffix}`, '**/node_modules/**', 50);
      if (found.length === 0) {
        void vscode.window.showErrorMessage(`GenEFT: no ${what} (*${suffix}) in this workspace.`);
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
        { placeHolder: `Which ${what}?` },
      );
      target = pick?.uri;
    }
    if (!target) return undefined;
    if (target.scheme !== 'file') {
      void vscode.window.showErrorMessage('GenEFT runs files on disk only.');
      return undefined;
    }
    // the runner reads the file from disk
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target!.toString());
    if (open?.isDirty) await open.save();
    return target;
  }

  async runExperiment(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!this.trusted()) return { ok: false };
    const file = await this.target(uri, '.geneft.json', 'experiment');
    const store = this.storeDir();
    if (!file || !store) return { ok: false };
    const panel = this.panels.create('run', `Run: ${basename(file.fsPath)}`);
    return this.start(
      { type: 'run', id: newJobId('run'), file: file.fsPath, store, backend: this.config().get<string>('backend') || undefined, snapshotEvery: this.config().get<number>('snapshotEvery') ?? 1 },
      file,
      panel,
      `Run ${basename(file.fsPath)}`,
    );
  }

  async runSweep(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!this.trusted()) return { ok: false };
    const file = await this.target(uri, '.sweep.json', 'sweep');
    const store = this.storeDir();
    if (!file || !store) return { ok: false };
    const panel = this.panels.create('sweep', `Sweep: ${basename(file.fsPath)}`);
    return this.start(
      { type: 'sweep', id: newJobId('sweep'), file: file.fsPath, store, backend: this.config().get<string>('backend') || undefined, workers: this.config().get<number>('sweepWorkers') ?? 1 },
      file,
      panel,
      `Sweep ${basename(file.fsPath)}`,
    );
  }

  async showTheory(uri?: vscode.Uri): Promise<JobOutcome> {
    if (!this.trusted()) return { ok: false };
    const file = await this.target(uri, '.geneft.json', 'experiment');
    if (!file) return { ok: false };
    const panel = this.panels.create('theory', `Theory: ${basename(file.fsPath)}`);
    return this.start({ type: 'theory', id: newJobId('theory'), file: file.fsPath }, file, panel, `Theory ${basename(file.fsPath)}`);
  }

  /** Trains in a Run panel on the WebGL backend; the runner is not involved and nothing is stored. */
  async runInWebview(uri?: vscode.Uri): Promise<void> {
    if (!this.trusted()) return;
    const file = await this.target(uri, '.geneft.json', 'experiment');
    if (!file) return;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(readFileSync(file.fsPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      void vscode.window.showErrorMessage(`GenEFT: ${basename(file.fsPath)} is not valid JSON (${(error as Error).message})`);
      return;
    }
    if (!existsSync(join(this.context.extensionUri.fsPath, 'dist', 'geneft-webgl.browser.js'))) {
      void vscode.window.showErrorMessage('GenEFT: this build of the extension has no WebGL backend bundle.');
      return;
    }
    const { $schema: _s, description: _d, ...config } = raw;
    const panel = this.panels.create('run', `WebGL: ${basename(file.fsPath)}`, 'webgl');
    const task = config.task as ExperimentConfig['task'] | undefined;
    let classes: number[] | undefined;
    try {
      classes = task ? classesOf({ task }) : undefined;
    } catch {
      classes = undefined;
    }
    panel.load({ ...(panel.view as RunView), config, classes, status: 'starting' });
  }

  private start(message: Exclude<HostMessage, { type: 'stop' }>, file: vscode.Uri, panel: Panel, label: string): Promise<JobOutcome> {
    this.diagnostics.delete(file);
    return new Promise((resolve) => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `GenEFT: ${label}`, cancellable: true },
        (progress, token) =>
          new Promise<void>((done) => {
            let lastPercent = 0;
            let outcome: JobOutcome = { ok: false };
            const runner = new RunnerJob(message, {
              script: join(this.context.extensionUri.fsPath, 'dist', 'runner.js'),
              cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
              onMessage: (m) => {
                if (!panel.disposed) panel.update(m);
                const status = panel.disposed ? m.type : statusLine(panel.view);
                job.status = status;
                const percent = percentOf(m);
                if (percent !== undefined && percent > lastPercent) {
                  progress.report({ increment: percent - lastPercent, message: status });
                  lastPercent = percent;
                } else {
                  progress.report({ message: status });
                }
                this.onRunnerMessage(m, file);
                if (m.type === 'finished') outcome = { ok: !m.aborted, view: panel.view };
                if (m.type === 'inputError' || m.type === 'failed') outcome = { ok: false, view: panel.view };
              },
              onExit: (code, stderr) => {
                this.jobs.delete(message.id);
                this.publishJobs();
                if (code !== 0 && code !== null && stderr.trim()) this.output.appendLine(`${label}: runner exited with ${code}\n${stderr}`);
                if (!outcome.view && !panel.disposed) {
                  panel.update({ type: 'failed', id: message.id, message: code === null ? 'stopped' : `the runner exited (${code})` });
                  outcome = { ok: false, view: panel.view };
                }
                this.tree.refresh();
                done();
                resolve(outcome);
              },
            });
            const job: Job = { runner, panel, label, status: 'starting', file };
            this.jobs.set(message.id, job);
            this.publishJobs();
            token.onCancellationRequested(() => runner.stop());
          }),
      );
    });
  }

  private onRunnerMessage(m: RunnerMessage, file: vscode.Uri): void {
    if (m.type === 'inputError') void this.showInputError(m.error, file);
    if (m.type === 'failed') void vscode.window.showErrorMessage(`GenEFT: ${m.message}`);
    if (m.type === 'cell' || m.type === 'finished') this.tree.refresh();
    if (m.type === 'eval' || m.type === 'cell') this.publishJobs();
  }

  private async showInputError(error: WireInputError, fallback: vscode.Uri): Promise<void> {
    const uri = error.file ? vscode.Uri.file(error.file) : fallback;
    let range = new vscode.Range(0, 0, 0, 1);
    try {
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      const at = locateInputError(text, error);
      const a = positionAt(text, at.start);
      const b = positionAt(text, at.end);
      range = new vscode.Range(a.line, a.character, b.line, b.character);
    } catch {
      // the file is gone; the message still names the path
    }
    const diagnostic = new vscode.Diagnostic(range, `${error.path}: expected ${error.expectation}`, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'GenEFT';
    this.diagnostics.set(uri, [diagnostic]);
    const pick = await vscode.window.showErrorMessage(`GenEFT: ${error.message}`, 'Show');
    if (pick) await vscode.window.showTextDocument(uri, { selection: range });
  }

  private publishJobs(): void {
    void vscode.commands.executeCommand('setContext', 'geneft.running', this.jobs.size > 0);
    this.tree.setActive([...this.jobs].map(([id, j]) => ({ id, label: j.label, status: j.status })));
  }

  async stop(): Promise<void> {
    const jobs = [...this.jobs.values()];
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage('GenEFT: nothing is running.');
      return;
    }
    if (jobs.length === 1) {
      jobs[0].runner.stop();
      return;
    }
    const pick = await vscode.window.showQuickPick([{ label: 'Stop all', job: undefined as Job | undefined }, ...jobs.map((job) => ({ label: job.label, description: job.status, job }))]);
    if (!pick) return;
    if (pick.job) pick.job.runner.stop();
    else this.stopAll(false);
  }

  stopAll(kill: boolean): void {
    for (const job of this.jobs.values()) {
      if (kill) job.runner.kill();
      else job.runner.stop();
    }
  }

  private async newExperiment(): Promise<void> {
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

  private async openRunStore(): Promise<void> {
    const store = this.storeDir();
    if (!store || !existsSync(store)) {
      void vscode.window.showInformationMessage(`GenEFT: no run store yet${store ? ` (${store})` : ''}. Run an experiment first.`);
      return;
    }
    await vscode.commands.executeCommand('workbench.view.extension.geneft');
    const file = join(store, 'runs', 'runs.jsonl');
    if (existsSync(file)) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(store));
  }

  private async reproduceFigure(): Promise<void> {
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

  private openStoredRun(dir: string, hash: string): void {
    const run = readRuns(dir).find((r) => r.configHash === hash);
    if (!run) return;
    const title = `Run ${hash.slice(0, 8)} (${run.phase})`;
    const panel = this.panels.create('run', title);
    const trace = readTrace(dir, run) ?? [];
    const final = readFinalEmbeddings(dir, run);
    const config = run.config as unknown as Record<string, unknown>;
    panel.load({
      kind: 'run',
      title,
      status: 'finished',
      engine: 'runner',
      config,
      classes: classesOf(run.config),
      budget: run.config.budget.steps,
      trace,
      milestones: { stepTrain: run.stepTrain, stepTest: run.stepTest, diverged: run.phase === 'diverged' },
      snapshots: final ? [{ step: run.steps, embeddings: final }] : [],
      phase: run.phase,
      configHash: run.configHash,
    });
  }

  private openStoredSweep(dir: string, name: string): void {
    const runs = readRuns(dir);
    if (runs.length === 0) return;
    const axes = varyingPaths(runs.map((r) => r.config as unknown as Record<string, unknown>));
    const title = `Sweep: ${name}`;
    const panel = this.panels.create('sweep', title);
    panel.load({
      kind: 'sweep',
      title,
      status: 'finished',
      config: runs[0].config as unknown as Record<string, unknown>,
      axes: axes.length > 0 ? axes : undefined,
      total: runs.length,
      cells: runs.map((r) => ({ configHash: r.configHash, config: r.config as unknown as Record<string, unknown>, phase: r.phase })),
    });
  }

  private async openCell(view: SweepView, hash: string): Promise<void> {
    const store = this.storeDir();
    if (!store) return;
    const sweep = listStore(store).sweeps.find((s) => s.runs.some((r) => r.configHash === hash));
    if (sweep) this.openStoredRun(sweep.dir, hash);
    else void vscode.window.showInformationMessage(`GenEFT: the run ${hash.slice(0, 8)} of ${view.title} is not in the store yet.`);
  }
}

function percentOf(m: RunnerMessage): number | undefined {
  if (m.type === 'eval' && m.budget > 0) return Math.min(100, (100 * m.record.step) / m.budget);
  if (m.type === 'cell' && m.total > 0) return Math.min(100, (100 * m.done) / m.total);
  return undefined;
}

class LensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    if (document.uri.path.endsWith('.sweep.json')) {
      return [new vscode.CodeLens(top, { title: '$(run-all) Run Sweep', command: 'geneft.runSweep', arguments: [document.uri] })];
    }
    return [
      new vscode.CodeLens(top, { title: '$(play) Run', command: 'geneft.runExperiment', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: 'Run in webview (WebGL)', command: 'geneft.runExperimentWebgl', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: 'Theory', command: 'geneft.showTheory', arguments: [document.uri] }),
    ];
  }
}
