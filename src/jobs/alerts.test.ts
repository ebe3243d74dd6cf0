import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeShop } from '../../test/fixtures/daily-shop.js';
import { startHanging, startSmtp, startWebhook } from '../../test/fixtures/receivers.js';
import { closeStore, type Store } from '../store/db.js';
import { insertOrders, memoryStore } from '../store/fixtures.js';
import { computeCheckup, storeCheckup } from '../checkup/run.js';
import { parseSettings, type Settings } from '../domain/settings.js';
import type { CheckupReport } from '../checkup/report.js';
import { runAlertStep } from './alerts.js';
import { listOutbox } from '../store/alerts-store.js';

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

test('a channel that failed is retried once due, the other is not repeated', async () => {
  reset();
  const { store, report } = await checked([D]);
  hook.status.code = 500;
  const t0 = new Date('2024-06-15T22:00:00Z');
  const r1 = await runAlertStep(store.conn, report, settings, { env: {}, now: t0 });
  assert.deepEqual(
    r1.channels.map((c) => [c.channel, c.ok]),
    [
      ['email', true],
      ['webhook', false],
    ],
  );
  assert.deepEqual(r1.failed, ['webhook']);
  const retry = r1.deliveries.find((d) => d.channel === 'webhook')!;
  assert.equal(retry.status, 'pending');
  assert.equal(retry.next_attempt_at, '2024-06-15T22:05:00.000Z', 'first retry after 5 minutes');
  hook.status.code = 200;
  // Before the backoff has passed nothing is tried; after it, only the webhook.
  const early = await runAlertStep(store.conn, report, settings, {
    env: {},
    now: new Date(t0.getTime() + 60_000),
  });
  assert.deepEqual(early.channels, []);
  const r2 = await runAlertStep(store.conn, report, settings, {
    env: {},
    now: new Date(t0.getTime() + 6 * 60_000),
  });
  assert.deepEqual(
    r2.channels.map((c) => [c.channel, c.ok]),
    [['webhook', true]],
  );
  const r3 = await runAlertStep(store.conn, report, settings, {
    env: {},
    now: new Date(t0.getTime() + 3600_000),
  });
  assert.deepEqual(r3.channels, []);
  assert.equal(smtp.mails.length, 1);
  assert.equal(hook.bodies.length, 1);
  closeStore(store);
});

test('an alert never delivered expires after expire_days', async () => {
  reset();
  const { store, report } = await checked([D]);
  const short = parseSettings({
    ...settings,
    alerts: { ...settings.alerts, email_to: [], expire_days: 1 },
  });
  hook.status.code = 500;
  const t0 = new Date('2024-06-15T22:00:00Z');
  await runAlertStep(store.conn, report, short, { env: {}, now: t0 });
  const later = await runAlertStep(store.conn, report, short, {
    env: {},
    now: new Date(t0.getTime() + 2 * 86_400_000),
  });
  assert.deepEqual(
    later.deliveries.map((d) => [d.channel, d.status]),
    [['webhook', 'expired']],
  );
  const after = await runAlertStep(store.conn, report, short, {
    env: {},
    now: new Date(t0.getTime() + 3 * 86_400_000),
  });
  assert.deepEqual(after.deliveries, [], 'given up, not tried again');
  assert.equal(hook.bodies.length, 0);
  closeStore(store);
});

test('a receiver that hangs costs at most send_timeout_seconds, and the alert waits in the outbox', async () => {
  const hang = await startHanging();
  const { store, report } = await checked([D]);
  // The hanging server and the store are closed whatever fails: a server left open keeps the
  // test file from ever ending.
  try {
    const s = parseSettings({
      ...settings,
      alerts: {
        ...settings.alerts,
        smtp_port: hang.port,
        webhook_url: hang.url,
        send_timeout_seconds: 1,
      },
    });
    const t = performance.now();
    const r = await runAlertStep(store.conn, report, s, {
      env: {},
      now: new Date('2024-06-15T22:00:00Z'),
    });
    const seconds = (performance.now() - t) / 1000;
    assert.ok(seconds < 3, `${seconds.toFixed(1)} s`);
    assert.deepEqual(r.failed.sort(), ['email', 'webhook']);
    assert.ok(
      r.deliveries.every(
        (d) =>
          d.status === 'pending' &&
          /no answer within 1 s|Greeting never received|timed out|timeout/i.test(d.detail),
      ),
      JSON.stringify(r.deliveries),
    );
    assert.equal((await listOutbox(store.conn)).filter((o) => o.status === 'pending').length, 2);
  } finally {
    closeStore(store);
    await hang.close();
  }
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
