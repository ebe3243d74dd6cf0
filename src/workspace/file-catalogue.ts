// The embedded Catalogue: a small DuckDB file (workspace.duckdb) in the workspace folder. It
// holds only who may see which business; each business's data stays in its own file. Passwords
// arrive already hashed (argon2id, store/users-store.ts hashPassword): no hashing here.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from '../store/duckdb.js';
import { logAudit, type AuditAction } from '../store/audit-store.js';
import { isRole, isValidUsername, type Role } from '../store/users-store.js';
import type {
  Business,
  Catalogue,
  CatalogueSession,
  CatalogueUser,
  Membership,
} from './catalogue.js';
import { checkBusinessName } from './names.js';

/** The catalogue's file name inside the workspace folder. */
export const CATALOGUE_FILE = 'workspace.duckdb';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS businesses (
  name VARCHAR PRIMARY KEY, label VARCHAR NOT NULL, file VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  username VARCHAR PRIMARY KEY, password_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS memberships (
  username VARCHAR NOT NULL, business VARCHAR NOT NULL,
  role VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
  PRIMARY KEY (username, business));
CREATE TABLE IF NOT EXISTS sessions (
  session_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
  logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp, actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL, detail VARCHAR);`;

const utcNow = () => new Date().toISOString().replace('T', ' ').replace('Z', '');
const ISO = `strftime(created_at, '%Y-%m-%dT%H:%M:%SZ')`;

/** A catalogue error with a stable code (business_exists, no_such_business, user_exists …). */
export class CatalogueError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class FileCatalogue implements Catalogue {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the catalogue file at `path`. */
  static async open(path: string): Promise<FileCatalogue> {
    const instance = await duckdb().DuckDBInstance.create(path);
    const conn = await instance.connect();
    try {
      await conn.run(SCHEMA);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
    return new FileCatalogue(path, instance, conn);
  }

  private async rows(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    return (await this.conn.runAndReadAll(sql, params as never)).getRows();
  }

  async listBusinesses(): Promise<Business[]> {
    const r = await this.rows(`SELECT name, label, file, ${ISO} FROM businesses ORDER BY name`);
    return r.map((x) => ({
      name: String(x[0]),
      label: String(x[1]),
      file: String(x[2]),
      created_at: String(x[3]),
    }));
  }

  async getBusiness(name: string): Promise<Business | null> {
    return (await this.listBusinesses()).find((b) => b.name === name) ?? null;
  }

  async addBusiness(b: Omit<Business, 'created_at'>): Promise<Business> {
    checkBusinessName(b.name);
    if (await this.getBusiness(b.name))
      throw new CatalogueError('business_exists', `business exists: ${b.name}`);
    await this.conn.run(`INSERT INTO businesses VALUES ($1, $2, $3, $4::TIMESTAMP)`, [
      b.name,
      b.label,
      b.file,
      utcNow(),
    ]);
    return (await this.getBusiness(b.name))!;
  }

  async renameBusiness(name: string, next: { name?: string; label?: string }): Promise<Business> {
    const cur = await this.getBusiness(name);
    if (!cur) throw new CatalogueError('no_such_business', `no such business: ${name}`);
    const to = next.name ?? name;
    if (to !== name) {
      checkBusinessName(to);
      if (await this.getBusiness(to))
        throw new CatalogueError('business_exists', `business exists: ${to}`);
    }
    // The file keeps its name: renaming a business must not move its data behind its back.
    await this.conn.run('BEGIN TRANSACTION');
    try {
      await this.conn.run(`UPDATE businesses SET name = $2, label = $3 WHERE name = $1`, [
        name,
        to,
        next.label ?? cur.label,
      ]);
      await this.conn.run(`UPDATE memberships SET business = $2 WHERE business = $1`, [name, to]);
      await this.conn.run('COMMIT');
    } catch (err) {
      await this.conn.run('ROLLBACK');
      throw err;
    }
    return (await this.getBusiness(to))!;
  }

  async removeBusiness(name: string): Promise<void> {
    await this.conn.run(`DELETE FROM memberships WHERE business = $1`, [name]);
    await this.conn.run(`DELETE FROM businesses WHERE name = $1`, [name]);
  }

  async listUsers(): Promise<CatalogueUser[]> {
    const users = await this.rows(`SELECT username, ${ISO} FROM users ORDER BY username`);
    const all = await this.rows(
      `SELECT username, business, role FROM memberships ORDER BY username, business`,
    );
    return users.map((u) => ({
      username: String(u[0]),
      created_at: String(u[1]),
      memberships: all.filter((m) => m[0] === u[0]).map(toMembership),
    }));
  }

  async passwordHash(username: string): Promise<string | null> {
    const r = await this.rows(`SELECT password_hash FROM users WHERE username = $1`, [username]);
    return r.length ? String(r[0][0]) : null;
  }

  async addUser(username: string, passwordHash: string): Promise<void> {
    if (!isValidUsername(username)) throw new CatalogueError('invalid_username', username);
    if ((await this.passwordHash(username)) !== null)
      throw new CatalogueError('user_exists', `user exists: ${username}`);
    await this.conn.run(`INSERT INTO users VALUES ($1, $2, $3::TIMESTAMP)`, [
      username,
      passwordHash,
      utcNow(),
    ]);
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    if ((await this.passwordHash(username)) === null) return false;
    await this.conn.run(`UPDATE users SET password_hash = $2 WHERE username = $1`, [
      username,
      passwordHash,
    ]);
    // A new password is often a response to a leak: old sessions end (as in users-store).
    await this.conn.run(`DELETE FROM sessions WHERE username = $1`, [username]);
    return true;
  }

  async removeUser(username: string): Promise<boolean> {
    if ((await this.passwordHash(username)) === null) return false;
    for (const t of ['sessions', 'memberships', 'users'])
      await this.conn.run(`DELETE FROM ${t} WHERE username = $1`, [username]);
    return true;
  }

  async setMembership(username: string, business: string, role: Role | null): Promise<void> {
    if (role === null) {
      await this.conn.run(`DELETE FROM memberships WHERE username = $1 AND business = $2`, [
        username,
        business,
      ]);
      return;
    }
    if (!isRole(role)) throw new CatalogueError('invalid_role', String(role));
    if ((await this.passwordHash(username)) === null)
      throw new CatalogueError('no_such_user', `no such user: ${username}`);
    if (!(await this.getBusiness(business)))
      throw new CatalogueError('no_such_business', `no such business: ${business}`);
    await this.conn.run(
      `INSERT INTO memberships VALUES ($1, $2, $3)
       ON CONFLICT (username, business) DO UPDATE SET role = excluded.role`,
      [username, business, role],
    );
  }

  async memberships(username: string): Promise<Membership[]> {
    const r = await this.rows(
      `SELECT username, business, role FROM memberships WHERE username = $1 ORDER BY business`,
      [username],
    );
    return r.map(toMembership);
  }

  async createSession(s: CatalogueSession): Promise<void> {
    await this.conn.run(`INSERT INTO sessions VALUES ($1, $2, $3)`, [
      s.hash,
      s.username,
      s.expires_at,
    ]);
  }

  async findSession(hash: string): Promise<CatalogueSession | null> {
    const r = await this.rows(
      `SELECT s.username, s.expires_at FROM sessions s JOIN users u USING (username)
       WHERE s.session_hash = $1`,
      [hash],
    );
    if (!r.length || Number(r[0][1]) <= Date.now()) return null;
    return { hash, username: String(r[0][0]), expires_at: Number(r[0][1]) };
  }

  async deleteSession(hash: string): Promise<void> {
    await this.conn.run(`DELETE FROM sessions WHERE session_hash = $1`, [hash]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const r = await this.rows(`DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1`, [now]);
    return r.length;
  }

  /** Appends to the workspace's own audit log (acts on businesses: no business file holds them). */
  async logAudit(actor: string, action: AuditAction, detail: Record<string, unknown> = {}) {
    await logAudit(this.conn, actor, action, detail);
  }

  private closed = false;

  /** Closes the file (a second call does nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function toMembership(x: unknown[]): Membership {
  return { username: String(x[0]), business: String(x[1]), role: String(x[2]) as Role };
}
