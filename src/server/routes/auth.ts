// Signing in and out: GET /api/csrf (token and current user), POST /api/login (limited per
// username, per IP and globally; the password is hashed off the database queue), POST
// /api/logout, GET /api/me, GET /api/health.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorSchema } from '../errors.js';
import { clearSessionCookie, isHttps, setSessionCookie } from '../auth/session.js';
import { HashPool, HashPoolBusy } from '../auth/hash-pool.js';
import { HashWorker } from '../auth/hash-worker.js';
import { loginGuard, type LoginLimit } from '../auth/login-guard.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  passwordRecord,
} from '../../store/users-store.js';
import { logAudit } from '../../store/audit-store.js';

export type { LoginLimit } from '../auth/login-guard.js';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'analyst', 'viewer'] },
  },
  required: ['username', 'role'],
} as const;

/** Registers the authentication routes. */
export async function authRoutes(
  app: FastifyInstance,
  opts: { loginLimit: LoginLimit; hashPool?: HashPool },
): Promise<void> {
  const { gate, sessions, sessionTtlMs } = app.kenshin;
  const guard = loginGuard(app, opts.loginLimit);
  const pool = opts.hashPool ?? new HashPool();
  const worker = new HashWorker();
  app.addHook('onClose', async () => worker.close());
  const perIp = opts.loginLimit.perIp ?? { max: 20, windowMs: 15 * 60_000 };

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Liveness check',
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    },
    async () => ({ ok: true }),
  );

  app.get(
    '/api/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'A CSRF token for the next state-changing request, and who is signed in',
        description: 'The token is bound to the session: fetch a new one after signing in or out.',
        response: {
          200: {
            type: 'object',
            properties: {
              token: { type: 'string' },
              user: { anyOf: [userSchema, { type: 'null' }] },
            },
            required: ['token', 'user'],
          },
        },
      },
    },
    async (req, reply) => {
      const token = reply.generateCsrf({
        userInfo: req.user?.sessionHash ?? 'anonymous',
        secure: isHttps(req),
      });
      reply.header('cache-control', 'no-store');
      return {
        token,
        user: req.user ? { username: req.user.username, role: req.user.role } : null,
      };
    },
  );

  app.post(
    '/api/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        description:
          `After ${opts.loginLimit.max} failed sign-ins for a username in ${Math.round(opts.loginLimit.windowMs / 1000)} s, ` +
          `or ${perIp.max} from one IP in ${Math.round(perIp.windowMs / 1000)} s, or too many across all users, 429 ` +
          `(details.scope, Retry-After). Sign-ins from the server machine itself are not limited.`,
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { user: userSchema }, required: ['user'] },
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as { username: string; password: string };
      let local: boolean;
      try {
        local = await guard.admit(req);
      } catch (err) {
        if (err instanceof ApiError) reply.header('retry-after', retryAfter(err));
        throw err;
      }
      const busy = () => {
        const e = guard.busy();
        reply.header('retry-after', retryAfter(e));
        return e;
      };
      // A place in the hash pool is taken first, so at most a few sign-ins at a time even ask
      // the database; the database gives only the stored hash, and the hash is checked by a
      // child process of lower priority: other users' requests never wait behind argon2.
      let user;
      try {
        user = await pool.run(
          async () => {
            const record = await gate.run((conn) => passwordRecord(conn, username));
            return worker.check(record, password);
          },
          { priority: local },
        );
      } catch (err) {
        throw err instanceof HashPoolBusy ? busy() : err;
      }
      if (!user) {
        await guard.failed(req);
        await gate.run((conn) => logAudit(conn, username, 'login_failed', { ip: req.ip }));
        throw new ApiError(
          401,
          'login_failed',
          'Wrong username or password.',
          'ユーザー名またはパスワードが違います。',
        );
      }
      const { id, session } = await gate.run(async (conn) => {
        await deleteExpiredSessions(conn);
        const s = await createSession(conn, user, sessionTtlMs);
        await logAudit(conn, user.username, 'login', { ip: req.ip });
        return s;
      });
      sessions.remember(session);
      setSessionCookie(req, reply, id, sessionTtlMs);
      return { user: { username: user.username, role: user.role } };
    },
  );

  app.post(
    '/api/logout',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out; ends the session',
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    },
    async (req, reply) => {
      const u = req.user!;
      sessions.forget(u.sessionHash);
      await gate.run(async (conn) => {
        await deleteSession(conn, u.sessionHash);
        await logAudit(conn, u.username, 'logout', { ip: req.ip });
      });
      clearSessionCookie(req, reply);
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: { type: 'object', properties: { user: userSchema } } },
      },
    },
    async (req) => ({ user: { username: req.user!.username, role: req.user!.role } }),
  );
}

/** Returns the Retry-After seconds of a 429. */
function retryAfter(err: ApiError): string {
  return String((err.details as { retry_after_s?: number } | undefined)?.retry_after_s ?? 60);
}
