import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Shared by the browser tests of @geneft/backend-wasm and @geneft/backend-tfjs (tfjs-wasm).

/** Debian's Chromium; browser tests are skipped, naming this path, where it is absent. */
export const CHROMIUM = process.env.GENEFT_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

// Headless Chromium on a closed network: without the background-networking flags it keeps
// trying (and failing) to reach Google's hosts.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface ServedFile {
  type: string;
  body: string | Buffer;
}

export interface OpenPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * Serves `files` on 127.0.0.1 under the Content-Security-Policy `csp` and opens "/" in headless
 * Chromium, waiting for `global` to appear on the page.
 */
export async function openPage(files: Record<string, ServedFile>, csp: string, global: string): Promise<OpenPage> {
  const dir = mkdtempSync(join(tmpdir(), 'geneft-browser-'));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer((req, res) => {
      const file = files[(req.url ?? '/').split('?')[0]];
      res.writeHead(file ? 200 : 404, { 'content-type': file ? file.type : 'text/plain', 'content-security-policy': csp });
      res.end(file ? file.body : 'not found');
    });
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  let context: BrowserContext | undefined;
  const cleanup = async () => {
    await context?.close();
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction((g) => g in globalThis, global, { timeout: 30_000 }).catch(() => {
      throw new Error(`the page did not load ${global}: ${errors.join('; ') || 'no page error'}`);
    });
    return { page, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
