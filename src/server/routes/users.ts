// Users administration (admin only): list, add, change role or password, delete; and the audit
// log. The last admin cannot be removed or demoted, so the dashboard never locks itself out.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorSchema, notFound } from '../errors.js';
import {
  ROLES,
  addUser,
  deleteUser,
  generatePassword,
  getUser,
  isValidUsername,
  listUsers,
  setPassword,
  setRole,
  type Role,
} from '../../store/users-store.js';
import { listAudit, logAudit } from '../../store/audit-store.js';
import type { DuckDBConnection } from '@duckdb/node-api';

const userSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    role: { type: 'string' },
    created_at: { type: 'string' },
  },
} as const;
const nameParam = {
  type: 'object',
  properties: { username: { type: 'string', maxLength: 64 } },
  required: ['username'],
} as const;

const noUser = (name: string) =>
  notFound('no_user', `No user ${name}.`, `ユーザー ${name} はいません。`);

/** Throws when `username` is the only admin (deleting or demoting them would lock everyone out). */
async function keepOneAdmin(conn: DuckDBConnection, username: string): Promise<void> {
  const admins = (await listUsers(conn)).filter((u) => u.role === 'admin');
  if (admins.length === 1 && admins[0].username === username) {
    throw new ApiError(
      409,
      'last_admin',
      'The last admin cannot be removed or demoted.',
      '最後の管理者は削除・降格できません。',
    );
  }
}

/** Registers the users and audit routes. */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const { gate, sessions } = app.kenshin;

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Every user',
        response: {
          200: { type: 'object', properties: { users: { type: 'array', items: userSchema } } },
        },
      },
    },
    async () => ({ users: await gate.run((conn) => listUsers(conn)) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Add a user; a password is generated when none is given (shown once)',
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
            role: { type: 'string', enum: [...ROLES] },
            password: { type: 'string', minLength: 10, maxLength: 1024 },
          },
          required: ['username', 'role'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { user: userSchema, generated_password: { type: 'string' } },
          },
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const body = req.body as { username: string; role: Role; password?: string };
      const password = body.password ?? generatePassword();
      const user = await gate.run(async (conn) => {
        if (await getUser(conn, body.username))
          throw new ApiError(
            409,
            'user_exists',
            `User ${body.username} exists.`,
            `ユーザー ${body.username} は既にいます。`,
          );
        const u = await addUser(conn, body.username, password, body.role);
        await logAudit(conn, req.user!.username, 'user_add', {
          username: u.username,
          role: u.role,
        });
        return u;
      });
      return body.password ? { user } : { user, generated_password: password };
    },
  );

  app.patch(
    '/api/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: "Change a user's role or password",
        params: nameParam,
        body: {
          type: 'object',
          properties: {
            role: { type: 'string', enum: [...ROLES] },
            password: { type: 'string', minLength: 10, maxLength: 1024 },
          },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { user: userSchema } },
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const { username } = req.params as { username: string };
      const body = req.body as { role?: Role; password?: string };
      const user = await gate.run(async (conn) => {
        if (!isValidUsername(username) || !(await getUser(conn, username))) throw noUser(username);
        if (body.role && body.role !== 'admin') await keepOneAdmin(conn, username);
        if (body.role) await setRole(conn, username, body.role);
        if (body.password) await setPassword(conn, username, body.password);
        await logAudit(conn, req.user!.username, 'user_update', {
          username,
          role: body.role ?? null,
          password_changed: !!body.password,
        });
        return (await getUser(conn, username))!;
      });
      sessions.forgetUser(username);
      return { user };
    },
  );

  app.delete(
    '/api/users/:username',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Delete a user and end their sessions',
        params: nameParam,
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean' } } },
          404: errorSchema,
          409: errorSchema,
        },
      },
    },
    async (req) => {
      const { username } = req.params as { username: string };
      await gate.run(async (conn) => {
        if (!isValidUsername(username) || !(await getUser(conn, username))) throw noUser(username);
        await keepOneAdmin(conn, username);
        await deleteUser(conn, username);
        await logAudit(conn, req.user!.username, 'user_delete', { username });
      });
      sessions.forgetUser(username);
      return { ok: true };
    },
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'The audit log, newest first',
        querystring: {
          type: 'object',
          properties: {
            action: { type: 'string', maxLength: 40 },
            limit: { type: 'integer', minimum: 1, maximum: 5000 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    logged_at: { type: 'string' },
                    actor: { type: 'string' },
                    action: { type: 'string' },
                    detail: { type: ['object', 'null'], additionalProperties: true },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { action?: string; limit?: number };
      return { entries: await gate.run((conn) => listAudit(conn, q)) };
    },
  );
}
