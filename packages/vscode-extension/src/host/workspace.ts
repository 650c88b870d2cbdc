/** Settings, workspace trust and the file a command acts on. */
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';

export function settings() {
  return vscode.workspace.getConfiguration('geneft');
}

/** The run store: geneft.storeDirectory, relative to the first workspace folder. */
export function storeDir(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const setting = settings().get<string>('storeDirectory') || '.geneft-runs';
  return isAbsolute(setting) ? setting : join(folder.uri.fsPath, setting);
}

/** True in a trusted workspace; otherwise says why nothing runs. */
export function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage('GenEFT runs nothing in an untrusted workspace. Trust this workspace to run experiments and sweeps.', 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** The file a command acts on: its argument, else the active editor's, if it matches; saved first (the runner reads the disk). */
export async function targetFile(uri: vscode.Uri | undefined, suffix: string, what: string): Promise<vscode.Uri | undefined> {
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
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target!.toString());
  if (open?.isDirty) await open.save();
  return target;
}
