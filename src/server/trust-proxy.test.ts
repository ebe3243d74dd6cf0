// --trust-proxy: never everyone; alone it means this machine; lists are validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trustProxyOption } from './trust-proxy.js';

test('absent: no proxy; alone or true: loopback only; a list as given', () => {
  assert.equal(trustProxyOption(undefined), false);
  assert.equal(trustProxyOption(false), false);
  assert.equal(trustProxyOption(true), 'loopback');
  assert.equal(trustProxyOption(' 10.0.0.5, 192.168.0.0/24 ,::1 '), '10.0.0.5,192.168.0.0/24,::1');
  assert.equal(trustProxyOption(['127.0.0.1', 'uniquelocal']), '127.0.0.1,uniquelocal');
});

test('anything that is not an address, a CIDR or a range name is refused, naming it', () => {
  for (const bad of ['*', 'true', '10.0.0.0/33', 'nginx.local', '1.2.3.4/8/1'])
    assert.throws(
      () => trustProxyOption(bad),
      (e: Error & { code?: string }) => e.code === 'bad_trust_proxy' && e.message.includes(bad),
    );
});
