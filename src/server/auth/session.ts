// Server-side sessions: a random id in an httpOnly, SameSite=Strict cookie; the sessions table
// holds its hash, the user and the expiry. Looked-up sessions are kept in memory so a busy
// dashboard does not ask the database on every request; logout, user deletion and role
// changes drop them here too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbGate } from '../db-gate.js';
import { findSession, sessionHash, type Session } from '../../store/users-store.js';

export const SESSION_COOKIE = 'kenshin_sid';

export class SessionCache {
  private readonly map = new Map<string, Session>();

  constructor(private readonly gate: DbGate) {}

  /** Returns the live session of a cookie value, from memory or the database, or null. */
  async lookup(cookie: string): Promise<Session | null> {
    const hash = sessionHash(cookie);
    const hit = this.map.get(hash);
    if (hit && hit.expires_at > Date.now()) return hit;
    if (hit) this.map.delete(hash);
    const s = await this.gate.run((conn) => findSession(conn, hash));
    if (s) this.map.set(hash, s);
    return s;
  }

  /** Remembers a session just created. */
  remember(s: Session): void {
    this.map.set(s.hash, s);
  }

  /** Forgets one session (logout). */
  forget(hash: string): void {
    this.map.delete(hash);
  }

  /** Forgets every session of a user (deleted, or role changed: the next request reloads it). */
  forgetUser(username: string): void {
    for (const [h, s] of this.map) if (s.username === username) this.map.delete(h);
  }
}

/** Returns true when the request arrived over https (directly or via a trusted proxy). */
export function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

/** Sets the session cookie (Secure when the request came over https). */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  ttlMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(req),
    maxAge: Math.floor(ttlMs / 1000),
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(req),
  });
}

/** Installs the hook that sets request.user from the session cookie on /api requests. */
export function installSessions(app: FastifyInstance, cache: SessionCache): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie || cookie.length > 200) return;
    const s = await cache.lookup(cookie);
    if (s) req.user = { username: s.username, role: s.role, sessionHash: s.hash };
  });
}
