import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeShop } from '../../test/fixtures/daily-shop.js';
import { startSmtp, startWebhook } from '../../test/fixtures/receivers.js';
import { closeStore, type Store } from '../store/db.js';
import { insertOrders, memoryStore } from '../store/fixtures.js';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import { parseSettings, type Settings } from '../domain/settings.js';
import type { CheckupReport } from '../checkup/report.js';
import { runAlertStep } from './alerts.js';

const D = '2024-06-15';
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;
let settings: Settings;
const shop = makeShop({ asOf: D, decline: true });

before(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
  settings = parseSettings({
    business_name: 'B',
    alerts: {
      email_to: ['a@example.jp'],
      smtp_host: '127.0.0.1',
      smtp_port: smtp.port,
      webhook_url: hook.url,
    },
  });
});

after(async () => {
  await smtp.close();
  await hook.close();
});

/** Returns a store with the shop and the stored checkups of `dates` (the last one returned). */
async function checked(dates: string[]): Promise<{ store: Store; report: CheckupReport }> {
  const store = await memoryStore();
  await insertOrders(store.conn, shop.orders);
  let report!: CheckupReport;
  for (const d of dates) {
    report = await computeCheckup(store.conn, settings, d);
    await storeCheckup(store.conn, report);
  }
  return { store, report };
}

/** Clears what the receivers got so far. */
function reset() {
  smtp.mails.length = 0;
  hook.bodies.length = 0;
  hook.status.code = 200;
}

test('problems already open at the previous checkup are not alerted again', async () => {
  reset();
  const { store, report } = await checked(['2024-06-14', D]);
  const r = await runAlertStep(store.conn, report, settings, { env: {} });
  assert.ok(
    report.findings.some((f) => f.severity !== 'info'),
    'the fixture has warnings',
  );
  assert.deepEqual(r.sent, []);
  assert.equal(r.note, 'no new warning or critical finding');
  assert.equal(smtp.mails.length + hook.bodies.length, 0);
  closeStore(store);
});

test('a channel that failed is retried on the next run, the other is not repeated', async () => {
  reset();
  const { store, report } = await checked([D]);
  hook.status.code = 500;
  const r1 = await runAlertStep(store.conn, report, settings, { env: {} });
  assert.deepEqual(
    r1.channels.map((c) => [c.channel, c.ok]),
    [
      ['email', true],
      ['webhook', false],
    ],
  );
  hook.status.code = 200;
  const r2 = await runAlertStep(store.conn, report, settings, { env: {} });
  assert.deepEqual(
    r2.channels.map((c) => [c.channel, c.ok]),
    [['webhook', true]],
  );
  const r3 = await runAlertStep(store.conn, report, settings, { env: {} });
  assert.deepEqual(r3.channels, []);
  assert.equal(smtp.mails.length, 1);
  assert.equal(hook.bodies.length, 1);
  closeStore(store);
});

test('the digest goes once a day with every open finding, and counts as their alert', async () => {
  reset();
  const { store, report } = await checked([D]);
  const r1 = await runAlertStep(store.conn, report, settings, { digest: true, env: {} });
  assert.equal(r1.kind, 'digest');
  assert.equal(smtp.mails.length, 1);
  assert.match(smtp.mails[0].subject, /健診ダイジェスト/);
  const body = hook.bodies[0] as { findings: { id: string }[] };
  assert.deepEqual(
    body.findings.map((f) => f.id),
    report.findings.map((f) => f.id),
    'info findings included',
  );
  await runAlertStep(store.conn, report, settings, { digest: true, env: {} });
  await runAlertStep(store.conn, report, settings, { env: {} });
  assert.equal(smtp.mails.length, 1, 'no second digest, and the new findings are not sent again');
  closeStore(store);
});

test('without a channel nothing is sent or recorded', async () => {
  const { store, report } = await checked([D]);
  const r = await runAlertStep(store.conn, report, parseSettings({}), { env: {} });
  assert.equal(r.note, 'no alert channel configured (settings.alerts)');
  closeStore(store);
});
