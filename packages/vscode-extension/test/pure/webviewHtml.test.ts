import { contentSecurityPolicy, makeNonce, pageHtml } from '../../src/pure/webviewHtml';

describe('webview page', () => {
  const nonce = makeNonce();
  const html = pageHtml({ cspSource: 'vscode-webview://abc', nonce, scriptUri: 'vscode-webview://abc/dist/webview.js', webglUri: 'vscode-webview://abc/dist/geneft-webgl.browser.js', title: 'Run <x>' });

  it('locks the page with a nonce CSP and no eval or network', () => {
    const csp = contentSecurityPolicy('vscode-webview://abc', nonce);
    expect(csp).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src vscode-webview://abc 'unsafe-inline'; img-src vscode-webview://abc data:; font-src vscode-webview://abc`,
    );
    expect(html).toContain(`content="${csp}"`);
    expect(html).not.toMatch(/unsafe-eval|connect-src|https?:/);
  });

  it('loads only scripts that carry the nonce, none inline', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(2);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toContain(`nonce="${nonce}"`);
      expect(attrs).toMatch(/src="vscode-webview:\/\/abc\/dist\//);
      expect(body.trim()).toBe('');
    }
    expect(html).toContain('Run &#60;x&#62;');
  });

  it('makes a fresh nonce each time', () => {
    expect(makeNonce()).not.toBe(makeNonce());
    expect(makeNonce()).toMatch(/^[A-Za-z0-9]{16,}$/);
  });
});

describe('webview theme', () => {
  const html = pageHtml({ cspSource: 'c', nonce: 'n', scriptUri: 'c/dist/webview.js', title: 't' });
  it('takes its colours from the VS Code theme, with no white cards', () => {
    expect(html).toContain('background: var(--vscode-editor-background)');
    expect(html).toMatch(/g\[aria-description="phase boundary"\] path[^{]*\{ stroke: var\(--vscode-foreground\)/);
    expect(html).not.toMatch(/background:\s*#fff/i);
  });
});
