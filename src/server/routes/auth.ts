// Signing in and out: GET /api/csrf (token and current user), POST /api/login (rate limited),
// POST /api/logout, GET /api/me, GET /api/health.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, errorSchema } from '../errors.js';
import { clearSessionCookie, isHttps, setSessionCookie } from '../auth/session.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  verifyPassword,
} from '../../store/users-store.js';
import { logAudit } from '../../store/audit-store.js';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'analyst', 'viewer'] },
  },
  required: ['username', 'role'],
} as const;

export interface LoginLimit {
  /** Attempts allowed per IP and username in the window. */
  max: number;
  windowMs: number;
}

/** Returns the rate-limit key of a login attempt: client IP and the username tried. */
function loginKey(req: FastifyRequest): string {
  const body = req.body as { username?: unknown } | undefined;
  const name = typeof body?.username === 'string' ? body.username.slice(0, 64).toLowerCase() : '';
  return `${req.ip}|${name}`;
}

/** Registers the authentication routes. */
export async function authRoutes(
  app: FastifyInstance,
  opts: { loginLimit: LoginLimit },
): Promise<void> {
  const { gate, sessions, sessionTtlMs } = app.kenshin;

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
      config: {
        access: 'public',
        // The body is needed for the key, so the limit runs as a preHandler, after parsing.
        rateLimit: {
          max: opts.loginLimit.max,
          timeWindow: opts.loginLimit.windowMs,
          hook: 'preHandler',
          keyGenerator: loginKey,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        description: `At most ${opts.loginLimit.max} attempts per IP and username per ${Math.round(opts.loginLimit.windowMs / 1000)} s, then 429.`,
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
      const user = await gate.run((conn) => verifyPassword(conn, username, password));
      if (!user) {
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
