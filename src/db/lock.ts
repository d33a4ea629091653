// PGlite takes no lock of its own: two processes opening one data directory would corrupt it.
// The lock file names its holder and appears atomically, complete: it is written to a private
// temporary file first and then hard-linked into place, which fails if a lock already exists.
// A lock whose process has died is stale; taking it over happens under a short mkdir mutex, so
// that two newcomers cannot both take over the same stale lock. The holder's port is recorded
// (by atomic rename) so that a refused command can point to the running server's API.
import { linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  startedAt: string;
  port: number | null;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Medborger process ` +
        `(pid ${holder.pid}, "${holder.command}", started ${holder.startedAt}` +
        (holder.port ? `, serving http://127.0.0.1:${holder.port}` : '') +
        `). Only one process can open it at a time: stop that process first, or use a PostgreSQL server (DATABASE_URL).`,
    );
  }
}

const LOCK = 'medborger.lock';
/** An unreadable lock file (never produced by this code) or takeover mutex older than this is abandoned. */
const ABANDONED_MS = 10_000;

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
    return JSON.parse(readFileSync(path.join(dataDir, LOCK), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Writes a complete file beside the target and returns its name. */
function writeTemp(dataDir: string, info: LockInfo): string {
  const temp = path.join(dataDir, `.${LOCK}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
  return temp;
}

function tryCreate(dataDir: string, info: LockInfo): boolean {
  const temp = writeTemp(dataDir, info);
  try {
    linkSync(temp, path.join(dataDir, LOCK));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

/** Removes the lock file if it is still the stale one we saw; under a mutex so only one process does it. */
function removeIfStale(dataDir: string, seen: LockInfo | null): void {
  const mutex = path.join(dataDir, `${LOCK}.takeover`);
  try {
    mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (ageMs(mutex) > ABANDONED_MS)
      try {
        rmdirSync(mutex);
      } catch {
        /* someone else did */
      }
    return; // another process is taking over; the caller retries
  }
  try {
    const now = readLock(dataDir);
    const stillStale =
      seen === null
        ? now === null && ageMs(path.join(dataDir, LOCK)) > ABANDONED_MS
        : now !== null && now.pid === seen.pid && now.startedAt === seen.startedAt && !alive(now.pid);
    if (stillStale)
      try {
        unlinkSync(path.join(dataDir, LOCK));
      } catch {
        /* already gone */
      }
  } finally {
    rmdirSync(mutex);
  }
}

/** Takes the lock or throws DataDirLockedError. Returns the release function. */
export function lockDataDir(
  dataDir: string,
  command: string,
  port: number | null = null,
): { release: () => void; setPort: (port: number) => void } {
  const file = path.join(dataDir, LOCK);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), port, command };
  const deadline = Date.now() + 2_000;
  for (;;) {
    if (tryCreate(dataDir, info)) break;
    const holder = readLock(dataDir);
    if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
    if (holder?.pid === process.pid && holder.startedAt !== info.startedAt)
      throw new DataDirLockedError(dataDir, holder);
    if (Date.now() > deadline)
      throw new DataDirLockedError(
        dataDir,
        holder ?? { pid: -1, startedAt: 'unknown', port: null, command: 'unknown (unreadable lock file)' },
      );
    removeIfStale(dataDir, holder);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const current = readLock(dataDir);
    if (current?.pid === process.pid && current.startedAt === info.startedAt) unlinkSync(file);
  };
  process.once('exit', release);
  const setPort = (p: number) => {
    info.port = p;
    renameSync(writeTemp(dataDir, info), file); // atomic replace: the lock never disappears or empties
  };
  return { release, setPort };
}
