import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveExperiment } from '../config/experiment';
import { resolveSweep } from '../sweep/expand';
import type { SweepSpec } from '../sweep/types';
import { isPlainObject } from '../config/jsonSchema';
import type { ExperimentConfig } from '../config/types';
import { GenEftInputError } from '../errors';
import type { Params } from '../model/params';
import { paramsFromJson } from '../model/paramsJson';
import { paramsShapeOf } from '../model/shape';

/** Parses a JSON file; a syntax error becomes a GenEftInputError with line and column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GenEftInputError('$', `a readable file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, undefined, file);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GenEftInputError('$', `valid JSON (${describeSyntaxError(text, error as Error)})`, undefined, file);
  }
}

function describeSyntaxError(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return error.message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/**
 * Reads, validates and resolves an experiment file. A `graph` task's `file` is read (relative to
 * the experiment) and inlined as `matrix` or `edges`, so the config hash covers the graph itself.
 */
export function loadExperimentFile(file: string): ExperimentConfig {
  const raw = readJsonFile(file);
  try {
    return resolveExperiment(inlineGraphFile(raw, file));
  } catch (error) {
    if (error instanceof GenEftInputError && !error.file) throw error.inFile(file);
    throw error;
  }
}

function inlineGraphFile(raw: unknown, experimentFile: string): unknown {
  if (!isPlainObject(raw) || !isPlainObject(raw.task) || typeof raw.task.file !== 'string') return raw;
  const { file, ...task } = raw.task;
  const graphPath = resolve(dirname(experimentFile), file as string);
  const graph = readJsonFile(graphPath);
  if (Array.isArray(graph)) return { ...raw, task: { ...task, matrix: graph } };
  if (isPlainObject(graph) && Array.isArray(graph.matrix)) return { ...raw, task: { ...task, matrix: graph.matrix } };
  if (isPlainObject(graph) && Array.isArray(graph.edges)) {
    return { ...raw, task: { ...task, ...(graph.n !== undefined && task.n === undefined ? { n: graph.n } : {}), edges: graph.edges } };
  }
  throw new GenEftInputError('$', 'an n×n 0/1 matrix, {"matrix": …} or {"n": …, "edges": [[x, y], …]}', graph, graphPath);
}

/** Reads, validates and expands a sweep file (`*.sweep.json`). */
export function loadSweepFile(file: string): SweepSpec {
  const raw = readJsonFile(file);
  try {
    return resolveSweep(raw);
  } catch (error) {
    if (error instanceof GenEftInputError && !error.file) throw error.inFile(file);
    throw error;
  }
}

/** Reads params.json and checks it against the experiment's model shape. */
export function loadParamsFile(file: string, config: ExperimentConfig): Params {
  try {
    return paramsFromJson(readJsonFile(file), paramsShapeOf(config));
  } catch (error) {
    if (error instanceof GenEftInputError && !error.file) throw error.inFile(file);
    throw error;
  }
}

/** Writes a file via a temporary sibling and rename, so a crash never leaves half a file. */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function writeJsonFile(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value)}\n`);
}
