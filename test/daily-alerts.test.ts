// Alerts that are never lost, with a real SMTP server and a real HTTP receiver on loopback: a
// webhook that fails on day 1 gets day 1's alert on day 2 (the outbox); the job's exit code
// names the failed channel; a failed run sends its own alert; the mail is multipart with the
// dashboard link, the inline chart and the workbook, and reads on a phone 390 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeShop } from './fixtures/daily-shop.js';
import { startSmtp, startWebhook, type ReceivedMail } from './fixtures/receivers.js';
import { closeStore, openStore, type Store } from '../src/store/db.js';
import { insertOrders, memoryStore } from '../src/store/fixtures.js';
import { saveSettings } from '../src/store/settings-store.js';
import { listOutbox } from '../src/store/alerts-store.js';
import { dailyExit, runDaily } from '../src/jobs/daily.js';
import { pngSize } from '../src/outputs/charts/render.js';

const D = '2024-06-15';
const dir = mkdtempSync(join(tmpdir(), 'kenshin-alerts-'));
const shop = makeShop({ asOf: D, decline: true });
const PUBLIC = 'https://kenshin.example.jp';
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;
let store: Store;
let day1Mail: ReceivedMail;

/** Returns settings sending to the local receivers. */
const alerts = () => ({
  business_name: 'テスト通販',
  alerts: {
    email_to: ['owner@example.jp'],
    email_from: 'kenshin@example.jp',
    smtp_host: '127.0.0.1',
    smtp_port: smtp.port,
    webhook_url: hook.url,
    public_url: PUBLIC,
    send_timeout_seconds: 5,
  },
});

before(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
  store = await memoryStore();
  await insertOrders(store.conn, shop.orders);
  await saveSettings(store.conn, alerts());
});

after(async () => {
  closeStore(store);
  await smtp.close();
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a webhook that fails on day 1 gets the alert on day 2', async () => {
  const archive = join(dir, 'archive');
  hook.status.code = 500;
  const day1 = await runDaily(store.conn, {
    asOf: D,
    archive,
    now: new Date(`${D}T22:00:00Z`),
    env: {},
  });
  assert.deepEqual(day1.alerts.failed, ['webhook']);
  assert.deepEqual(dailyExit(day1), {
    code: 11,
    reason: 'alert delivery failed: webhook / 通知の送信に失敗: Webhook',
  });
  assert.equal(hook.bodies.length, 0);
  assert.equal(smtp.mails.length, 1);
  day1Mail = smtp.mails[0];
  // Day 2: the problems are still open (nothing new to say), but day 1's webhook is retried.
  hook.status.code = 200;
  const day2 = await runDaily(store.conn, {
    asOf: '2024-06-16',
    now: new Date('2024-06-16T22:00:00Z'),
    env: {},
  });
  assert.equal(day2.alerts.note, 'no new warning or critical finding');
  assert.equal(hook.bodies.length, 1);
  const body = hook.bodies[0] as { as_of: string; url: string; findings: { id: string }[] };
  assert.equal(body.as_of, D);
  assert.equal(body.url, `${PUBLIC}/findings?lang=ja`);
  assert.ok(body.findings.some((f) => f.id === 'list.active_decline'));
  assert.equal(smtp.mails.length, 1, 'the e-mail is not sent twice');
  assert.equal(dailyExit(day2).code, 0);
  const outbox = await listOutbox(store.conn);
  assert.ok(
    outbox.every((o) => o.status === 'delivered'),
    JSON.stringify(outbox.map((o) => [o.id, o.status])),
  );
  assert.equal(outbox.find((o) => o.channel === 'webhook')!.attempts, 2);
});

test('the mail is multipart: text, HTML with the dashboard link and the inline chart, the workbook attached', () => {
  const m = day1Mail;
  assert.match(m.raw, /Content-Type: multipart\/mixed/i);
  assert.match(m.text, /稼働顧客数 [\d,]+ {2}前年比 [▲▼] [\d,]+ \([+−][\d.]+ %\)/);
  assert.match(m.text, /年商\(顧客\) ¥[\d,]+/);
  assert.match(m.html, new RegExp(`<a href="${PUBLIC}/findings\\?lang=ja"`));
  const cid = /<img src="cid:([^"]+)"/.exec(m.html)?.[1];
  assert.ok(cid, 'an inline image in the HTML');
  const img = m.parts.find((p) => (p.headers['content-id'] ?? '').includes(cid));
  assert.ok(img, 'the image part the HTML refers to');
  assert.equal(img.type, 'image/png');
  assert.deepEqual(pngSize(img.body), { width: 600, height: 300 });
  const xlsx = m.parts.find((p) =>
    /kenshin-2024-06-15\.xlsx/.test(p.headers['content-disposition'] ?? ''),
  );
  assert.ok(xlsx && xlsx.body.subarray(0, 2).toString() === 'PK', 'the workbook is attached');
});

