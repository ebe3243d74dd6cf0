// What the server's routes share, and the Fastify type extensions that carry it: the gated
// database connection, the report cache, the session cache, and the signed-in user.
import type { DbGate } from './db-gate.js';
import type { ReportCache } from './report-cache.js';
import type { SessionCache } from './auth/session.js';
import type { Role } from '../store/users-store.js';

/** Who may call a route: anyone ('public') or a signed-in user with at least this role. */
export type Access = 'public' | Role;

/** The user behind a request (from the session cookie). */
export interface AuthUser {
  username: string;
  role: Role;
  /** SHA-256 of the session cookie; binds CSRF tokens to the session. */
  sessionHash: string;
}

export interface ServerContext {
  gate: DbGate;
  cache: ReportCache;
  sessions: SessionCache;
  /** Session lifetime in milliseconds. */
  sessionTtlMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    kenshin: ServerContext;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** Required on every /api route; enforced by auth/access.ts. */
    access?: Access;
  }
}

/** Returns true when `role` is at least `need` (admin > analyst > viewer). */
export function roleAtLeast(role: Role, need: Role): boolean {
  const rank: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };
  return rank[role] >= rank[need];
}
