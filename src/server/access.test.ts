// The access hook: a /api route that declares no access cannot be registered; declared roles
// are enforced in rank order; routes outside /api are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { installAccessControl } from './auth/access.js';
import { installErrorHandlers } from './errors.js';
import type { AuthUser } from './context.js';

/** Returns an app whose request.user comes from the x-test-role header. */
function app() {
  const a = Fastify();
  a.decorate('csrfProtection', (_req: unknown, _reply: unknown, done: () => void) => done());
  a.decorateRequest('user', null);
  a.addHook('onRequest', async (req) => {
    const role = req.headers['x-test-role'];
    if (typeof role === 'string')
      req.user = { username: 'u', role: role as AuthUser['role'], sessionHash: 'h' };
  });
  installErrorHandlers(a);
  installAccessControl(a, '/api/docs');
  return a;
}

test('a /api route without config.access is refused at registration', async () => {
  const a = app();
  assert.throws(() => a.get('/api/oops', async () => ({})), /declares no config\.access/);
  a.get('/elsewhere', async () => ({ ok: true }));
  await a.ready();
  assert.equal((await a.inject({ url: '/elsewhere' })).statusCode, 200);
});

test('roles rank admin > analyst > viewer', async () => {
  const a = app();
  a.get('/api/analysis', { config: { access: 'analyst' } }, async () => ({ ok: true }));
  await a.ready();
  const as = async (role?: string) =>
    (await a.inject({ url: '/api/analysis', headers: role ? { 'x-test-role': role } : {} }))
      .statusCode;
  assert.deepEqual(
    [await as(), await as('viewer'), await as('analyst'), await as('admin')],
    [401, 403, 200, 200],
  );
});
