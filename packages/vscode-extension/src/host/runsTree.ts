import * as vscode from 'vscode';
import { formatAccuracy } from '../pure/format';
import type { Phase, StoredRun } from '../pure/coreTypes';
import { describeConfig, describeOutcome, describePhases, listStore, runsDir, type SweepEntry } from '../pure/store';

/** Live jobs as the tree shows them. */
export interface ActiveJob {
  id: string;
  label: string;
  status: string;
}

type Node =
  | { type: 'active'; job: ActiveJob }
  | { type: 'runs'; runs: StoredRun[]; dir: string }
  | { type: 'run'; run: StoredRun; dir: string }
  | { type: 'sweep'; sweep: SweepEntry };

const PHASE_COLORS: Record<Phase, string> = {
  comprehension: 'charts.green',
  grokking: 'charts.orange',
  memorization: 'charts.blue',
  confusion: 'charts.purple',
  diverged: 'disabledForeground',
};

/** The GenEFT view: live jobs, then the store's single runs and sweeps with their phases. */
export class RunsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private active: ActiveJob[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly storeDir: () => string | undefined) {}

  setActive(jobs: ActiveJob[]): void {
    this.active = jobs;
    this.refresh();
  }

  /** Debounced: a sweep reports many cells a second. */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
    }, 300);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const store = this.storeDir();
      const top: Node[] = this.active.map((job) => ({ type: 'active', job }));
      if (!store) return top;
      const listing = listStore(store);
      if (listing.runs.length > 0) top.push({ type: 'runs', runs: listing.runs, dir: runsDir(store) });
      for (const sweep of listing.sweeps) top.push({ type: 'sweep', sweep });
      return top;
    }
    if (node.type === 'runs') return [...node.runs].reverse().map((run) => ({ type: 'run', run, dir: node.dir }));
    if (node.type === 'sweep') return node.sweep.runs.map((run) => ({ type: 'run', run, dir: node.sweep.dir }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'active': {
        const item = new vscode.TreeItem(node.job.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.job.status;
        item.iconPath = new vscode.ThemeIcon('sync~spin');
        item.contextValue = 'geneft.active';
        item.tooltip = `${node.job.label}: ${node.job.status}`;
        return item;
      }
      case 'runs': {
        const item = new vscode.TreeItem('Runs', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.runs.length}`;
        item.iconPath = new vscode.ThemeIcon('beaker');
        return item;
      }
      case 'sweep': {
        const item = new vscode.TreeItem(node.sweep.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = describePhases(node.sweep.phases);
        item.iconPath = new vscode.ThemeIcon('graph');
        item.contextValue = 'geneft.sweep';
        item.command = { command: 'geneft.openSweep', title: 'Open Sweep', arguments: [node.sweep.dir, node.sweep.name] };
        return item;
      }
      case 'run': {
        const item = new vscode.TreeItem(describeOutcome(node.run), vscode.TreeItemCollapsibleState.None);
        item.description = describeConfig(node.run.config as unknown as Record<string, unknown>);
        item.iconPath = new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(PHASE_COLORS[node.run.phase] ?? 'foreground'));
        item.tooltip = `${node.run.phase} · ${node.run.steps} steps on ${node.run.backend} · train ${formatAccuracy(node.run.trainAccuracy)}, test ${formatAccuracy(node.run.testAccuracy)} · ${node.run.configHash.slice(0, 12)}`;
        item.contextValue = 'geneft.run';
        item.command = { command: 'geneft.openRun', title: 'Open Run', arguments: [node.dir, node.run.configHash] };
        return item;
      }
    }
  }
}
