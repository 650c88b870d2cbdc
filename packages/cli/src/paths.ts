import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors';
import type { CommandIO } from './io';

/** `--allow-path DIR` values: existing folders, absolute. */
export function allowPathFlag(values: string[] | undefined, io: CommandIO): string[] {
  return (values ?? []).map((v) => {
    const dir = resolve(io.cwd, v);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--allow-path: expected an existing folder, got ${JSON.stringify(v)}`);
    return dir;
  });
}

/**
 * Checks, before any training, that a file can be written where asked: its folder exists and is
 * writable, and the target is not a folder or an unwritable file. A full disk can still fail
 * later; that write then fails cleanly (writeFileAtomic) instead of after hours of work here.
 */
export function checkWritableTarget(flag: string, file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${flag}: folder ${folder} does not exist`);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new UsageError(`${flag}: ${file} is a folder`);
    // A device or a FIFO would be replaced by the renamed file (or block): only regular files are overwritten.
    if (!statSync(file).isFile()) throw new UsageError(`${flag}: ${file} is not a regular file`);
    if (!writable(file)) throw new UsageError(`${flag}: ${file} is not writable`);
  }
  if (!writable(folder)) throw new UsageError(`${flag}: folder ${folder} is not writable`);
}

/** An output folder: either absent below a writable folder (parents are created), or a writable folder. */
export function checkWritableFolder(flag: string, dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${flag}: ${dir} is a file, not a folder`);
  try {
    mkdirSync(dirname(dir), { recursive: true });
  } catch (error) {
    throw new UsageError(`${flag}: cannot create ${dirname(dir)} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (!writable(dirname(dir))) throw new UsageError(`${flag}: folder ${dirname(dir)} is not writable`);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts a finished folder in place of `target`: the old one (if any) is renamed aside first and
 * removed only once the new one is in place, so a crash leaves either the old or the new folder.
 */
export function replaceFolder(finished: string, target: string): void {
  const old = `${target}.${process.pid}.old`;
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(finished, target);
  } catch (error) {
    if (hadOld) renameSync(old, target);
    throw error;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
