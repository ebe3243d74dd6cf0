// The limits on signing in. Failed sign-ins are counted three ways, with @fastify/rate-limit's
// keying and stores: per username (an attacker guessing one password), per client IP (one
// client trying many names), and across everyone (many clients, many names) — the last with a
// lock-out that doubles each time the budget is spent again. A limit reached refuses further
// attempts before any password is hashed, so a flood costs the server almost nothing.
// A sign-in from the machine itself (loopback, not through a proxy) is never limited: however
// long an attacker keeps the limits spent, the admin can sign in locally (ssh -L …).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

export interface LoginLimit {
  /** Failed sign-ins allowed per username in the window (default 5 per minute). */
  max: number;
  windowMs: number;
  /** Failed sign-ins allowed per client IP (default 20 per 15 minutes). */
  perIp?: { max: number; windowMs: number };
  /**
   * Failed sign-ins across all users before non-local sign-ins pause (default 50 per minute).
   * The pause lasts `lockMs` (default: the window), doubling for each further failure while the
   * budget stays spent, up to `maxLockMs` (default 15 minutes).
   */
  global?: { max: number; windowMs: number; lockMs?: number; maxLockMs?: number };
  /** Sign-ins from the machine itself skip the limits (default true). */
  exemptLocal?: boolean;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { max: 5, windowMs: 60_000 };

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/** Returns true when the request comes from this machine directly (loopback, no proxy headers). */
export function isLocalRequest(req: FastifyRequest): boolean {
  const peer = req.socket?.remoteAddress ?? '';
  const loopback = peer === '::1' || /^(::ffff:)?127\./.test(peer);
  return loopback && !FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
}

/** Returns the username tried, as counted (lowercased, at most 64 characters). */
function usernameKey(req: FastifyRequest): string {
  const body = req.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.slice(0, 64).toLowerCase() : '';
}

/** The global lock-out: base × 2^(n−1) after the n-th failure past the budget, capped. */
class Backoff {
  private level = 0;
  private until = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** Returns milliseconds left of the lock-out (0: open). */
  remaining(now = Date.now()): number {
    return Math.max(0, this.until - now);
  }

  /** Starts the next, twice as long, lock-out (a failure while the budget is spent). */
  trip(now = Date.now()): void {
    if (now < this.until) return;
    this.level = Math.min(this.level + 1, 16);
    this.until = now + Math.min(this.maxMs, this.baseMs * 2 ** (this.level - 1));
  }

  /** Forgets the lock-outs (a failure counted in a fresh window: the flood is over). */
  calm(): void {
    this.level = 0;
  }
}

/** Returns a 429 in the API's error shape, saying which limit and when to try again. */
function limited(scope: 'username' | 'ip' | 'global' | 'busy', retryS: number): ApiError {
  const wait = Math.max(1, Math.ceil(retryS));
  const why = {
    username: ['このユーザー名', 'this username'],
    ip: ['この接続元', 'this address'],
    global: ['全体', 'all users'],
    busy: ['混雑', 'busy'],
  }[scope];
  return new ApiError(
    429,
    'rate_limited',
    `Too many failed sign-ins (${why[1]}); try again in ${wait} s.`,
    `ログインの失敗が多すぎます（${why[0]}）。${wait} 秒ほど待ってから再度お試しください。`,
    { scope, retry_after_s: wait },
  );
}

export interface LoginGuard {
  /** Throws a 429 when this sign-in must not be tried now; returns true for a local sign-in. */
  admit(req: FastifyRequest): Promise<boolean>;
  /** Counts a failed sign-in. */
  failed(req: FastifyRequest): Promise<void>;
  /** The 429 for a sign-in the hash pool had no room for. */
  busy(): ApiError;
}

/** Returns the guard of the login route (needs @fastify/rate-limit registered on `app`). */
export function loginGuard(app: FastifyInstance, limit: LoginLimit): LoginGuard {
  const perIp = limit.perIp ?? { max: 20, windowMs: 15 * 60_000 };
  const global = limit.global ?? { max: 50, windowMs: 60_000 };
  const byName = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: usernameKey,
  });
  // The default key is the client IP (an IPv6 client by its /64), as Fastify resolved it.
  const byIp = app.createRateLimit({ max: perIp.max, timeWindow: perIp.windowMs });
  const all = app.createRateLimit({
    max: global.max,
    timeWindow: global.windowMs,
    keyGenerator: () => 'all',
  });
  const backoff = new Backoff(global.lockMs ?? global.windowMs, global.maxLockMs ?? 15 * 60_000);
  const exempt = (req: FastifyRequest) => (limit.exemptLocal ?? true) && isLocalRequest(req);

  return {
    async admit(req) {
      if (exempt(req)) return true;
      const lock = backoff.remaining();
      if (lock > 0) throw limited('global', lock / 1000);
      for (const [scope, check] of [
        ['username', byName],
        ['ip', byIp],
      ] as const) {
        const r = await check(req, { increment: false });
        if (!r.isAllowed && r.remaining <= 0) throw limited(scope, r.ttlInSeconds);
      }
      return false;
    },
    async failed(req) {
      if (exempt(req)) return;
      await byName(req);
      await byIp(req);
      const r = await all(req);
      if (r.isAllowed) return;
      if (r.isExceeded) backoff.trip();
      else backoff.calm();
    },
    busy: () => limited('busy', 5),
  };
}
