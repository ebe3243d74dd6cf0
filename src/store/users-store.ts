// Dashboard users and their server-side sessions. Passwords are kept only as argon2id hashes;
// a session is known to the database only by the SHA-256 of its cookie value, so a copy of
// the database file does not hand out live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type Argon2 from 'argon2';
import type { DuckDBConnection } from '@duckdb/node-api';

export const ROLES = ['admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  username: string;
  role: Role;
  created_at: string;
}

export interface Session {
  /** SHA-256 hex of the cookie value. */
  hash: string;
  username: string;
  role: Role;
  /** Epoch milliseconds. */
  expires_at: number;
}

// The tables are small; declared keys are cheap here (unlike on orders) and stop duplicates.
export const USERS_SQL = `
CREATE TABLE IF NOT EXISTS users (
  username VARCHAR PRIMARY KEY,
  password_hash VARCHAR NOT NULL,
  role VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  session_hash VARCHAR PRIMARY KEY,
  username VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS server_keys (
  name VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);`;

// argon2 is a native module: loaded on the first hash, so opening a database (the schema lives
// here) does not pay for it.
let argon2Module: Promise<typeof Argon2> | null = null;
const argon2 = () => (argon2Module ??= import('argon2').then((m) => m.default));

/** Returns an argon2id hash of `password`. */
export async function hashPassword(password: string): Promise<string> {
  const a = await argon2();
  return a.hash(password, { type: a.argon2id });
}

const utcNow = (ms = Date.now()) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Creates the users, sessions and server_keys tables when missing (timestamps are UTC). */
export async function ensureUserTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(USERS_SQL);
}

/**
 * Returns the server's secret called `name` (base64url, 32 random bytes), created on first use.
 * Kept in the database so cookies signed before a restart stay valid.
 */
export async function serverKey(conn: DuckDBConnection, name: string): Promise<string> {
  const r = (
    await conn.runAndReadAll(`SELECT value FROM server_keys WHERE name = $1`, [name])
  ).getRows();
  if (r.length) return String(r[0][0]);
  const value = randomBytes(32).toString('base64url');
  await conn.run(`INSERT INTO server_keys VALUES ($1, $2, $3::TIMESTAMP)`, [name, value, utcNow()]);
  return value;
}

/** Returns true when `name` is a valid username (letters, digits, . _ -; 1–64). */
export function isValidUsername(name: string): boolean {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name);
}

/** Returns true when `role` is one of the three roles. */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** Returns a random password of 20 URL-safe characters (about 120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Returns the number of users. */
export async function countUsers(conn: DuckDBConnection): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT count(*) FROM users`)).getRows()[0][0]);
}

/** Returns every user (without hashes), by name. */
export async function listUsers(conn: DuckDBConnection): Promise<User[]> {
  const r = await conn.runAndReadAll(
    `SELECT username, role, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') FROM users ORDER BY username`,
  );
  return r
    .getRows()
    .map((x) => ({ username: String(x[0]), role: String(x[1]) as Role, created_at: String(x[2]) }));
}

/** Returns the user called `username`, or null. */
export async function getUser(conn: DuckDBConnection, username: string): Promise<User | null> {
  return (await listUsers(conn)).find((u) => u.username === username) ?? null;
}

/** Adds a user with an argon2id hash of `password`; throws 'user_exists' if the name is taken. */
export async function addUser(
  conn: DuckDBConnection,
  username: string,
  password: string,
  role: Role,
): Promise<User> {
  if (!isValidUsername(username)) throw new Error('invalid username');
  if (await getUser(conn, username))
    throw Object.assign(new Error(`user exists: ${username}`), { code: 'user_exists' });
  const hash = await hashPassword(password);
  const at = utcNow();
  await conn.run(`INSERT INTO users VALUES ($1, $2, $3, $4::TIMESTAMP)`, [
    username,
    hash,
    role,
    at,
  ]);
  return { username, role, created_at: at.replace(' ', 'T').slice(0, 19) + 'Z' };
}

/** Changes a user's password (argon2id) and ends their sessions; returns false when there is no such user. */
export async function setPassword(
  conn: DuckDBConnection,
  username: string,
  password: string,
): Promise<boolean> {
  if (!(await getUser(conn, username))) return false;
  const hash = await hashPassword(password);
  await conn.run(`UPDATE users SET password_hash = $2 WHERE username = $1`, [username, hash]);
  // A new password is often a response to a leak: whoever holds an old session is signed out.
  await conn.run(`DELETE FROM sessions WHERE username = $1`, [username]);
  return true;
}

