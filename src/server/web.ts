// Serving the dashboard: the built files of web/dist, with every other non-API GET answered
// by index.html so the dashboard's own paths (/customers/123?lang=en) survive a reload, and
// security headers on every response.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors.js';

/** Returns the folder of the built dashboard (web/dist beside src/ or dist/). */
export function defaultWebDir(): string {
  // This file is src/server/web.ts (tsx) or dist/server/web.js (built): the root is two up.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
}

// The dashboard loads nothing from elsewhere; ECharts draws on canvas; React sets style attributes.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Adds the security headers every response carries (the CSP on pages outside the API docs). */
export function installSecurityHeaders(app: FastifyInstance, docsPrefix: string): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (!req.url.startsWith(docsPrefix)) reply.header('content-security-policy', CSP);
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Serves `webDir` at / with the SPA fallback; API paths that match no route answer 404 JSON. */
export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (req.method !== 'GET' || path.startsWith('/api/') || path === '/api') {
      throw notFound(
        'not_found',
        `No route ${req.method} ${path}.`,
        `${req.method} ${path} はありません。`,
      );
    }
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The dashboard is not built: run `npm run build:web`. ダッシュボードが未ビルドです: npm run build:web を実行してください。',
        );
    }
    return reply.sendFile('index.html');
  });
  if (hasWeb) {
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.url.startsWith('/api/')) return payload;
      // Hashed asset names never change content; the page itself must always be fresh.
      if (req.url.startsWith('/assets/') && reply.statusCode === 200)
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
        reply.header('cache-control', 'no-cache');
      return payload;
    });
  }
}
