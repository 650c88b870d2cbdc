/**
 * The HTML of every GenEFT panel: one page, locked by a Content Security Policy that admits only
 * scripts carrying this page's nonce (dist/webview.js, and the WebGL backend bundle when the panel
 * trains itself), styles from the extension, and images from the extension or data: URIs. No
 * inline script, no eval, no network. VS Code-free.
 */
import { randomBytes } from 'node:crypto';

export interface PageOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** webview URI of dist/webview.js */
  scriptUri: string;
  /** webview URI of the WebGL backend bundle, for panels that train in the webview */
  webglUri?: string;
  title: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function pageHtml(o: PageOptions): string {
  const webgl = o.webglUri ? `\n  <script nonce="${o.nonce}" src="${escapeHtml(o.webglUri)}"></script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(o.cspSource, o.nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(o.title)}</title>
  <style>
    body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px 24px; }
    h1 { font-size: 1.2em; font-weight: 600; margin: 12px 0 4px; }
    #geneft-status { margin: 4px 0 12px; font-variant-numeric: tabular-nums; }
    #geneft-status[data-status="failed"] { color: var(--vscode-errorForeground); }
    .figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
    .figure { background: #fff; color: #222; padding: 8px; border-radius: 4px; }
    h2 { font-size: 1em; font-weight: 600; margin: 12px 0 4px; }
    .figure h2 { margin: 0 0 4px; }
    table { border-collapse: collapse; margin-top: 8px; }
    td, th { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 2px 8px; text-align: left; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.current { font-weight: 600; }
    a { color: var(--vscode-textLink-foreground); cursor: pointer; }
    [aria-description="phase cell"] rect { cursor: pointer; }
  </style>
</head>
<body>
  <h1 id="geneft-title">${escapeHtml(o.title)}</h1>
  <div id="geneft-status" data-status="starting">starting…</div>
  <div id="geneft-figures" class="figures"></div>
  <div id="geneft-extra"></div>${webgl}
  <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
