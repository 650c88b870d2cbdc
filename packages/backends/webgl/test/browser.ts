import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; the browser tests are skipped, with this path in the message, where it is absent. */
export const CHROMIUM = process.env.GENEFT_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

// Headless Chromium on a closed network: without the background-networking flags it keeps
// trying (and failing) to reach Google's hosts. WebGL2 runs on SwiftShader with no GPU flags.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserPage {
  page: Page;
  /** the page's base URL (a localhost server of the freshly built bundle). */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the browser bundle into a temporary folder, serves it on 127.0.0.1 with a blank page
 * that loads it under a webview-like Content-Security-Policy, and opens that page in headless
 * Chromium.
 */
export async function openBundlePage(): Promise<BrowserPage> {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-webgl-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundle } = require('../scripts/bundle.js') as { bundle(outfile: string): Promise<string> };
  await bundle(join(dir, 'geneft-webgl.browser.js'));
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><script src="geneft-webgl.browser.js"></script>'],
    '/geneft-webgl.browser.js': ['text/javascript', readFileSync(join(dir, 'geneft-webgl.browser.js'), 'utf8')],
  };
  const server = await listen((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]];
    // The lock of a VS Code webview (scripts only from the page's origin, nothing else), so the
    // bundle is known to need no eval, inline script, worker or network.
    res.writeHead(file ? 200 : 404, { 'content-type': file ? file[0] : 'text/plain', 'content-security-policy': "default-src 'none'; script-src 'self'" });
    res.end(file ? file[1] : 'not found');
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => 'GenEFTWebgl' in globalThis, undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`the bundle did not load: ${errors.join('; ') || 'no page error'}`);
    });
    return {
      page,
      url,
      async close() {
        await context?.close();
        await new Promise((done) => server.close(done));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
