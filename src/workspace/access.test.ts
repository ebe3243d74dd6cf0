// The workspace access rule: signed out → 401 for every name; no role (or no such business)
// → 404, the same answer; a role too low → 403; otherwise the member's role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { businessAccess, visibleBusinesses } from './access.js';
import type { Membership } from './catalogue.js';

const M: Membership[] = [
  { username: 'consultant', business: 'a', role: 'admin' },
  { username: 'consultant', business: 'b', role: 'analyst' },
  { username: 'consultant', business: 'c', role: 'viewer' },
  { username: 'client', business: 'a', role: 'viewer' },
];

test('a business without a role is answered like one that does not exist', () => {
  assert.deepEqual(businessAccess('client', M, 'b', 'viewer'), { ok: false, status: 404 });
  assert.deepEqual(businessAccess('client', M, 'nope', 'viewer'), { ok: false, status: 404 });
  // Even a route the user's role elsewhere would not allow: 404, never 403, outside the membership.
  assert.deepEqual(businessAccess('client', M, 'c', 'admin'), { ok: false, status: 404 });
});

test('signed out is 401 whatever the name; roles rank admin > analyst > viewer', () => {
  assert.deepEqual(businessAccess(null, M, 'a', 'viewer'), { ok: false, status: 401 });
  assert.deepEqual(businessAccess(null, M, 'nope', 'viewer'), { ok: false, status: 401 });
  assert.deepEqual(businessAccess('client', M, 'a', 'viewer'), { ok: true, role: 'viewer' });
  assert.deepEqual(businessAccess('client', M, 'a', 'analyst'), {
    ok: false,
    status: 403,
    need: 'analyst',
  });
  assert.deepEqual(businessAccess('consultant', M, 'b', 'analyst'), { ok: true, role: 'analyst' });
  assert.deepEqual(businessAccess('consultant', M, 'b', 'admin').ok, false);
  assert.deepEqual(businessAccess('consultant', M, 'a', 'admin'), { ok: true, role: 'admin' });
});

test("another user's membership never opens a business", () => {
  const theirs: Membership[] = [{ username: 'consultant', business: 'b', role: 'admin' }];
  assert.deepEqual(businessAccess('client', theirs, 'b', 'viewer'), { ok: false, status: 404 });
});

test('visible businesses: only those with a role, in catalogue order, with the role', () => {
  const all = [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }];
  assert.deepEqual(visibleBusinesses('client', M, all), [{ name: 'a', role: 'viewer' }]);
  assert.deepEqual(
    visibleBusinesses('consultant', M, all).map((b) => `${b.name}:${b.role}`),
    ['a:admin', 'b:analyst', 'c:viewer'],
  );
  assert.deepEqual(visibleBusinesses('stranger', M, all), []);
});
