// `kenshin alerts show | set | test` end to end: settings changed from the command line (the
// password read from standard input, never printed, never in the audit log), shown back, and
// a test message that reaches a real local SMTP server and webhook receiver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtp, startWebhook } from './fixtures/receivers.js';
import { closeStore, openStore } from '../src/store/db.js';
import { loadSettings } from '../src/store/settings-store.js';

const dir = mkdtempSync(join(tmpdir(), 'kenshin-alerts-cli-'));
const db = join(dir, 'shop.duckdb');
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;

/** Runs the CLI with `input` on standard input; returns exit code and output. */
function kenshin(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    for (const k of Object.keys(env))
      if (k.startsWith('KENSHIN_SMTP') || k === 'KENSHIN_WEBHOOK_URL') delete env[k];
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', db, ...args], {
      env,
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    p.stdin.end(input);
  });
}

before(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
  closeStore(await openStore(db));
});

after(async () => {
  await smtp.close();
  await hook.close();
  rmSync(dir, { recursive: true, force: true });
});

test('alerts set / show / test', async () => {
  const set = await kenshin(
    [
      'alerts',
      'set',
      'email_to=a@example.jp, b@example.jp',
      'smtp_host=127.0.0.1',
      `smtp_port=${smtp.port}`,
      'smtp_user=kenshin',
      'smtp_pass=-',
      `webhook_url=${hook.url}`,
      'public_url=https://kenshin.example.jp/',
      'min_severity=critical',
      'expire_days=3',
    ],
    's3cret-Pa55\n',
  );
  assert.equal(set.code, 0, set.err);
  assert.match(set.out, /alerts\.smtp_pass/);
  assert.doesNotMatch(set.out + set.err, /s3cret/);

  const store = await openStore(db);
  try {
    const s = await loadSettings(store.conn);
    assert.deepEqual(s.alerts.email_to, ['a@example.jp', 'b@example.jp']);
    assert.equal(s.alerts.smtp_pass, 's3cret-Pa55');
    assert.equal(s.alerts.expire_days, 3);
    const audit = (
      await store.conn.runAndReadAll(
        `SELECT action, detail FROM audit_log WHERE action = 'settings_change'`,
      )
    ).getRows();
    assert.equal(audit.length, 1);
    assert.match(String(audit[0][1]), /alerts\.smtp_pass/);
    assert.doesNotMatch(String(audit[0][1]), /s3cret/);
  } finally {
    closeStore(store);
  }

  const show = await kenshin(['alerts', 'show']);
  assert.equal(show.code, 0, show.err);
  assert.match(show.out, /smtp_pass +\*{8}/);
  assert.doesNotMatch(show.out, /s3cret/);
  assert.match(show.out, /min_severity +critical/);
  assert.match(show.out, /attach_max_mb +5 \(default\)/);
  assert.match(show.out, /channels: email, webhook/);

  const bad = await kenshin(['alerts', 'set', 'smtp_port=abc']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /smtp_port must be a number/);
  const unknown = await kenshin(['alerts', 'set', 'smtp_password=x']);
  assert.match(unknown.err, /unknown key "smtp_password"/);

  // The test message reaches both channels. (The fixture server accepts any login.)
  const t = await kenshin(['alerts', 'test']);
  assert.equal(t.code, 0, t.out + t.err);
  assert.match(t.out, /email: OK/);
  assert.match(t.out, /webhook: OK HTTP 200/);
  assert.equal(smtp.mails.length, 1);
  assert.deepEqual(smtp.mails[0].to, ['a@example.jp', 'b@example.jp']);
  assert.match(smtp.mails[0].subject, /テスト送信 \/ Test message/);
  assert.match(smtp.mails[0].html, /href="https:\/\/kenshin\.example\.jp\/\?lang=ja"/);
  assert.equal((hook.bodies[0] as { kind: string }).kind, 'test');
});
