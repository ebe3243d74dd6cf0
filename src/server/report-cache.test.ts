// The latest-report cache: serves the stored bytes, is dropped on invalidate, notices a checkup
// stored behind its back after the recheck interval, and loads once for concurrent readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore } from '../store/fixtures.js';
import { closeStore } from '../store/db.js';
import { seedSampleBusiness } from './testing.js';
import { DbGate } from './db-gate.js';
import { ReportCache } from './report-cache.js';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import { loadSettings } from '../store/settings-store.js';
import { gunzipSync } from 'node:zlib';

test('serves the stored JSON byte for byte, and its overview copies the numbers', async () => {
  const store = await memoryStore();
  try {
    assert.equal(
      await new ReportCache(new DbGate(store.conn)).getLatest(),
      null,
      'nothing stored: null',
    );
    const report = await seedSampleBusiness(store.conn, 150);
    const cache = new ReportCache(new DbGate(store.conn));
    const c = (await cache.getLatest())!;
    const stored = String(
      (await store.conn.runAndReadAll(`SELECT report FROM checkups`)).getRows()[0][0],
    );
    assert.equal(c.json.toString(), stored);
    assert.equal(gunzipSync(c.jsonGz).toString(), stored);
    const o = JSON.parse(c.overviewJson.toString());
    assert.deepEqual(o.metrics, report.metrics);
    assert.deepEqual(o.series, report.series);
    assert.equal(
      o.findings_by_severity.warning +
        o.findings_by_severity.critical +
        o.findings_by_severity.info,
      report.findings.length,
    );
    assert.ok(o.sections.includes('cohorts'));
  } finally {
    closeStore(store);
  }
});

test('invalidate drops the cache; a checkup stored elsewhere is noticed after the recheck interval', async () => {
  const store = await memoryStore();
  try {
    await seedSampleBusiness(store.conn, 150);
    const gate = new DbGate(store.conn);
    const slow = new ReportCache(gate, 60_000);
    const quick = new ReportCache(gate, 0);
    assert.equal((await slow.getLatest())!.as_of, '2026-10-31');
    const newer = await computeCheckup(store.conn, await loadSettings(store.conn), '2026-11-01');
    await storeCheckup(store.conn, newer);
    assert.equal((await slow.getLatest())!.as_of, '2026-10-31', 'still cached within the interval');
    assert.equal(
      (await quick.getLatest())!.as_of,
      '2026-11-01',
      'noticed at once with a zero interval',
    );
    slow.invalidate();
    assert.equal((await slow.getLatest())!.as_of, '2026-11-01');
    assert.equal(
      (await slow.getDate('2026-10-31'))!.json.length > 0,
      true,
      'older dates come from the database',
    );
    assert.equal(await slow.getDate('2020-01-01'), null);
  } finally {
    closeStore(store);
  }
});

test('concurrent readers share one load', async () => {
  const store = await memoryStore();
  try {
    await seedSampleBusiness(store.conn, 150);
    let runs = 0;
    const gate = new DbGate(store.conn);
    const counting = {
      run: (fn: Parameters<DbGate['run']>[0]) => (runs++, gate.run(fn)),
    } as unknown as DbGate;
    const cache = new ReportCache(counting);
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.getLatest()));
    assert.ok(all.every((c) => c === all[0]));
    assert.equal(runs, 1);
  } finally {
    closeStore(store);
  }
});