test('the HTML mail reads on a phone 390 px wide', async (t) => {
  const CHROMIUM = '/usr/bin/chromium';
  if (!existsSync(CHROMIUM)) return t.skip(`Debian Chromium is not installed at ${CHROMIUM}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const png = day1Mail.parts.find((p) => p.type === 'image/png')!.body.toString('base64');
    await page.setContent(
      day1Mail.html.replace(/src="cid:[^"]+"/, `src="data:image/png;base64,${png}"`),
    );
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide: it scrolls sideways`);
    const img = await page.evaluate(
      () => document.querySelector('img')!.getBoundingClientRect().width,
    );
    assert.ok(img <= 390 - 16, `the chart is ${img} px wide`);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/alert-mail-390.png', fullPage: true });
  } finally {
    await browser.close();
  }
});

test('a failed daily run sends its own alert', async () => {
  const empty = await memoryStore();
  await saveSettings(empty.conn, alerts());
  const before = smtp.mails.length;
  await assert.rejects(runDaily(empty.conn, { env: {} }), /no orders/);
  assert.equal(smtp.mails.length, before + 1);
  const m = smtp.mails.at(-1)!;
  assert.match(m.subject, /日次ジョブが失敗しました \/ Daily job failed/);
  assert.match(m.text, /注文データがありません/);
  const body = hook.bodies.at(-1) as { kind: string; data: { code: string } };
  assert.deepEqual([body.kind, body.data.code], ['daily_failed', 'no_orders']);
  closeStore(empty);
});

test('serve --daily retries a failed alert between runs, without waiting for the next run', async () => {
  const { startServer } = await import('../src/server/start.js');
  const shopStore = await memoryStore();
  await insertOrders(shopStore.conn, shop.orders);
  await saveSettings(shopStore.conn, alerts());
  const lines: string[] = [];
  const server = await startServer({
    conn: shopStore.conn,
    port: 0,
    webDir: '/nonexistent',
    control: false,
    // The schedule never fires in the test (1 January); the run is started by hand.
    daily: { cron: '0 6 1 1 *', archive: join(dir, 'serve-archive'), retryMs: 100 },
    log: (l) => lines.push(l),
  });
  try {
    hook.status.code = 500;
    const before = hook.bodies.length;
    await server.runDailyNow();
    assert.ok(lines.some((l) => /via webhook: FAILED/.test(l)), lines.join('\n'));
    hook.status.code = 200;
    // The first retry waits 5 minutes (its backoff): make it due now, as if they had passed.
    await shopStore.conn.run(
      `UPDATE alert_outbox SET next_attempt_at = TIMESTAMP '2000-01-01' WHERE status = 'pending'`,
    );
    // The receiver has the body before the sender has its answer: wait for the logged delivery.
    const sent = () => lines.some((l) => /via webhook: sent HTTP 200/.test(l));
    const deadline = Date.now() + 10_000;
    while (!sent() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(hook.bodies.length, before + 1, 'the webhook got the alert between runs');
    assert.ok(lines.some((l) => /via webhook: sent HTTP 200/.test(l)), lines.join('\n'));
    const outbox = await listOutbox(shopStore.conn);
    assert.ok(outbox.every((o) => o.status === 'delivered'));
  } finally {
    await server.close();
    closeStore(shopStore);
  }
});

/** Runs the CLI; returns exit code and output. */
function kenshin(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Returns a loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('the exit code of kenshin daily names the failed channel', async () => {
  const db = join(dir, 'shop.duckdb');
  const s = await openStore(db);
  await insertOrders(s.conn, shop.orders);
  await saveSettings(s.conn, {
    business_name: 'テスト通販',
    alerts: { email_to: ['owner@example.jp'], send_timeout_seconds: 3 },
  });
  closeStore(s);
  const dead = await closedPort();
  hook.status.code = 500;
  const env = {
    KENSHIN_SMTP_HOST: '127.0.0.1',
    KENSHIN_SMTP_PORT: String(smtp.port),
    KENSHIN_WEBHOOK_URL: hook.url,
  };
  const a = await kenshin(['--db', db, 'daily', '--as-of', D], env);
  assert.equal(a.code, 11, a.out + a.err);
  assert.match(a.err, /alert delivery failed: webhook/);
  assert.match(
    a.out,
    /alert new 2024-06-15 via webhook: FAILED webhook answered HTTP 500 \(retry from /,
  );
  // The next day (the retry is due) the webhook answers but the mail server is gone: the retry
  // gets through, the mail does not.
  const s2 = await openStore(db);
  await s2.conn.run(
    `UPDATE alert_outbox SET next_attempt_at = next_attempt_at - INTERVAL 1 DAY WHERE status = 'pending'`,
  );
  closeStore(s2);
  hook.status.code = 200;
  const b = await kenshin(['--db', db, 'daily', '--as-of', '2024-06-16', '--digest'], {
    ...env,
    KENSHIN_SMTP_PORT: String(dead),
  });
  assert.equal(b.code, 10, b.out + b.err);
  assert.match(b.err, /alert delivery failed: email/);
  assert.match(b.out, /alert new 2024-06-15 via webhook: sent HTTP 200/);
});
