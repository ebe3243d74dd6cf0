// The daily job end to end, as cron runs it: a real SMTP server and a real webhook receiver on
// loopback, an inbox of generated files with a planted problem (active customers falling
// sharply) and one broken file, and `kenshin daily` run twice the same day — exactly one
// alert e-mail and one webhook about the findings, one of each about the broken file, the
// workbook archived (and attached), files moved, follow-up lists written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeShop, writeShopCsv } from './fixtures/daily-shop.js';
import { startSmtp, startWebhook } from './fixtures/receivers.js';
import { addDays } from '../src/domain/dates.js';
import { closeStore, openStore } from '../src/store/db.js';
import { saveSettings } from '../src/store/settings-store.js';
import { saveStep } from '../src/store/followup-store.js';
import { EXAMPLE_STEPS } from '../src/jobs/followup/steps.js';
import { listSentAlerts } from '../src/store/alerts-store.js';

const D = '2024-06-15';
const dir = mkdtempSync(join(tmpdir(), 'kenshin-daily-'));
const db = join(dir, 'shop.duckdb');
const inbox = join(dir, 'inbox');
const archive = join(dir, 'archive');
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;

/** Runs the CLI without blocking this process (the receivers live here); returns exit code and output. */
function kenshin(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
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

before(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
  mkdirSync(inbox, { recursive: true });
  const shop = makeShop({ asOf: D, decline: true });
  // Two customers whose first purchase is exactly 7 and 30 days before D, for the follow-up steps.
  shop.customers.push(
    {
      customer_id: 'F07',
      created_at: addDays(D, -7),
      name: '七日 太郎',
      email: 'f07@example.jp',
      acquisition_channel: 'sns',
    },
    {
      customer_id: 'F30',
      created_at: addDays(D, -30),
      name: '三十日 花子',
      email: 'f30@example.jp',
      acquisition_channel: 'sns',
    },
  );
  shop.orders.push(
    { order_id: 'F07-1', customer_id: 'F07', at: `${addDays(D, -7)} 11:00:00`, amount: 4800 },
    { order_id: 'F30-1', customer_id: 'F30', at: `${addDays(D, -30)} 11:00:00`, amount: 5200 },
  );
  writeShopCsv(shop, inbox);
  // A broken file: one amount is not a number. It must go to failed/ and store nothing.
  writeFileSync(
    join(inbox, 'orders_extra.csv'),
    'order_id,customer_id,ordered_at,amount,status\nX1,C00001,2024-06-14 10:00:00,abc,completed\n',
  );
  // Settings in the database (recipients, webhook); the SMTP server comes from the environment.
  const store = await openStore(db);
  await saveSettings(store.conn, {
    business_name: 'テスト通販',
    alerts: {
      email_to: ['owner@example.jp'],
      webhook_url: hook.url,
      email_from: 'kenshin@example.jp',
    },
  });
  for (const s of EXAMPLE_STEPS) await saveStep(store.conn, s);
  closeStore(store);
});

after(async () => {
  await smtp.close();
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
});