/** Changes a user's role; returns false when there is no such user. */
export async function setRole(
  conn: DuckDBConnection,
  username: string,
  role: Role,
): Promise<boolean> {
  if (!(await getUser(conn, username))) return false;
  await conn.run(`UPDATE users SET role = $2 WHERE username = $1`, [username, role]);
  return true;
}

/** Deletes a user and every session of theirs; returns false when there was no such user. */
export async function deleteUser(conn: DuckDBConnection, username: string): Promise<boolean> {
  if (!(await getUser(conn, username))) return false;
  await conn.run(`DELETE FROM sessions WHERE username = $1`, [username]);
  await conn.run(`DELETE FROM users WHERE username = $1`, [username]);
  return true;
}

// A hash to verify against when the user does not exist, so a wrong name costs the same time
// as a wrong password and response times do not reveal which names exist.
let dummyHash: Promise<string> | null = null;

/** What a sign-in is checked against: the user and their argon2id hash (null: no such user). */
export interface PasswordRecord {
  user: User;
  hash: string;
}

/** Returns the user and password hash stored for `username`, or null (one quick query). */
export async function passwordRecord(
  conn: DuckDBConnection,
  username: string,
): Promise<PasswordRecord | null> {
  const r = await conn.runAndReadAll(
    `SELECT role, password_hash, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') FROM users WHERE username = $1`,
    [username],
  );
  const row = r.getRows()[0];
  if (!row) return null;
  return {
    user: { username, role: String(row[0]) as Role, created_at: String(row[2]) },
    hash: String(row[1]),
  };
}

/**
 * Returns the user when `password` matches the record, otherwise null — the same argon2 work
 * either way (a missing user is checked against a dummy hash). Needs no database: the server
 * runs it off the database queue.
 */
export async function checkPassword(
  record: PasswordRecord | null,
  password: string,
): Promise<User | null> {
  if (!record) {
    dummyHash ??= hashPassword(generatePassword());
    await (await argon2()).verify(await dummyHash, password);
    return null;
  }
  return (await (await argon2()).verify(record.hash, password)) ? record.user : null;
}

/** Returns the user when `password` matches, otherwise null (constant work either way). */
export async function verifyPassword(
  conn: DuckDBConnection,
  username: string,
  password: string,
): Promise<User | null> {
  return checkPassword(await passwordRecord(conn, username), password);
}

/** Returns the SHA-256 hex of a session cookie value. */
export function sessionHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Creates a session for `user` lasting `ttlMs`; returns the cookie value and the session. */
export async function createSession(
  conn: DuckDBConnection,
  user: User,
  ttlMs: number,
): Promise<{ id: string; session: Session }> {
  const id = randomBytes(32).toString('base64url');
  const now = Date.now();
  const session: Session = {
    hash: sessionHash(id),
    username: user.username,
    role: user.role,
    expires_at: now + ttlMs,
  };
  await conn.run(`INSERT INTO sessions VALUES ($1, $2, $3::TIMESTAMP, $4::TIMESTAMP)`, [
    session.hash,
    user.username,
    utcNow(now),
    utcNow(session.expires_at),
  ]);
  return { id, session };
}

/** Returns the unexpired session with this hash (with the user's current role), or null. */
export async function findSession(conn: DuckDBConnection, hash: string): Promise<Session | null> {
  const r = await conn.runAndReadAll(
    `SELECT s.username, u.role, epoch_ms(s.expires_at) FROM sessions s JOIN users u USING (username)
     WHERE s.session_hash = $1`,
    [hash],
  );
  const row = r.getRows()[0];
  if (!row) return null;
  const expires = Number(row[2]);
  if (expires <= Date.now()) return null;
  return { hash, username: String(row[0]), role: String(row[1]) as Role, expires_at: expires };
}

/** Deletes one session (logout). */
export async function deleteSession(conn: DuckDBConnection, hash: string): Promise<void> {
  await conn.run(`DELETE FROM sessions WHERE session_hash = $1`, [hash]);
}

/** Deletes every expired session; returns how many. */
export async function deleteExpiredSessions(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll(
    `DELETE FROM sessions WHERE expires_at <= $1::TIMESTAMP RETURNING 1`,
    [utcNow()],
  );
  return r.getRows().length;
}
