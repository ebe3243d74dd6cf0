// The removed `window_days` setting: the active window is SPEC §3's 365 days everywhere, so a
// stored 365 (saved by earlier versions with every default) still loads, and any other value is
// refused by name rather than silently ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStore, openStore } from './db.js';
import { loadSettings, saveSettings } from './settings-store.js';
import { checkSettings } from '../domain/settings.js';

async function withStoredSettings(
  doc: unknown,
  fn: (conn: import('@duckdb/node-api').DuckDBConnection) => Promise<void>,
) {
  const store = await openStore(':memory:');
  try {
    await store.conn.run(`DELETE FROM settings WHERE key = 'settings'`);
    await store.conn.run(`INSERT INTO settings (key, value) VALUES ('settings', $1)`, [
      JSON.stringify(doc),
    ]);
    await fn(store.conn);
  } finally {
    closeStore(store);
  }
}

test('a stored window_days of 365 (what earlier versions saved) loads as before', async () => {
  await withStoredSettings(
    { window_days: 365, currency: 'JPY', gross_margin_rate: 0.4 },
    async (conn) => {
      const s = await loadSettings(conn);
      assert.equal(s.gross_margin_rate, 0.4);
      assert.equal('window_days' in s, false);
    },
  );
});

test('a stored window_days other than 365 is refused by name, not ignored', async () => {
  await withStoredSettings({ window_days: 180 }, async (conn) => {
    await assert.rejects(loadSettings(conn), /window_days/);
  });
});

test('setting window_days is refused with the reason, and the other problems are still listed', async () => {
  const r = checkSettings({ window_days: 180, gross_margin_rate: 2 });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(
    r.problems.map((p) => p.field),
    ['window_days', 'gross_margin_rate'],
  );
  assert.match(r.problems[0].en, /removed; the active window is 365 days/);
  const store = await openStore(':memory:');
  try {
    await assert.rejects(saveSettings(store.conn, { window_days: 365 }), /window_days/);
  } finally {
    closeStore(store);
  }
});
