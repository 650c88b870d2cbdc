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
