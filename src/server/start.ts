// Starting the dashboard server in-process: opens the database (or uses a given connection),
// makes sure there is someone who can sign in, listens, and returns the URL and a close().
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildApp, type AppOptions } from './app.js';
import { closeStore, openStore, type Store } from '../store/db.js';
import { addUser, countUsers, generatePassword } from '../store/users-store.js';
import { logAudit } from '../store/audit-store.js';
import type { FastifyInstance } from 'fastify';

export interface StartOptions extends Omit<AppOptions, 'conn'> {
  /** A database file to open (and close on close()); or pass `conn`. */
  dbPath?: string;
  conn?: DuckDBConnection;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only); 0.0.0.0 listens on every interface. */
  host?: string;
}

export interface RunningServer {
  url: string;
  /** Set once, when the database had no user and an admin was created. */
  firstLogin: { username: string; password: string } | null;
  /** Drops the cached latest report (call after storing a checkup outside the API). */
  invalidate(): void;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Creates the first admin with a random password when there are no users; returns it, or null. */
export async function ensureFirstAdmin(
  conn: DuckDBConnection,
): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(conn)) > 0) return null;
  const password = generatePassword();
  await addUser(conn, 'admin', password, 'admin');
  await logAudit(conn, 'system', 'user_add', {
    username: 'admin',
    role: 'admin',
    reason: 'first start',
  });
  return { username: 'admin', password };
}

/** Returns the URL a person types for a listening host and port. */
function publicUrl(host: string, port: number): string {
  const h =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** Starts the server; resolves once it listens. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  if (!opts.conn && !opts.dbPath) throw new Error('startServer needs dbPath or conn');
  const store: Store | null = opts.conn ? null : await openStore(opts.dbPath!);
  const conn = opts.conn ?? store!.conn;
  try {
    const { app, cache, gate } = await buildApp({ ...opts, conn });
    const firstLogin = await gate.run((c) => ensureFirstAdmin(c));
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 8080, host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8080);
    return {
      url: publicUrl(host, port),
      firstLogin,
      invalidate: () => cache.invalidate(),
      app,
      close: async () => {
        await app.close();
        if (store) closeStore(store);
      },
    };
  } catch (err) {
    if (store) closeStore(store);
    throw err;
  }
}
