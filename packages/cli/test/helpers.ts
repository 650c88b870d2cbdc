import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CommandIO } from '@geneft/cli';

export const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `geneft ARGS` in-process with captured output. */
export async function geneft(args: string[], cwd = EXAMPLES): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export const tmp = () => mkdtempSync(join(tmpdir(), 'geneft-cli-'));

/** Resolves once `check()` holds (polled every 20 ms); rejects after `ms`. */
export const until = (check: () => boolean, what: string, ms = 60_000) =>
  new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - t0 > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 20);
  });
