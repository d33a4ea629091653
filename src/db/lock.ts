// PGlite takes no lock of its own: two processes opening one data directory would corrupt it.
// A lock file created with O_EXCL names the holder; a lock whose process is gone is stale and
// taken over. The holder's port is recorded so that a refused command can point to its API.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockInfo { pid: number; startedAt: string; port: number | null; command: string }

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockInfo) {
    super(
      `The embedded database in ${dataDir} is in use by another Medborger process ` +
        `(pid ${holder.pid}, "${holder.command}", started ${holder.startedAt}` +
        (holder.port ? `, serving http://localhost:${holder.port}` : '') +
        `). Only one process can open it at a time: stop that process first, or use a PostgreSQL server (DATABASE_URL).`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, 'medborger.lock'), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Takes the lock or throws DataDirLockedError. Returns the release function. */
export function lockDataDir(dataDir: string, command: string, port: number | null = null): { release: () => void; setPort: (port: number) => void } {
  const file = path.join(dataDir, 'medborger.lock');
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), port, command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(dataDir);
        if (current?.pid === process.pid) unlinkSync(file);
      };
      process.once('exit', release);
      const setPort = (p: number) => {
        info.port = p;
        const fd2 = openSync(file, 'w', 0o600);
        writeSync(fd2, JSON.stringify(info));
        closeSync(fd2);
      };
      return { release, setPort };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dataDir);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
      // Stale (its process died) or unreadable (a crash mid-write): take it over.
      try { unlinkSync(file); } catch { /* another process took it over first */ }
    }
  }
  const holder = readLock(dataDir);
  throw new DataDirLockedError(dataDir, holder ?? { pid: -1, startedAt: 'unknown', port: null, command: 'unknown' });
}
