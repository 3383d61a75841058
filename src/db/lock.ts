import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { DomainError } from '../domain/shared/errors.js';

/**
 * PGlite has no lock of its own, and two processes writing one data folder silently lose data.
 * We hold a lock file beside the database for as long as the process runs; a second process
 * refuses to start. A lock left by a process that has died is taken over.
 */
export interface DataDirLock {
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'liminal.lock');
  const me = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: number };
          if (held.pid === process.pid) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // unreadable lock: treat as stale
      }
      const sameHost = !holder.host || holder.host === hostname();
      if (holder.pid && sameHost && holder.pid !== process.pid && processIsAlive(holder.pid)) {
        throw new DomainError(
          'unavailable',
          `The data folder ${dataDir} is in use by another Liminal process (pid ${holder.pid}). ` +
            'Stop that process first, or set LIMINAL_DATA_DIR to another folder.',
        );
      }
      if (holder.pid && !sameHost) {
        throw new DomainError(
          'unavailable',
          `The data folder ${dataDir} is locked by a Liminal process on host ${holder.host} (pid ${holder.pid}). ` +
            `If that process is gone, remove ${lockPath}.`,
        );
      }
      rmSync(lockPath, { force: true }); // stale: its process has ended
    }
  }
  throw new DomainError('unavailable', `Could not lock the data folder ${dataDir}.`);
}
