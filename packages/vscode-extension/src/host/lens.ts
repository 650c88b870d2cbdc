import * as vscode from 'vscode';

/** Run / Run in webview / Theory above an experiment, Run Sweep above a sweep. */
export class LensProvider implements vscode.CodeLensProvider {
  static readonly selector: vscode.DocumentSelector = [
    { language: 'json', pattern: '**/*.geneft.json' },
    { language: 'json', pattern: '**/*.sweep.json' },
    { language: 'jsonc', pattern: '**/*.geneft.json' },
  ];

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
