import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreBusyError } from '../errors';
import { writeAll } from './files';
import { LOCK_FILE } from './layout';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Lock files this process holds, released at exit (a SIGKILL leaves one: see `isStale`). */
const held = new Set<string>();
let exitHook = false;

/**
 * Takes the store's exclusive writer lock: `.lock` created with O_EXCL, holding this process's
 * pid and host. A lock whose process is gone (same host, no such pid) is stale and taken over;
 * a live one is a StoreBusyError ("store S is in use by process P").
 */
export function acquireLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written in full beside the lock, then hard-linked into place: link fails if the lock exists,
    // and a lock file is never seen half-written.
    const draft = `${file}.${process.pid}.new`;
    const fd = openSync(draft, 'w');
    try {
      writeAll(fd, Buffer.from(`${JSON.stringify(me)}\n`));
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(draft, file);
      rmSync(draft, { force: true });
      held.add(file);
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => held.forEach((f) => rmSync(f, { force: true })));
      }
      return () => {
        if (held.delete(file)) rmSync(file, { force: true });
      };
    } catch (error) {
      rmSync(draft, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && !isStale(owner)) throw new StoreBusyError(dir, owner.pid, owner.host === me.host ? undefined : owner.host);
    takeOverStale(file, owner);
  }
  const owner = readOwner(file);
  throw new StoreBusyError(dir, owner?.pid ?? -1);
}

/** The owner written in a lock file; null for an unreadable one (never a half-written one: see acquireLock). */
export function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** A lock is stale when its process is gone; a lock of another host cannot be checked and is kept. */
export function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a stale lock without racing another process doing the same: the lock is first renamed
 * aside (only one renamer wins), and if what was renamed turns out to be a live owner's fresh
 * lock, it is linked back.
 */
function takeOverStale(file: string, seen: LockOwner | null): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return; // another process moved it first: try to create ours again
  }
  const moved = readOwner(aside);
  const sameAsSeen = seen === null ? moved === null : moved !== null && moved.pid === seen.pid && moved.since === seen.since;
  if (!sameAsSeen && moved && !isStale(moved)) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process took the lock meanwhile; the live owner's file is lost, but it still holds its store
    }
  }
  rmSync(aside, { force: true });
}
