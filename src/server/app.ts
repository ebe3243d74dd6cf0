// The HTTP application: plugins for the cross-cutting concerns (cookies, CSRF, rate limit,
// uploads, OpenAPI), the session and access hooks, the API routes and the dashboard files.
// Building it does not listen; start.ts does (and tests use inject).
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DbGate } from './db-gate.js';
import { ReportCache } from './report-cache.js';
import { SessionCache, installSessions } from './auth/session.js';
import { installAccessControl } from './auth/access.js';
import { installErrorHandlers } from './errors.js';
import { installSecurityHeaders, serveWeb, defaultWebDir } from './web.js';
import { UploadStore } from './imports/uploads.js';
import type { ImportEngine } from './imports/engine.js';
import { authRoutes, type LoginLimit } from './routes/auth.js';
import { checkupRoutes } from './routes/checkups.js';
import { findingsRoutes } from './routes/findings.js';
import { settingsRoutes } from './routes/settings.js';
import { customerRoutes } from './routes/customers.js';
import { segmentRoutes } from './routes/segments.js';
import { simulateRoutes } from './routes/simulate.js';
import { projectionRoutes } from './routes/projection.js';
import { importRoutes } from './routes/import.js';
import { userRoutes } from './routes/users.js';
import { deleteExpiredSessions, ensureUserTables, serverKey } from '../store/users-store.js';
import { trustProxyOption } from './trust-proxy.js';
import { openApiTransform } from './zod.js';
import { DEFAULT_LOGIN_LIMIT } from './auth/login-guard.js';

export const DOCS_PREFIX = '/api/docs';

export interface AppOptions {
  conn: DuckDBConnection;
  /** Log requests (pino) — off in tests. */
  logger?: boolean;
  /**
   * Proxies whose X-Forwarded-* are believed (needed for Secure cookies behind https): their
   * addresses or CIDRs, comma-separated; `true` means this machine only ('loopback'). Never
   * everyone: the client is the rightmost address of X-Forwarded-For that is not trusted.
   */
  trustProxy?: boolean | string | string[];
  /** The built dashboard; default web/dist. */
  webDir?: string;
  /** Default 12 hours. */
  sessionTtlMs?: number;
  /** Default 5 failed sign-ins per username a minute, 20 per IP in 15 minutes, 50 in all a minute. */
  loginLimit?: LoginLimit;
  /** Largest import upload in bytes; default 1 GiB. */
  maxUploadBytes?: number;
  /** Replace the importer (tests); default: the one in src/ingest/ when present. */
  importEngine?: ImportEngine | null;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: string;
}

export interface App {
  app: FastifyInstance;
  cache: ReportCache;
  gate: DbGate;
  /** Every registered route with its declared access (for the security test and the docs). */
  routes: RouteInfo[];
}

/** Returns the ready (not listening) Fastify application over a database connection. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const gate = new DbGate(opts.conn);
  const keys = await gate.run(async (conn) => {
    await ensureUserTables(conn);
    await deleteExpiredSessions(conn);
    return {
      cookie: await serverKey(conn, 'cookie_secret'),
      csrf: await serverKey(conn, 'csrf_hmac'),
    };
  });
  const cache = new ReportCache(gate);
  const sessions = new SessionCache(gate);
  const uploads = new UploadStore();
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: trustProxyOption(opts.trustProxy),
    bodyLimit: 4 * 1024 * 1024,
    // Report JSON is sent as stored bytes; Ajv still validates every input.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.decorate('kenshin', {
    gate,
    cache,
    sessions,
    sessionTtlMs: opts.sessionTtlMs ?? 12 * 60 * 60 * 1000,
  });
  app.addHook('onClose', async () => uploads.clear());

  await app.register(fastifyCookie, { secret: keys.cookie });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'kenshin_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true },
    // Tokens are bound to the session, so one minted before sign-in is useless after it.
    getUserInfo: (req) => req.user?.sessionHash ?? 'anonymous',
    csrfOpts: { hmacKey: keys.csrf, userInfo: true },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: opts.maxUploadBytes ?? 1024 ** 3, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    transform: openApiTransform,
    openapi: {
      info: {
        title: 'kenshin 顧客健診 API',
        version: '1',
        description:
          'Every route needs a signed-in session unless marked public. Errors: { statusCode, code, message, message_ja }.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kenshin_sid' } },
      },
      security: [{ session: [] }],
    },
  });

  installErrorHandlers(app);
  installSecurityHeaders(app, DOCS_PREFIX);
  installSessions(app, sessions);
  installAccessControl(app, DOCS_PREFIX);
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const access = (r.config as { access?: string } | undefined)?.access ?? 'public';
    for (const m of Array.isArray(r.method) ? r.method : [r.method])
      routes.push({ method: String(m), url: r.url, access });
  });

  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
  await app.register(authRoutes, { loginLimit: opts.loginLimit ?? DEFAULT_LOGIN_LIMIT });
  await app.register(checkupRoutes);
  await app.register(findingsRoutes);
  await app.register(settingsRoutes);
  await app.register(customerRoutes);
  await app.register(segmentRoutes);
  await app.register(simulateRoutes);
  await app.register(projectionRoutes);
  await app.register(importRoutes, { uploads, engine: opts.importEngine });
  await app.register(userRoutes);
  await serveWeb(app, opts.webDir ?? defaultWebDir());
  await app.ready();
  return { app, cache, gate, routes };
}
