import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseJsonText } from '../config/jsonText';
import { resolveExperiment } from '../config/experiment';
import { resolveSweep } from '../sweep/expand';
import type { SweepSpec } from '../sweep/types';
import { isPlainObject } from '../config/jsonSchema';
import type { ExperimentConfig } from '../config/types';
import { GenEftInputError, StoreWriteError } from '../errors';
import type { Params } from '../model/params';
import { paramsFromJson } from '../model/paramsJson';
import { paramsShapeOf } from '../model/shape';

/** Largest input file read (an n = 4096 graph matrix as JSON is about 34 MB). */
export const MAX_INPUT_BYTES = 64 * 2 ** 20;

/**
 * Reads a JSON input file: it must be a regular file (a FIFO or /dev/zero would block or never
 * end) of at most `maxBytes`, nested at most MAX_JSON_DEPTH levels. Errors name the file and
 * never quote its content.
 */
export function readJsonFile(file: string, maxBytes = MAX_INPUT_BYTES): unknown {
  return withFile(file, () => parseJsonText(readInputText(file, maxBytes)));
}

/** The text of a regular file of at most maxBytes; stat first, so a device or FIFO is never opened. */
export function readInputText(file: string, maxBytes = MAX_INPUT_BYTES): string {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    throw new GenEftInputError('$', `a readable file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, undefined, file);
  }
  if (!stat.isFile()) throw new GenEftInputError('$', 'a regular file (not a directory, device or pipe)', undefined, file);
  if (stat.size > maxBytes) throw new GenEftInputError('$', `a file of at most ${maxBytes / 2 ** 20} MiB (it has ${(stat.size / 2 ** 20).toFixed(1)} MiB)`, undefined, file);
  try {
    const text = readFileSync(file, 'utf8');
    // The file may have grown between stat and read.
    if (text.length > maxBytes) throw new GenEftInputError('$', `a file of at most ${maxBytes / 2 ** 20} MiB`, undefined, file);
    return text;
  } catch (error) {
    if (error instanceof GenEftInputError) throw error;
    throw new GenEftInputError('$', `a readable file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, undefined, file);
  }
}

function withFile<T>(file: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof GenEftInputError && !error.file) throw error.inFile(file);
    throw error;
  }
}

export interface LoadOptions {
  /**
   * Folders besides the experiment file's own and `cwd` that a graph `file` may lie in (the
   * CLI's `--allow-path DIR`). A graph file's content becomes part of stored configs, so an
   * experiment must not reach for files elsewhere unless the user says so.
   */
  allowPaths?: readonly string[];
  /** the working directory (default process.cwd()). */
  cwd?: string;
}

/**
 * Reads, validates and resolves an experiment file. A `graph` task's `file` is read (relative to
 * the experiment) and inlined as `matrix` or `edges`, so the config hash covers the graph itself.
 */
export function loadExperimentFile(file: string, options: LoadOptions = {}): ExperimentConfig {
  const raw = readJsonFile(file);
  const graphFile = graphFileOf(raw, file, options);
  const inlined = graphFile ? inlineGraph(raw as Record<string, Record<string, unknown>>, graphFile) : raw;
  try {
    return resolveExperiment(inlined);
  } catch (error) {
    // A problem in the graph's data is the graph file's, and its content is not echoed.
    if (graphFile && error instanceof GenEftInputError && /^\$\.task\.(matrix|edges)\b/.test(error.path)) {
      throw new GenEftInputError(error.path.replace(/^\$\.task\.(matrix|edges)/, '$'), error.expectation, undefined, graphFile);
    }
    if (error instanceof GenEftInputError && !error.file) throw error.inFile(file);
    throw error;
  }
}

/** The checked, absolute path of the experiment's graph file, if it names one. */
function graphFileOf(raw: unknown, experimentFile: string, options: LoadOptions): string | undefined {
  if (!isPlainObject(raw) || !isPlainObject(raw.task) || !Object.hasOwn(raw.task, 'file')) return undefined;
  const given = raw.task.file;
  if (typeof given !== 'string' || given === '') throw new GenEftInputError('$.task.file', 'a path to a JSON graph file', given, experimentFile);
  const graphPath = resolve(dirname(experimentFile), given);
  let real: string;
  try {
    real = realpathSync(graphPath);
  } catch (error) {
    throw new GenEftInputError('$.task.file', `a readable graph file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, given, experimentFile);
  }
  const roots = [dirname(experimentFile), options.cwd ?? process.cwd(), ...(options.allowPaths ?? [])].map(realOrSelf);
  if (!roots.some((root) => isInside(real, root))) {
    throw new GenEftInputError(
      '$.task.file',
      "a graph file inside the experiment file's folder or the working directory (allow another folder with --allow-path DIR)",
      given,
      experimentFile,
    );
  }
  return graphPath;
}

function inlineGraph(raw: Record<string, Record<string, unknown>>, graphPath: string): unknown {
  const { file: _file, ...task } = raw.task;
  const graph = readJsonFile(graphPath);
  if (Array.isArray(graph)) return { ...raw, task: { ...task, matrix: graph } };
  if (isPlainObject(graph) && Array.isArray(graph.matrix)) return { ...raw, task: { ...task, matrix: graph.matrix } };
  if (isPlainObject(graph) && Array.isArray(graph.edges)) {
    return { ...raw, task: { ...task, ...(graph.n !== undefined && task.n === undefined ? { n: graph.n } : {}), edges: graph.edges } };
  }
  throw new GenEftInputError('$', 'an n×n 0/1 matrix, {"matrix": …} or {"n": …, "edges": [[x, y], …]}', undefined, graphPath);
}

/** True when `path` is `root` or lies below it (both absolute, symlinks resolved). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Reads, validates and expands a sweep file (`*.sweep.json`). */
export function loadSweepFile(file: string): SweepSpec {
  const raw = readJsonFile(file);
  return withFile(file, () => resolveSweep(raw));
}

/** Reads params.json and checks it against the experiment's model shape. */
export function loadParamsFile(file: string, config: ExperimentConfig): Params {
  const raw = readJsonFile(file);
  return withFile(file, () => paramsFromJson(raw, paramsShapeOf(config)));
}

/**
 * Writes a file via a temporary sibling and rename, so a crash never leaves half a file. Every
 * byte is checked written (writeSync may write less than asked on a full disk); on any error
 * the temporary file is removed and a StoreWriteError names the target.
 */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  // The rename would replace a device or FIFO node (as root, /dev/full itself): only regular files are overwritten.
  const existing = statSync(file, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) throw new StoreWriteError(file, existing.isDirectory() ? 'EISDIR' : 'EINVAL', existing.isDirectory() ? 'it is a directory' : 'it is not a regular file');
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeAll(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw asWriteError(file, error);
  }
}

/** Writes every byte of `bytes` at the fd's position; throws if the device stops taking them. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    if (n <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    done += n;
  }
}

/** A file-system error as a one-line StoreWriteError (GenEFT's own errors pass through). */
export function asWriteError(file: string, error: unknown): Error {
  if (error instanceof StoreWriteError || error instanceof GenEftInputError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const detail: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a parent is not a directory',
    ENOENT: 'its folder does not exist',
  };
  return new StoreWriteError(file, code, detail[code] ?? (error as Error).message);
}

export function writeJsonFile(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value)}\n`);
}
