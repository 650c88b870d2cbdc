/**
 * The host side of the runner: forks dist/runner.js for one job, sends it the job, and turns its
 * IPC messages into callbacks. Stop asks the runner to abort (it stores nothing half-done) and
 * kills it if it has not exited after a grace period. VS Code-free.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { isRunnerToHost, type HostToRunner, type RunnerJobMessage, type RunnerToHost } from './messages';

export interface RunnerJobOptions {
  /** path of the bundled runner script. */
  script: string;
  /** working directory of the runner (the workspace folder). */
  cwd?: string;
  /** how long Stop waits for a clean abort before killing. Default 3000 ms. */
  killAfterMs?: number;
  onMessage: (message: RunnerToHost) => void;
  /** the runner process is gone (normally or not); `code` null when killed by a signal. */
  onExit: (code: number | null, stderr: string) => void;
}

export class RunnerJob {
  private readonly child: ChildProcess;
  private stderr = '';
  private exited = false;
  private killTimer: NodeJS.Timeout | undefined;
  /** Stop was asked for (a kill after it is a stop, not a failure). */
  stopRequested = false;

  constructor(
    readonly job: RunnerJobMessage,
    private readonly options: RunnerJobOptions,
  ) {
    this.child = fork(options.script, [], {
      cwd: options.cwd,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // the runner needs no inspector of the extension host's, nor its ELECTRON_RUN_AS_NODE quirks
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });
    this.child.on('message', (message: unknown) => {
      if (!isRunnerToHost(message)) return;
      if (message.type === 'ready') this.child.send(job);
      options.onMessage(message);
    });
    this.child.on('exit', (code) => {
      this.exited = true;
      if (this.killTimer) clearTimeout(this.killTimer);
      options.onExit(code, this.stderr);
    });
    this.child.on('error', (error) => {
      this.stderr += `\n${error.message}`;
    });
  }

  get id(): string {
    return this.job.id;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Asks for a clean abort, then kills. */
  stop(): void {
    if (this.exited) return;
    this.stopRequested = true;
    try {
      this.child.send({ type: 'stop', id: this.job.id } satisfies HostToRunner);
    } catch {
      // channel already closed
    }
    this.killTimer ??= setTimeout(() => this.kill(), this.options.killAfterMs ?? 3000);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
