/**
 * The extension host's entry: wires the commands, the jobs, the diagnostics, the panels, the
 * GenEFT view and the CodeLens together. Training never happens here: every run, sweep and theory
 * job goes to a runner child process (jobs.ts) and comes back as messages of ../pure/messages.ts.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './commands';
import { InputDiagnostics } from './diagnostics';
import { Jobs, type JobOutcome } from './jobs';
import { LensProvider } from './lens';
import { PanelManager, PanelStates, VIEW_TYPES } from './panels';
import { RunsTree } from './runsTree';
import { runSelfTest } from './selfTest';
import { storeDir } from './workspace';

export type { JobOutcome };

export interface GenEftApi {
  runExperiment(uri?: vscode.Uri): Promise<JobOutcome>;
  runSweep(uri?: vscode.Uri): Promise<JobOutcome>;
}

let jobs: Jobs | undefined;

export function activate(context: vscode.ExtensionContext): GenEftApi {
  const sub = (d: vscode.Disposable) => context.subscriptions.push(d);
  const output = vscode.window.createOutputChannel('GenEFT');
  const diagnostics = new InputDiagnostics();
  const tree = new RunsTree(storeDir);
  sub(output);
  sub(diagnostics);
  jobs = new Jobs(context.extensionUri.fsPath, tree, diagnostics, output);
  const storage = context.storageUri ?? context.globalStorageUri;
  const states = new PanelStates(storage.scheme === 'file' ? join(storage.fsPath, 'panels') : undefined);
  // the panels report cell clicks to the commands, which open panels: the callback closes over the holder
  const holder: { commands?: Commands } = {};
  const panels = new PanelManager(context.extensionUri, states, (_panel, message) => {
    if (message.type === 'openCell') holder.commands?.openCell(message.configHash);
    if (message.type === 'webglFinished') void vscode.window.showInformationMessage(`GenEFT (WebGL): ${message.phase} after ${message.steps} steps`);
    if (message.type === 'webglFailed') void vscode.window.showErrorMessage(`GenEFT (WebGL): ${message.message}`);
  });
  const c = new Commands(context.extensionUri.fsPath, panels, jobs);
  holder.commands = c;

  sub(vscode.window.registerTreeDataProvider('geneft.runs', tree));
  for (const kind of ['run', 'sweep', 'theory'] as const) sub(vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], panels.serializer(kind)));
  sub(vscode.languages.registerCodeLensProvider(LensProvider.selector, new LensProvider()));
  const command = (id: string, fn: (...args: never[]) => unknown) => sub(vscode.commands.registerCommand(id, fn));
  command('geneft.newExperiment', () => c.newExperiment());
  command('geneft.runExperiment', (uri?: vscode.Uri) => c.runExperiment(uri));
  command('geneft.runExperimentWebgl', (uri?: vscode.Uri) => c.runInWebview(uri));
  command('geneft.runSweep', (uri?: vscode.Uri) => c.runSweep(uri));
  command('geneft.stop', () => jobs?.stop());
  command('geneft.openRunStore', () => c.openRunStore());
  command('geneft.reproduceFigure', () => c.reproduceFigure());
  command('geneft.showTheory', (uri?: vscode.Uri) => c.showTheory(uri));
  command('geneft.refresh', () => tree.refresh());
  command('geneft.openRun', (dir: string, hash: string) => c.openStoredRun(dir, hash));
  command('geneft.openSweep', (dir: string, name: string) => c.openStoredSweep(dir, name));

  const watcher = vscode.workspace.createFileSystemWatcher('**/runs.jsonl');
  sub(watcher);
  sub(watcher.onDidChange(() => tree.refresh()));
  sub(watcher.onDidCreate(() => tree.refresh()));
  sub(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('geneft') && tree.refresh()));
  sub(vscode.workspace.onDidGrantWorkspaceTrust(() => tree.refresh()));

  const api: GenEftApi = { runExperiment: (uri) => c.runExperiment(uri), runSweep: (uri) => c.runSweep(uri) };
  const selfTestOut = process.env.GENEFT_SELFTEST_OUT;
  if (selfTestOut) void runSelfTest(selfTestOut, api);
  return api;
}

export function deactivate(): void {
  jobs?.stopAll(true);
}
