// A throw-away PostgreSQL 15 cluster for tests: initdb in a temp dir, started on a free port,
// removed by stop(). initdb refuses to run as root, so as root the cluster is owned and run by
// the `postgres` user (runuser), which the Debian packages create; .ci/run runs as root.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
/** Why the PostgreSQL tests are skipped here, or false when they can run. */
export const PG_MISSING = existsSync(join(PG_BIN, 'initdb'))
  ? false
  : `PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15)`;

export interface TestPostgres {
  url: string;
  stop: () => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a cluster (trust auth for user kenshin on 127.0.0.1); call stop() when done. */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-pg-'));
  const root = userInfo().uid === 0;
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), -1);
  const run = (bin: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(PG_BIN, bin), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'kenshin', '--auth=trust', '--no-locale', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -h 127.0.0.1`,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://kenshin@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
