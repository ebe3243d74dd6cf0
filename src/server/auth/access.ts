// Access control in one place. Every /api route declares `config.access` ('public' or the
// least role it needs); a route that forgets is refused at start-up, so nothing is open by
// accident. For each route this hook adds one guard: the role check, then the CSRF check on
// every state-changing method (public login included). The guard runs as the route's first
// onRequest hook, right after the session is read — before any body or upload is parsed or
// validated, so an anonymous client cannot make the server read a file or learn the schema.
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
  onRequestHookHandler,
} from 'fastify';
import { authRequired, forbidden } from '../errors.js';
import { roleAtLeast, type Access } from '../context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns the hook that refuses a request whose user lacks `access`, then checks CSRF if asked. */
export function guard(access: Access, csrf: onRequestHookHandler | null): onRequestHookHandler {
  return function accessGuard(
    this: FastifyInstance,
    req: FastifyRequest,
    reply: FastifyReply,
    done: (err?: Error) => void,
  ) {
    if (access !== 'public') {
      if (!req.user) return done(authRequired());
      if (!roleAtLeast(req.user.role, access)) return done(forbidden(access));
    }
    // The CSRF plugin answers the request itself (403) when the token is missing or wrong.
    if (csrf) return csrf.call(this, req, reply, done);
    done();
  };
}

/** Returns true when every method of the route is safe (no CSRF needed). */
function isSafe(method: RouteOptions['method']): boolean {
  const list = Array.isArray(method) ? method : [method];
  return list.every((m) => SAFE_METHODS.has(String(m).toUpperCase()));
}

/**
 * Installs the onRoute hook. `docsPrefix` routes (Swagger UI) get 'viewer' access by default;
 * any other /api route without config.access throws.
 */
export function installAccessControl(app: FastifyInstance, docsPrefix: string): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const config = (route.config ?? {}) as { access?: Access };
    let access = config.access;
    if (!access && route.url.startsWith(docsPrefix)) access = 'viewer';
    if (!access)
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
    route.config = { ...config, access } as typeof route.config;
    const csrf = isSafe(route.method) ? null : (app.csrfProtection as onRequestHookHandler);
    const existing = route.onRequest
      ? Array.isArray(route.onRequest)
        ? route.onRequest
        : [route.onRequest]
      : [];
    route.onRequest = [guard(access, csrf), ...existing];
  });
}
