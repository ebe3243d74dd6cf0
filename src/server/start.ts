// Starting the dashboard server in-process: opens the database (or uses a given connection),
// makes sure there is someone who can sign in, reports stored settings that are invalid,
// listens, opens the local control channel (backups while it runs), optionally schedules the
// daily job in this process, and returns the URL and a close().
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildApp, type AppOptions } from './app.js';
import { startControl, type ControlChannel } from './control.js';
import { closeStore, openStore, type Store } from '../store/db.js';
import { addUser, countUsers, generatePassword } from '../store/users-store.js';
import { logAudit } from '../store/audit-store.js';
import { loadSettingsLenient } from '../store/settings-store.js';
import type { SettingsProblem } from '../domain/settings.js';
import type { FastifyInstance } from 'fastify';
import type { DailyOptions } from '../jobs/daily.js';

export interface StartOptions extends Omit<AppOptions, 'conn'> {
  /** A database file to open (and close on close()); or pass `conn`. */
  dbPath?: string;
  conn?: DuckDBConnection;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only); 0.0.0.0 listens on every interface. */
  host?: string;
  /**
   * The database file to open the control channel for (DB.serve.json: backups and the
   * "the dashboard holds the database" message); default `dbPath`, false for none.
   */
  control?: string | false;
  /**
   * Run the daily job in this process on a cron pattern, in the business's timezone. Between
   * runs, alerts that failed are retried every `retryMs` (default 10 minutes; 0: only at the
   * next run), each after its own backoff.
   */
  daily?: { cron: string; retryMs?: number } & Omit<DailyOptions, 'log' | 'now' | 'asOf'>;
  /** Where the daily job's log lines go (default stdout). */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  /** Set once, when the database had no user and an admin was created. */
  firstLogin: { username: string; password: string } | null;
  /** Drops the cached latest report (call after storing a checkup outside the API). */
  invalidate(): void;
  /** Stored settings that are invalid (shown at start; fixed on the settings page). */
  settingsProblems: SettingsProblem[];
  /** The next run of the scheduled daily job, or null. */
  nextDaily: Date | null;
  /** Runs the daily job now, as the schedule would (tests, and a manual trigger). */
  runDailyNow(): Promise<void>;
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
  let control: ControlChannel | null = null;
  try {
    const { app, cache, gate } = await buildApp({ ...opts, conn });
    const firstLogin = await gate.run((c) => ensureFirstAdmin(c));
    const { settings, problems } = await gate.run((c) => loadSettingsLenient(c));
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 8080, host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8080);
    const url = publicUrl(host, port);
    const controlFor = opts.control ?? opts.dbPath;
    if (controlFor && controlFor !== ':memory:')
      control = await startControl({ dbPath: controlFor, url, gate });
    const log = opts.log ?? ((l: string) => process.stdout.write(l + '\n'));
    // The daily job takes its turn on the connection like any request; the dashboard keeps
    // serving the cached report meanwhile and shows the new one as soon as it is stored.
    let running: Promise<void> = Promise.resolve();
    let inRun = false;
    const runDailyNow = () =>
      (running = (async () => {
        inRun = true;
        try {
          const { runDaily } = await import('../jobs/daily.js');
          const { daily } = opts;
          await gate.run((c) => runDaily(c, { ...daily, log }));
          cache.invalidate();
        } finally {
          inRun = false;
        }
      })());
    let schedule: { stop(): void; nextRun(): Date | null } | null = null;
    let stopRetry: (() => void) | null = null;
    if (opts.daily) {
      const { startRetryLoop, startSchedule } = await import('../jobs/schedule.js');
      schedule = startSchedule({
        cron: opts.daily.cron,
        timezone: settings.timezone,
        run: runDailyNow,
        onError: (err) => log(`daily job failed: ${(err as Error)?.message ?? String(err)}`),
      });
      const everyMs = opts.daily.retryMs ?? 10 * 60_000;
      if (everyMs > 0)
        stopRetry = startRetryLoop({
          everyMs,
          busy: () => inRun,
          retry: async () => {
            const { retryDueAlerts } = await import('../jobs/outbox.js');
            await gate.run((c) => retryDueAlerts(c, log));
          },
          onError: (err) => log(`alert retry failed: ${(err as Error)?.message ?? String(err)}`),
        });
    }
    return {
      url,
      firstLogin,
      settingsProblems: problems,
      nextDaily: schedule?.nextRun() ?? null,
      runDailyNow,
      invalidate: () => cache.invalidate(),
      app,
      close: async () => {
        schedule?.stop();
        stopRetry?.();
        await running.catch(() => undefined);
        await control?.close();
        await app.close();
        if (store) closeStore(store);
      },
    };
  } catch (err) {
    await control?.close();
    if (store) closeStore(store);
    throw err;
  }
}
