/**
 * The end-to-end hook: when the extension host is started with GENEFT_SELFTEST_OUT set (only the
 * e2e test does that), run the workspace's experiment and sweep through the real commands and
 * write what VS Code saw to that file. The test then checks the panels' DOM in the browser.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { statusLine, type ViewState } from '../pure/viewState';
import type { GenEftApi } from './extension';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSelfTest(out: string, api: GenEftApi): Promise<void> {
  followRequests(out);
  // once per test: a reloaded window (the panel-restore check) must not run everything again
  if (existsSync(out)) return;
  const report: Record<string, unknown> = { vscodeVersion: vscode.version, trusted: vscode.workspace.isTrusted, errors: [] as string[] };
  const write = () => writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  try {
    const commands = await vscode.commands.getCommands(true);
    report.commands = commands.filter((c) => c.startsWith('geneft.')).sort();
    const experiments = await vscode.workspace.findFiles('**/*.geneft.json', '**/node_modules/**');
    const good = experiments.find((u) => /canonical/.test(u.path));
    const bad = experiments.find((u) => /bad/.test(u.path));
    const copied = experiments.find((u) => /negative/.test(u.path));
    const long = experiments.find((u) => /long/.test(u.path));
    const sweepFile = (await vscode.workspace.findFiles('**/*.sweep.json', '**/node_modules/**')).find((u) => /tiny/.test(u.path));

    if (bad) {
      await api.runExperiment(bad);
      for (let i = 0; i < 40 && vscode.languages.getDiagnostics(bad).length === 0; i++) await pause(100);
      // its error notification would cover the panels in the screenshots
      await pause(500);
      await vscode.commands.executeCommand('notifications.clearAll');
      report.diagnostics = vscode.languages.getDiagnostics(bad).map((d) => ({ message: d.message, line: d.range.start.line, character: d.range.start.character, source: d.source }));
      write();
    }
    if (copied) {
      // a file copied from the example workspace, somewhere deeper: the contributed schema validates it
      await vscode.window.showTextDocument(copied);
      const fromSchema = () => vscode.languages.getDiagnostics(copied).filter((d) => d.source !== 'GenEFT');
      for (let i = 0; i < 200 && fromSchema().length === 0; i++) await pause(100);
      report.schemaDiagnostics = fromSchema().map((d) => ({ message: d.message, line: d.range.start.line, source: d.source }));
      write();
    }
    if (good) {
      await vscode.window.showTextDocument(good);
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; view?: { status: string; phase?: string; trace: { step: number }[] } }>('geneft.runExperiment', good);
      report.run = { file: vscode.workspace.asRelativePath(good), ok: outcome?.ok, status: outcome?.view?.status, phase: outcome?.view?.phase, evaluations: outcome?.view?.trace.length };
      // running the same file again reuses its panel
      const again = await vscode.commands.executeCommand<{ ok: boolean }>('geneft.runExperiment', good);
      const label = `Run: ${good.path.split('/').pop()}`;
      report.rerun = { ok: again?.ok, panels: vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === label).length };
      write();
    }
    if (sweepFile) {
      await gate(out, 'sweep');
      const outcome = await api.runSweep(sweepFile);
      const view = outcome.view as { status: string; cells: { phase: string }[]; total?: number } | undefined;
      report.sweep = { file: vscode.workspace.asRelativePath(sweepFile), ok: outcome.ok, status: view?.status, cells: view?.cells.map((c) => c.phase), total: view?.total };
      write();
    }
    if (good) {
      await gate(out, 'theory');
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; view?: { status: string; rows: unknown[] } }>('geneft.showTheory', good);
      report.theory = { ok: outcome?.ok, status: outcome?.view?.status, rows: outcome?.view?.rows.length };
      write();
      await gate(out, 'stop');
      if (long) {
        // Stop during a run: the panel says where it stopped
        const running = vscode.commands.executeCommand<{ ok: boolean; view?: ViewState }>('geneft.runExperiment', long);
        await pause(2500);
        await vscode.commands.executeCommand('geneft.stop');
        const outcome = await running;
        report.stop = { ok: outcome?.ok, status: outcome?.view?.status, line: outcome?.view ? statusLine(outcome.view) : undefined };
        write();
      }
      await gate(out, 'webgl');
      await vscode.commands.executeCommand('geneft.runExperimentWebgl', good);
      report.webgl = { started: true };
    }
  } catch (error) {
    (report.errors as string[]).push(String((error as Error)?.stack ?? error));
  }
  report.done = true;
  write();
  // The panel-restore check reloads through the workbench's own command: it awaits the flush of
  // the workbench state (open editors, webview state) before reloading, where a browser-level
  // reload only starts that flush and, on a loaded machine, loses it.
  await gate(out, 'reload');
  await vscode.commands.executeCommand('workbench.action.reloadWindow');
}

/**
 * Requests the e2e test makes at any time: a colour theme to switch to (light and dark
 * screenshots), written to `${out}.theme`, and a workbench command to run, written to
 * `${out}.command`; each is acknowledged in `<file>.done`.
 */
function followRequests(out: string): void {
  const applied = new Map<string, string>();
  const follow = (file: string, apply: (value: string) => Thenable<unknown>) => {
    if (!existsSync(file)) return;
    const value = readFileSync(file, 'utf8').trim();
    if (!value || applied.get(file) === value) return;
    applied.set(file, value);
    void Promise.resolve(apply(value)).then(() => writeFileSync(`${file}.done`, value));
  };
  const timer = setInterval(() => {
    follow(`${out}.theme`, (theme) => vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global));
    follow(`${out}.command`, (command) => vscode.commands.executeCommand(command.replace(/#.*$/, '')));
  }, 100);
  timer.unref?.();
}

/** The e2e test reads each panel before the next one covers it: it creates `${out}.<step>` to go on. */
async function gate(out: string, step: string): Promise<void> {
  for (let i = 0; i < 600 && !existsSync(`${out}.${step}`); i++) await pause(100);
}
