// The backtest replays the daily diagnosis on stored data: a shop whose active customers fall
// (planted over the last year) shows the warning's episode, each day sees only its own past,
// and the CLI prints the documented JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeShop } from './fixtures/daily-shop.js';
import { kenshin } from './helpers/cli.js';
import { closeStore, openStore, type Store } from '../src/store/db.js';
import { insertOrders } from '../src/store/fixtures.js';
import { parseSettings } from '../src/domain/settings.js';
import { computeCheckup } from '../src/checkup/run.js';
import { REPLAY_SKIPS, runBacktest } from '../src/jobs/backtest.js';
import { loadFindingHistory } from '../src/store/findings-store.js';
import { findingEpisodes } from '../src/domain/diagnosis/history.js';

const D = '2024-06-15';
const dir = mkdtempSync(join(tmpdir(), 'kenshin-backtest-'));
const db = join(dir, 'shop.duckdb');
let store: Store | null;

before(async () => {
  store = await openStore(db);
  await insertOrders(store.conn, makeShop({ asOf: D, decline: true }).orders);
});

after(() => {
  if (store) closeStore(store);
  rmSync(dir, { recursive: true, force: true });
});

test('each replayed day is the checkup of that day, with nothing from after it', async () => {
  if (!store) throw new Error('no store');
  const s = await runBacktest(store.conn, parseSettings({}), '2024-06-10', D);
  assert.equal(s.days, 6);
  const warning = s.episodes.find(
    (e) => e.id === 'list.active_decline' && e.severity === 'warning',
  );
  assert.ok(warning, JSON.stringify(s.episodes));
  // The day's own checkup finds it on its start day: the replay is the checkup, not a guess.
  const own = await computeCheckup(store.conn, parseSettings({}), warning.start);
  assert.ok(own.findings.some((f) => f.id === 'list.active_decline' && f.severity !== 'info'));
  // Orders after a day do not move it: its active customers are those of the day's checkup.
  const early = await computeCheckup(store.conn, parseSettings({}), '2024-06-10');
  await store.conn.run(
    `INSERT INTO orders (order_id, customer_id, ordered_at, amount, status) VALUES ('LATE', 'C00001', TIMESTAMP '2024-06-14 10:00:00', 999999, 'completed')`,
  );
  const again = await computeCheckup(store.conn, parseSettings({}), '2024-06-10');
  await store.conn.run(`DELETE FROM orders WHERE order_id = 'LATE'`);
  assert.equal(again.metrics.annual_revenue, early.metrics.annual_revenue);
});

test('the replay leaves out only what no rule reads: the same findings, no customer-value fit', async () => {
  if (!store) throw new Error('no store');
  const full = await computeCheckup(store.conn, parseSettings({}), D);
  const replay = await computeCheckup(store.conn, parseSettings({}), D, { skip: REPLAY_SKIPS });
  assert.notEqual(full.clv, null, 'the daily checkup fits customer value');
  assert.equal(replay.clv, null);
  assert.equal('clv' in replay.timings, false);
  assert.deepEqual(replay.findings, full.findings);
  await assert.rejects(
    computeCheckup(store.conn, parseSettings({}), D, { skip: ['metrics'] }),
    /cannot be skipped/,
  );
});

test('a backtest writes the findings history once: episodes begin on the first replayed day, re-running adds none', async () => {
  if (!store) throw new Error('no store');
  const conn = store.conn;
  const settings = parseSettings({});
  const count = async (q: string) => Number((await conn.runAndReadAll(q)).getRows()[0][0]);
  // A read-only replay writes nothing.
  await runBacktest(conn, settings, '2024-06-01', '2024-06-03');
  assert.equal((await loadFindingHistory(conn)).dates.length, 0);
  // A stored checkup of a replayed day is what the user saw that day: it stays.
  const shown = await computeCheckup(conn, settings, '2024-06-05');
  shown.findings = [];
  const { storeCheckup } = await import('../src/checkup/run.js');
  await storeCheckup(conn, shown);
  const first = await runBacktest(conn, settings, '2024-06-01', '2024-06-07', { history: true });
  assert.equal(first.history_days, 6);
  const h = await loadFindingHistory(conn);
  assert.deepEqual(h.dates, [
    '2024-06-01',
    '2024-06-02',
    '2024-06-03',
    '2024-06-04',
    '2024-06-05',
    '2024-06-06',
    '2024-06-07',
  ]);
  assert.equal(await count(`SELECT count(*) FROM findings WHERE as_of = DATE '2024-06-05'`), 0);
  const episodes = findingEpisodes(h.dates, h.findings);
  const decline = episodes.filter((e) => e.id === 'list.active_decline');
  // The condition held on 06-01 already: its episode starts there, broken by the stored
  // checkup of 06-05 that showed nothing, and open again from 06-06.
  assert.deepEqual(
    decline.map((e) => [e.began, e.ended]),
    [
      ['2024-06-01', '2024-06-05'],
      ['2024-06-06', null],
    ],
  );
  const rows = await count(`SELECT count(*) FROM findings`);
  await runBacktest(conn, settings, '2024-06-01', '2024-06-07', { history: true });
  const again = await loadFindingHistory(conn);
  assert.deepEqual(findingEpisodes(again.dates, again.findings), episodes);
  assert.equal(await count(`SELECT count(*) FROM findings`), rows);
  // Sampled: every 3rd day ending on --to.
  const sampled = await runBacktest(conn, settings, '2024-06-01', '2024-06-07', { every: 3 });
  assert.equal(sampled.days, 3);
  assert.equal(sampled.from, '2024-06-01');
  await conn.run(`DELETE FROM findings; DELETE FROM checkups; DELETE FROM backtest_days`);
});

test('kenshin backtest --json prints the episodes with their start days', () => {
  // The CLI opens the database itself.
  if (store) closeStore(store);
  store = null;
  const r = kenshin(['--db', db, 'backtest', '--from', '2024-06-13', '--to', D, '--json']);
  assert.equal(r.status, 0, r.err);
  const out = JSON.parse(r.out) as {
    days: number;
    episodes: { id: string; severity: string; start: string; end: string | null }[];
  };
  assert.equal(out.days, 3);
  assert.ok(out.episodes.every((e) => e.start >= '2024-06-13' && e.start <= D));
  assert.ok(out.episodes.some((e) => e.id === 'list.active_decline'));
  const bad = kenshin(['--db', db, 'backtest', '--from', D, '--to', '2024-06-01']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.err, /--from must not be after --to/);
});
