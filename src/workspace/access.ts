// Who may open which business of a workspace, decided without I/O from the catalogue's
// memberships, so the server (and its no-leak test) share one rule. A business the user holds
// no role in is answered exactly like one that does not exist (404), so a client viewer cannot
// learn the names of the consultant's other clients; only a signed-out request gets 401, and
// gets it for every name, known or not, for the same reason.
import type { Membership } from './catalogue.js';
import type { Role } from '../store/users-store.js';

// The same order as server/context.ts roleAtLeast; kept here so this rule needs nothing of the server.
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export type BusinessAccess =
  { ok: true; role: Role } | { ok: false; status: 401 | 403 | 404; need?: Role };

/**
 * Returns whether `username` (null: signed out) may call a route needing `need` in `business`,
 * given that user's memberships and the businesses that exist.
 */
export function businessAccess(
  username: string | null,
  memberships: readonly Membership[],
  business: string,
  need: Role,
): BusinessAccess {
  if (username === null) return { ok: false, status: 401 };
  const m = memberships.find((x) => x.username === username && x.business === business);
  if (!m) return { ok: false, status: 404 };
  if (RANK[m.role] < RANK[need]) return { ok: false, status: 403, need };
  return { ok: true, role: m.role };
}

/** Returns the businesses `username` holds a role in, in the order given, with that role. */
export function visibleBusinesses<B extends { name: string }>(
  username: string,
  memberships: readonly Membership[],
  businesses: readonly B[],
): (B & { role: Role })[] {
  const roles = new Map(
    memberships.filter((m) => m.username === username).map((m) => [m.business, m.role]),
  );
  return businesses.flatMap((b) => {
    const role = roles.get(b.name);
    return role ? [{ ...b, role }] : [];
  });
}
