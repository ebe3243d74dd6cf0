// The workspace catalogue (src/workspace/catalogue.ts) kept in PostgreSQL, for the coordinated
// mode: every worker machine reads the same businesses, users and sessions. Its tables live in
// their own schema `kenshin` (graphile-worker keeps its own), created idempotently on open.
import pg from 'pg';
import type {
  Business,
  Catalogue,
  CatalogueSession,
  CatalogueUser,
  Membership,
} from '../workspace/catalogue.js';
import type { Role } from '../store/users-store.js';
import { createSchema } from './schema.js';

const SCHEMA = `
create schema if not exists kenshin;
create table if not exists kenshin.businesses (
  name text primary key, label text not null, file text not null unique,
  created_at timestamptz not null default now());
create table if not exists kenshin.users (
  username text primary key, password_hash text not null,
  created_at timestamptz not null default now());
create table if not exists kenshin.memberships (
  username text not null references kenshin.users(username) on delete cascade,
  business text not null references kenshin.businesses(name) on delete cascade on update cascade,
  role text not null check (role in ('admin','analyst','viewer')),
  primary key (username, business));
create table if not exists kenshin.sessions (
  hash text primary key,
  username text not null references kenshin.users(username) on delete cascade,
  expires_at bigint not null);
create table if not exists kenshin.audit_log (
  logged_at timestamptz not null default now(),
  actor text not null, action text not null, detail text);
`;

const iso = (d: Date): string => d.toISOString();

function toBusiness(r: { name: string; label: string; file: string; created_at: Date }): Business {
  return { name: r.name, label: r.label, file: r.file, created_at: iso(r.created_at) };
}

/** Opens the catalogue at `url` (a pool), creating its schema when missing. */
export async function openPgCatalogue(url: string): Promise<Catalogue> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await createSchema(pool, SCHEMA);
  return pgCatalogue(pool);
}

function pgCatalogue(pool: pg.Pool): Catalogue {
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  const memberships = async (username?: string): Promise<Membership[]> =>
    (
      await q(
        `select username, business, role from kenshin.memberships
         where $1::text is null or username = $1 order by username, business`,
        [username ?? null],
      )
    ).rows.map((r) => ({ username: r.username, business: r.business, role: r.role as Role }));
  return {
    async listBusinesses() {
      return (await q('select * from kenshin.businesses order by name')).rows.map(toBusiness);
    },
    async getBusiness(name) {
      const r = (await q('select * from kenshin.businesses where name = $1', [name])).rows[0];
      return r ? toBusiness(r) : null;
    },
    async addBusiness(b) {
      const r = await q(
        'insert into kenshin.businesses (name, label, file) values ($1, $2, $3) returning *',
        [b.name, b.label, b.file],
      );
      return toBusiness(r.rows[0]);
    },
    async renameBusiness(name, next) {
      const r = await q(
        `update kenshin.businesses set name = coalesce($2, name), label = coalesce($3, label)
         where name = $1 returning *`,
        [name, next.name ?? null, next.label ?? null],
      );
      if (!r.rows[0]) throw new Error(`事業がありません / no such business: ${name}`);
      return toBusiness(r.rows[0]);
    },
    async removeBusiness(name) {
      await q('delete from kenshin.businesses where name = $1', [name]);
    },
    async listUsers(): Promise<CatalogueUser[]> {
      const all = await memberships();
      return (await q('select username, created_at from kenshin.users order by username')).rows.map(
        (r) => ({
          username: r.username,
          created_at: iso(r.created_at),
          memberships: all.filter((m) => m.username === r.username),
        }),
      );
    },
    async passwordHash(username) {
      const r = await q('select password_hash from kenshin.users where username = $1', [username]);
      return r.rows[0]?.password_hash ?? null;
    },
    async addUser(username, hash) {
      await q('insert into kenshin.users (username, password_hash) values ($1, $2)', [
        username,
        hash,
      ]);
    },
    async setPassword(username, hash) {
      const r = await q('update kenshin.users set password_hash = $2 where username = $1', [
        username,
        hash,
      ]);
      return (r.rowCount ?? 0) > 0;
    },
    async removeUser(username) {
      const r = await q('delete from kenshin.users where username = $1', [username]);
      return (r.rowCount ?? 0) > 0;
    },
    async setMembership(username, business, role) {
      if (role === null)
        await q('delete from kenshin.memberships where username = $1 and business = $2', [
          username,
          business,
        ]);
      else
        await q(
          `insert into kenshin.memberships (username, business, role) values ($1, $2, $3)
           on conflict (username, business) do update set role = excluded.role`,
          [username, business, role],
        );
    },
    memberships: (username) => memberships(username),
    async createSession(s: CatalogueSession) {
      await q('insert into kenshin.sessions (hash, username, expires_at) values ($1, $2, $3)', [
        s.hash,
        s.username,
        s.expires_at,
      ]);
    },
    async findSession(hash) {
      const r = (await q('select * from kenshin.sessions where hash = $1', [hash])).rows[0];
      return r ? { hash: r.hash, username: r.username, expires_at: Number(r.expires_at) } : null;
    },
    async deleteSession(hash) {
      await q('delete from kenshin.sessions where hash = $1', [hash]);
    },
    async deleteExpiredSessions(now) {
      return (await q('delete from kenshin.sessions where expires_at <= $1', [now])).rowCount ?? 0;
    },
    async logAudit(actor, action, detail = {}) {
      await q('insert into kenshin.audit_log (actor, action, detail) values ($1, $2, $3)', [
        actor,
        action,
        JSON.stringify(detail),
      ]);
    },
    close: () => pool.end(),
  };
}
