// The catalogue of a workspace: which businesses it holds (one DuckDB file each), who may see
// them and in which role, and the dashboard's sessions. Two implementations keep it: a small
// DuckDB file in the workspace folder (the embedded default, no server needed) and PostgreSQL
// (KENSHIN_COORDINATOR=postgres://…, when daily runs are spread over several machines). The
// business data itself never lives here: it stays in the business's own file.
import type { Role } from '../store/users-store.js';
import type { AuditAction } from '../store/audit-store.js';

export interface Business {
  /** The name used on the command line (`--business NAME`): lower-case letters, digits, '-'. */
  name: string;
  /** The name shown to people (may be Japanese). */
  label: string;
  /** The business's DuckDB file, relative to the workspace folder. */
  file: string;
  /** ISO timestamp (UTC). */
  created_at: string;
}

/** One user's role in one business. */
export interface Membership {
  username: string;
  business: string;
  role: Role;
}

export interface CatalogueUser {
  username: string;
  created_at: string;
  /** Every business this user may open, with the role there. */
  memberships: Membership[];
}

export interface CatalogueSession {
  /** SHA-256 hex of the cookie value. */
  hash: string;
  username: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

export interface Catalogue {
  listBusinesses(): Promise<Business[]>;
  getBusiness(name: string): Promise<Business | null>;
  addBusiness(b: Omit<Business, 'created_at'>): Promise<Business>;
  renameBusiness(name: string, next: { name?: string; label?: string }): Promise<Business>;
  /** Removes the entry and its memberships; deleting the file is the caller's job. */
  removeBusiness(name: string): Promise<void>;

  listUsers(): Promise<CatalogueUser[]>;
  /** The user's argon2id hash, or null when there is no such user. */
  passwordHash(username: string): Promise<string | null>;
  addUser(username: string, passwordHash: string): Promise<void>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  removeUser(username: string): Promise<boolean>;
  /** Grants (or changes) a role; `role: null` revokes. */
  setMembership(username: string, business: string, role: Role | null): Promise<void>;
  memberships(username: string): Promise<Membership[]>;

  createSession(s: CatalogueSession): Promise<void>;
  findSession(hash: string): Promise<CatalogueSession | null>;
  deleteSession(hash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  /** Appends to the workspace's audit log (acts on businesses, which no business file holds). */
  logAudit(actor: string, action: AuditAction, detail?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}
