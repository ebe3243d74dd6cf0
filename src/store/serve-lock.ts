// Who holds the database: `kenshin serve` writes DB.serve.json beside the database file (owner
// read/write only) with its PID, its URL and the address and token of its local control
// channel (server/control.ts). A command that finds the database locked reads it to say that
// the dashboard holds the database and what to do; `kenshin backup` uses the channel.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServeControl {
  pid: number;
  /** The dashboard's URL. */
  url: string;
  /** Base URL of the control channel, loopback only, e.g. http://127.0.0.1:41234. */
  control: string;
  /** Bearer token of the control channel (random, 32 bytes). */
  token: string;
  /** Absolute path of the database. */
  db: string;
  started_at: string;
}

/** Returns the control file of a database path. */
export function controlFilePath(dbPath: string): string {
  return `${resolve(dbPath)}.serve.json`;
}

/** Returns true when a process with this PID is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the running server's control record for a database, or null (none, or stale). */
export function readServeControl(dbPath: string): ServeControl | null {
  if (dbPath === ':memory:') return null;
  const file = controlFilePath(dbPath);
  if (!existsSync(file)) return null;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ServeControl;
    return Number.isInteger(c.pid) && alive(c.pid) ? c : null;
  } catch {
    return null;
  }
}

/** Writes the control record (mode 0600, atomically). */
export function writeServeControl(dbPath: string, c: ServeControl): void {
  const file = controlFilePath(dbPath);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** Removes the control record when it is this process's. */
export function removeServeControl(dbPath: string): void {
  const file = controlFilePath(dbPath);
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ServeControl;
    if (c.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}
