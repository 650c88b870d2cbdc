import * as vscode from 'vscode';
import { isFromWebview, type FromWebview, type RunnerToHost, type ToWebview } from '../pure/messages';
import { PanelStates } from '../pure/panelStates';
import { emptyView, reduce, type RunView, type ViewState } from '../pure/viewState';
import { makeNonce, pageHtml } from '../pure/webviewHtml';

let panelCounter = 0;
const newPanelId = () => `p${Date.now().toString(36)}${(panelCounter++).toString(36)}`;

export { PanelStates };

export const VIEW_TYPES = { run: 'geneft.run', sweep: 'geneft.sweep', theory: 'geneft.theory' } as const;

/**
 * One webview panel and the view state it shows. The host folds runner messages into the state
 * and forwards them; when the webview (re)loads it asks for the whole state with `ready`.
 */
export class Panel {
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public view: ViewState,
    private readonly extensionUri: vscode.Uri,
    private readonly states: PanelStates,
    private readonly onMessage: (panel: Panel, message: FromWebview) => void,
    onDispose: (panel: Panel) => void,
  ) {
    if (!this.view.id) this.view = { ...this.view, id: newPanelId() };
    this.states.save(this.view);
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isFromWebview(message)) return;
        if (message.type === 'ready') {
          this.ready = true;
          this.post({ type: 'load', view: this.view });
        }
        if (message.type === 'webglFinished') {
          this.view = { ...message.view, id: this.view.id };
          this.states.save(this.view);
        }
        this.onMessage(this, message);
      }),
      panel.onDidDispose(() => {
        this.disposed = true;
        this.states.forget(this.view.id);
        for (const d of this.disposables) d.dispose();
        onDispose(this);
      }),
    );
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', ...p)).toString();
    const webgl = this.view.kind === 'run' && this.view.engine === 'webgl';
    return pageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: media('webview.js'),
      webglUri: webgl ? media('geneft-webgl.browser.js') : undefined,
      title: this.view.title,
    });
  }

  update(message: RunnerToHost): void {
    this.view = reduce(this.view, message);
    this.states.save(this.view);
    if (this.ready) this.post({ type: 'update', message });
  }

  /** Replaces the whole state (a stored run opened from the tree). */
  load(view: ViewState): void {
    this.view = { ...view, id: this.view.id };
    this.states.save(this.view);
    this.panel.title = view.title;
    if (this.ready) this.post({ type: 'load', view: this.view });
  }

  private post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    // the page loads only the extension's own dist/ (webview.js, the WebGL bundle)
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    enableCommandUris: false,
  };
}

export class PanelManager {
  private readonly panels = new Set<Panel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly states: PanelStates,
    private readonly onMessage: (panel: Panel, message: FromWebview) => void,
  ) {}

  /**
   * The panel of `key` (a file, a sweep cell): one panel per key, so a re-run shows in the panel
   * it ran in before, brought to the front and cleared; otherwise a new panel beside the editor.
   */
  open(kind: ViewState['kind'], key: string, title: string, engine: RunView['engine'] = 'runner'): Panel {
    const existing = [...this.panels].find((p) => !p.disposed && p.view.kind === kind && p.view.key === key);
    if (existing) {
      existing.load({ ...emptyView(kind, title, engine), key });
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const created = this.create(kind, title, engine);
    created.view = { ...created.view, key };
    return created;
  }

  create(kind: ViewState['kind'], title: string, engine: RunView['engine'] = 'runner'): Panel {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPES[kind], title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    return this.adopt(panel, emptyView(kind, title, engine));
  }

  adopt(panel: vscode.WebviewPanel, view: ViewState): Panel {
    const p = new Panel(panel, view, this.extensionUri, this.states, this.onMessage, (gone) => this.panels.delete(gone));
    this.panels.add(p);
    return p;
  }

  /** Panels restored after a window reload (registerWebviewPanelSerializer). */
  serializer(kind: ViewState['kind']): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const fromWebview = isViewState(state, kind) ? state : undefined;
        const saved = this.states.load(fromWebview?.id);
        let view = saved && saved.kind === kind ? saved : (fromWebview ?? emptyView(kind, panel.title));
        // the runner that fed a live panel died with the window
        if (view.status === 'running' || view.status === 'starting') view = { ...view, status: 'stopped' };
        this.adopt(panel, view);
      },
    };
  }

  all(): Panel[] {
    return [...this.panels];
  }
}

function isViewState(state: unknown, kind: ViewState['kind']): state is ViewState {
  return typeof state === 'object' && state !== null && (state as { kind?: unknown }).kind === kind;
}
