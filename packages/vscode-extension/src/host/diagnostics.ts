/** Input errors found by a run, shown as diagnostics at the JSON path they name. */
import * as vscode from 'vscode';
import { locateInputError, positionAt } from '../pure/jsonLocator';
import type { WireInputError } from '../pure/messages';

export class InputDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('geneft');
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => this.collection.delete(e.document.uri));

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  /** Puts the error on the range of its JSON path (the whole first character if the file is gone) and offers to show it. */
  async show(error: WireInputError, fallback: vscode.Uri): Promise<void> {
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
    this.collection.set(uri, [diagnostic]);
    const pick = await vscode.window.showErrorMessage(`GenEFT: ${error.message}`, 'Show');
    if (pick) await vscode.window.showTextDocument(uri, { selection: range });
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
