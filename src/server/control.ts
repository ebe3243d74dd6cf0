// The local control channel of `kenshin serve`: while the server holds the database, the few
// things the command line must do through the server's own connection go here — today a
// consistent backup. It listens on 127.0.0.1 only, on a port of its own (never the dashboard's,
// which may face the network), and each request must carry the bearer token written with the
// port to DB.serve.json, readable by the server's user only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { DbGate } from './db-gate.js';
import { backupDatabase } from '../store/backup.js';
import { classifyError } from '../store/errors.js';
import { removeServeControl, writeServeControl, type ServeControl } from '../store/serve-lock.js';

export interface ControlChannel {
  /** The record written to DB.serve.json. */
  info: ServeControl;
  close(): Promise<void>;
}

/** Returns the parsed JSON body of a small request (at most 64 KiB). */
async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65536) throw new Error('body too large');
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Returns true when the request carries the token. */
function authorised(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const want = Buffer.from(`Bearer ${token}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts the channel for the database at `dbPath` served at `url`; writes DB.serve.json. */
export async function startControl(opts: {
  dbPath: string;
  url: string;
  gate: DbGate;
}): Promise<ControlChannel> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    void (async () => {
      if (!authorised(req, token)) return send(res, 401, { code: 'unauthorised' });
      if (req.method === 'GET' && req.url === '/status')
        return send(res, 200, { pid: process.pid, db: opts.dbPath, url: opts.url });
      if (req.method === 'POST' && req.url === '/backup') {
        const body = await jsonBody(req);
        const dest = body.path;
        if (typeof dest !== 'string' || !isAbsolute(dest))
          return send(res, 400, { code: 'bad_request', en: 'path must be absolute' });
        const result = await opts.gate.run((conn) =>
          backupDatabase(conn, dest, { force: body.force === true }),
        );
        return send(res, 200, result);
      }
      send(res, 404, { code: 'not_found' });
    })().catch((err: unknown) => {
      const known = classifyError(err, { dbPath: opts.dbPath });
      send(
        res,
        known ? 400 : 500,
        known
          ? { code: known.code, ja: known.ja, en: known.en, exit: known.exitCode }
          : { code: 'internal', en: String((err as Error)?.message ?? err) },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const info: ServeControl = {
    pid: process.pid,
    url: opts.url,
    control: `http://127.0.0.1:${port}`,
    token,
    db: opts.dbPath,
    started_at: new Date().toISOString(),
  };
  writeServeControl(opts.dbPath, info);
  return {
    info,
    close: async () => {
      removeServeControl(opts.dbPath);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
