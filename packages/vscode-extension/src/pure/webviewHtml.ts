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
    /* Colours come from the VS Code theme (light, dark, high contrast) through its CSS variables.
       Plot draws axes and text in currentColor; the few marks @geneft/viz colours for paper figures
       (black boundary, white halos and cell borders) are re-coloured here by their aria-description,
       since a stylesheet rule outranks an SVG presentation attribute. */
    body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
    h1 { font-size: 1.2em; font-weight: 600; margin: 12px 0 2px; }
    #geneft-rates, #geneft-engine { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
    #geneft-status { margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
    #geneft-status[data-status="failed"] { color: var(--vscode-errorForeground); }
    #geneft-engine { margin-bottom: 12px; }
    .figures { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
    .figure { color: var(--vscode-foreground); }
    .figure svg, .figure figure { color: var(--vscode-foreground); background: transparent; max-width: 100%; }
    /* Plot wraps a figure with a legend in <figure>: without the browser's 40px figure margins, stacked panels line up */
    .figure figure { margin: 0; }
    .figure figcaption, .figure .note { color: var(--vscode-descriptionForeground); }
    .note { margin: 4px 0 0; max-width: 60em; }
    h2 { font-size: 1em; font-weight: 600; margin: 12px 0 4px; }
    .figure h2 { margin: 0 0 4px; }
    g[aria-description="phase boundary"] path, g[aria-description="theory p_r"] path { stroke: var(--vscode-foreground); }
    g[aria-description="phase boundary label"] text { fill: var(--vscode-foreground); stroke: var(--vscode-editor-background); }
    g[aria-description="ratio line"] path, g[aria-description="critical ratio"] line { stroke: var(--vscode-descriptionForeground); }
    g[aria-description="ratio label"] text { fill: var(--vscode-descriptionForeground); stroke: var(--vscode-editor-background); }
    g[aria-description="critical ratio label"] text { fill: var(--vscode-descriptionForeground); }
    g[aria-description="phase cell"] rect, g[aria-description="pending cell"] rect, g[aria-description="latent"] circle, g[aria-description="measured"] circle { stroke: var(--vscode-editor-background); }
    g[aria-description="pending cell"] rect { opacity: 0.55; }
    g[aria-description="phase cell"] rect { cursor: pointer; }
    table { border-collapse: collapse; margin-top: 8px; }
    td, th { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 2px 8px; text-align: left; }
    th.sortable { cursor: pointer; user-select: none; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.current { font-weight: 600; color: var(--vscode-textLink-foreground); }
    .running { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; margin-top: 8px; }
    a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  </style>
</head>
<body>
  <h1 id="geneft-title">${escapeHtml(o.title)}</h1>
  <div id="geneft-rates"></div>
  <div id="geneft-status" data-status="starting">starting…</div>
  <div id="geneft-engine"></div>
  <div id="geneft-figures" class="figures"></div>
  <div id="geneft-extra"></div>${webgl}
  <script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