test('kenshin daily twice the same day: one e-mail, one webhook, workbook, files moved', async () => {
  const env = { KENSHIN_SMTP_HOST: '127.0.0.1', KENSHIN_SMTP_PORT: String(smtp.port) };
  const args = ['daily', '--inbox', inbox, '--archive', archive, '--as-of', D];

  const first = await kenshin(args, env);
  assert.equal(first.code, 3, `a failed inbox file gives exit code 3\n${first.out}\n${first.err}`);
  assert.match(first.out, /imported customers .*customers\.csv/);
  assert.match(first.out, /FAILED orders .*orders_extra\.csv/);
  assert.match(first.out, /alert new 2024-06-15 via email: sent/);
  assert.match(first.out, /alert import_failed via email: sent/);

  // Files: the good ones in done/, the broken one in failed/ with its error report.
  const done = readdirSync(join(inbox, 'done'));
  assert.ok(
    done.some((f) => f.endsWith('_customers.csv')) && done.some((f) => f.endsWith('_orders.csv')),
    done.join(', '),
  );
  const failed = readdirSync(join(inbox, 'failed'));
  const report = failed.find((f) => f.endsWith('orders_extra.csv.errors.txt'));
  assert.ok(report, failed.join(', '));
  assert.match(
    readFileSync(join(inbox, 'failed', report), 'utf8'),
    /row 2, column "amount" \(amount\) = "abc": .*not a number/,
  );
  assert.deepEqual(readdirSync(inbox).sort(), ['done', 'failed']);

  // The workbook of the day.
  assert.ok(existsSync(join(archive, `kenshin-${D}.xlsx`)));

  // The broken file's alert: the file, its first error and where its report is.
  assert.equal(smtp.mails.length, 2);
  const failedMail = smtp.mails.find((m) => /取り込みに失敗しました/.test(m.subject))!;
  assert.ok(failedMail, smtp.mails.map((m) => m.subject).join(' | '));
  const flat = failedMail.text.replace(/\n\s*/g, ' ');
  assert.match(flat, /ファイル: orders_extra\.csv/);
  assert.match(flat, /row 2, column "amount" \(amount\) = "abc"/);
  assert.ok(
    failedMail.text
      .replace(/\n\s*/g, '')
      .includes(join(inbox, 'failed', report).replace(/\s/g, '')),
    failedMail.text,
  );
  // Exactly one e-mail about the findings, Japanese first then English, naming the planted problem.
  const mail = smtp.mails.find((m) => /新しい所見/.test(m.subject))!;
  assert.deepEqual(mail.to, ['owner@example.jp']);
  assert.equal(mail.from, 'kenshin@example.jp');
  assert.match(mail.subject, /テスト通販 2024-06-15 新しい所見 \d+件/);
  assert.match(mail.text, /稼働顧客数が前年比 -\d+\.\d% 減少しています/);
  assert.ok(
    mail.text.indexOf('稼働顧客数が前年比') < mail.text.indexOf('Active customers are down'),
  );
  // The workbook is attached.
  assert.ok(
    mail.parts.some((p) => /kenshin-2024-06-15\.xlsx/.test(p.headers['content-disposition'] ?? '')),
  );
  // And one webhook with Slack's text and the findings as JSON (and one about the broken file).
  assert.equal(hook.bodies.length, 2);
  const body = hook.bodies.find((b) => (b as { kind: string }).kind === 'new') as {
    text: string;
    findings: { id: string; severity: string; new: boolean }[];
  };
  const failedHook = hook.bodies.find((b) => (b as { kind: string }).kind === 'import_failed') as {
    data: { file: string; report: string };
  };
  assert.equal(failedHook.data.file, 'orders_extra.csv');
  assert.match(body.text, /稼働顧客数が前年比/);
  const ids = body.findings.map((f) => f.id);
  assert.ok(ids.includes('list.active_decline'), ids.join(', '));
  assert.ok(body.findings.every((f) => f.new && f.severity !== 'info'));

  // Follow-up lists: the day-7 thank-you DM and the day-30 coupon each list their customer.
  const lists = readdirSync(join(archive, 'followup')).sort();
  assert.deepEqual(lists, [`followup-coupon-30d-${D}.csv`, `followup-thanks-7d-${D}.csv`]);
  assert.match(
    readFileSync(join(archive, 'followup', lists[0]), 'utf8'),
    /F30,三十日 花子,f30@example\.jp/,
  );
  assert.match(
    readFileSync(join(archive, 'followup', lists[1]), 'utf8'),
    /F07,七日 太郎,f07@example\.jp/,
  );

  // The same day again: nothing new, nothing sent.
  const second = await kenshin(args, env);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /alerts: already sent/);
  assert.equal(smtp.mails.length, 2);
  assert.equal(hook.bodies.length, 2);

  const store = await openStore(db);
  try {
    const sent = await listSentAlerts(store.conn);
    assert.deepEqual(new Set(sent.map((s) => s.channel)), new Set(['email', 'webhook']));
    assert.equal(sent.length, ids.length * 2);
    const contacts = (
      await store.conn.runAndReadAll(
        `SELECT campaign_id, customer_id FROM contacts WHERE customer_id IN ('F07', 'F30') ORDER BY 1`,
      )
    ).getRows();
    assert.deepEqual(contacts, [
      ['coupon-30d', 'F30'],
      ['thanks-7d', 'F07'],
    ]);
  } finally {
    closeStore(store);
  }
});
