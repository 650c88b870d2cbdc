/**
 * Jobs: one runner process per run, sweep or theory job, feeding one panel, with a cancellable
 * progress notification, the GenEFT view's live list and the `geneft.running` context key.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunnerJobMessage, RunnerToHost } from '../pure/messages';
import { RunnerJob } from '../pure/runnerClient';
import { statusLine, type ViewState } from '../pure/viewState';
import type { InputDiagnostics } from './diagnostics';
import type { Panel } from './panels';
import type { RunsTree } from './runsTree';

/** What a job resolves to (the self-test and other extensions read it). */
export interface JobOutcome {
  view?: ViewState;
  ok: boolean;
}

interface Job {
  runner: RunnerJob;
  panel: Panel;
  label: string;
  status: string;
}

export class Jobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly extensionPath: string,
    private readonly tree: RunsTree,
    private readonly diagnostics: InputDiagnostics,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** Runs `message` in a fresh runner, feeding `panel`; a job already feeding that panel is stopped first. */
  start(message: RunnerJobMessage, panel: Panel, label: string, file?: vscode.Uri): Promise<JobOutcome> {
    for (const job of this.jobs.values()) if (job.panel === panel) job.runner.stop();
    if (file) this.diagnostics.clear(file);
    return new Promise((resolve) => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `GenEFT: ${label}`, cancellable: true }, (progress, token) =>
        new Promise<void>((done) => {
          let lastPercent = 0;
          let outcome: JobOutcome = { ok: false };
          const onMessage = (m: RunnerToHost) => {
            // a stopped job's late messages must not overwrite the panel's next job
            if (!panel.disposed && this.jobs.get(message.id)) panel.update(m);
            job.status = panel.disposed ? m.type : statusLine(panel.view);
            const percent = percentOf(m);
            if (percent !== undefined && percent > lastPercent) {
              progress.report({ increment: percent - lastPercent, message: job.status });
              lastPercent = percent;
            }
            if (m.type === 'inputError' && file) void this.diagnostics.show(m.error, file);
            if (m.type === 'failed') void vscode.window.showErrorMessage(`GenEFT: ${m.message}`);
            if (m.type === 'cell' || m.type === 'finished') this.tree.refresh();
            if (m.type === 'eval' || m.type === 'cell' || m.type === 'progress') this.publish();
            if (m.type === 'finished') outcome = { ok: !m.aborted, view: panel.view };
            if (m.type === 'inputError' || m.type === 'failed') outcome = { ok: false, view: panel.view };
          };
          const onExit = (code: number | null, stderr: string) => {
            const current = this.jobs.get(message.id) === job;
            this.jobs.delete(message.id);
            this.publish();
            if (code !== 0 && code !== null && stderr.trim()) this.output.appendLine(`${label}: runner exited with ${code}\n${stderr}`);
            if (!outcome.view && !panel.disposed && current) {
              // killed after Stop (it did not abort in time) is a stop; anything else a failure
              if (runner.stopRequested) panel.update({ type: 'finished', id: message.id, kind: message.type, aborted: true });
              else panel.update({ type: 'failed', id: message.id, message: `the runner exited (${code ?? 'killed'})` });
              outcome = { ok: false, view: panel.view };
            }
            this.tree.refresh();
            done();
            resolve(outcome);
          };
          const runner = new RunnerJob(message, { script: join(this.extensionPath, 'dist', 'runner.js'), cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, onMessage, onExit });
          const job: Job = { runner, panel, label, status: 'starting' };
          this.jobs.set(message.id, job);
          this.publish();
          token.onCancellationRequested(() => runner.stop());
        }),
      );
    });
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', 'geneft.running', this.jobs.size > 0);
    this.tree.setActive([...this.jobs].map(([id, j]) => ({ id, label: j.label, status: j.status })));
  }

  /** Stop: the one running job, or a pick among several. */
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
}

function percentOf(m: RunnerToHost): number | undefined {
  if (m.type === 'eval' && m.budget > 0) return Math.min(100, (100 * m.record.step) / m.budget);
  if (m.type === 'cell' && m.total > 0) return Math.min(100, (100 * m.done) / m.total);
  return undefined;
}
