// `kenshin alerts show | set KEY=VALUE … | test | retry`: the alert settings (SMTP, recipients,
// webhook, public_url, severity threshold, retries) and the outbox. Passwords are never
// printed; every change is written to the audit log (keys only, never a password).
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { UserError, withStore } from './common.js';
import { loadRawSettings, loadSettings, saveSettings } from '../store/settings-store.js';
import { logAudit } from '../store/audit-store.js';
import { listOutbox } from '../store/alerts-store.js';
import { ALERT_DEFAULTS } from '../outputs/alerts/config.js';
import {
  alertChannels,
  alertConfig,
  noticeMessage,
  sendOn,
  type AlertChannel,
} from '../outputs/alerts/index.js';
import { deliverDue, describeDelivery } from '../jobs/outbox.js';

type Kind = 'list' | 'int' | 'number' | 'bool' | 'text' | 'severity';

/** The keys `alerts set` takes, with how their value is read. */
export const ALERT_KEYS: Record<string, Kind> = {
  email_to: 'list',
  email_from: 'text',
  smtp_host: 'text',
  smtp_port: 'int',
  smtp_secure: 'bool',
  smtp_user: 'text',
  smtp_pass: 'text',
  webhook_url: 'text',
  public_url: 'text',
  min_severity: 'severity',
  digest: 'bool',
  expire_days: 'int',
  attach_max_mb: 'number',
  send_timeout_seconds: 'int',
};

const MASK = '********';
const ENV: Record<string, string> = {
  smtp_host: 'KENSHIN_SMTP_HOST',
  smtp_port: 'KENSHIN_SMTP_PORT',
  smtp_secure: 'KENSHIN_SMTP_SECURE',
  smtp_user: 'KENSHIN_SMTP_USER',
  smtp_pass: 'KENSHIN_SMTP_PASS',
  webhook_url: 'KENSHIN_WEBHOOK_URL',
};

/** Returns a value of `alerts set` read by its kind; an empty value removes the key (null). */
export function parseAlertValue(key: string, raw: string): unknown {
  const kind = ALERT_KEYS[key];
  if (!kind)
    throw new UserError(
      'unknown_key',
      `知らない項目です / unknown key "${key}" (${Object.keys(ALERT_KEYS).join(', ')})`,
    );
  if (raw === '') return null;
  switch (kind) {
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'int':
    case 'number': {
      const n = Number(raw);
      if (!Number.isFinite(n) || (kind === 'int' && !Number.isInteger(n)))
        throw new UserError(
          'bad_value',
          `${key} は数値で指定してください / ${key} must be a number: ${raw}`,
        );
      return n;
    }
    case 'bool':
      if (!['true', 'false'].includes(raw))
        throw new UserError(
          'bad_value',
          `${key} は true か false / ${key} must be true or false: ${raw}`,
        );
      return raw === 'true';
    case 'severity':
      if (!['warning', 'critical'].includes(raw))
        throw new UserError(
          'bad_value',
          `${key} は warning か critical / ${key} must be warning or critical: ${raw}`,
        );
      return raw;
    default:
      return raw;
  }
}

/** Returns the lines of `alerts show`: every key with its value (passwords masked) and where an environment variable overrides it. */
export function showLines(alerts: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  const defaults: Record<string, unknown> = {
    email_from: 'kenshin@localhost',
    smtp_port: '587 (465 with smtp_secure)',
    smtp_secure: false,
    min_severity: 'warning',
    digest: false,
    ...ALERT_DEFAULTS,
  };
  return Object.keys(ALERT_KEYS).map((k) => {
    const v = alerts[k];
    const shown =
      k === 'smtp_pass'
        ? v
          ? MASK
          : '—'
        : v === undefined || v === null
          ? defaults[k] !== undefined
            ? `${String(defaults[k])} (default)`
            : '—'
          : Array.isArray(v)
            ? v.join(', ') || '—'
            : String(v);
    const over =
      ENV[k] && env[ENV[k]] ? `  ← ${ENV[k]}${k === 'smtp_pass' ? '' : `=${env[ENV[k]]}`}` : '';
    return `${k.padEnd(21)} ${shown}${over}`;
  });
}

/** Registers the alerts command. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alert settings, test message and outbox / 通知の設定・テスト送信・送信待ち');
  alerts
    .command('show')
    .description(
      'show the alert settings (passwords masked) and the outbox / 通知の設定と送信待ちを表示',
    )
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        const s = await loadSettings(conn);
        const say = (l: string) => process.stdout.write(l + '\n');
        say('通知の設定 / alert settings (settings.alerts):');
        for (const l of showLines(s.alerts as Record<string, unknown>, process.env)) say(`  ${l}`);
        const channels = alertChannels(alertConfig(s));
        say(
          `channels: ${channels.join(', ') || 'none (set email_to + smtp_host, or webhook_url)'}`,
        );
        const box = await listOutbox(conn, 20);
        const pending = box.filter((b) => b.status === 'pending');
        say(`outbox: ${pending.length} pending, last ${box.length} shown`);
        for (const b of box)
          say(
            `  ${b.created_at} ${b.status.padEnd(9)} ${b.channel.padEnd(7)} ${b.kind}${b.as_of ? ` ${b.as_of}` : ''} attempts ${b.attempts}${b.status === 'pending' ? `, next ${b.next_attempt_at}` : ''}${b.last_error ? ` — ${b.last_error}` : ''}`,
          );
      });
    });
  alerts
    .command('set')
    .description(
      'change alert settings: KEY=VALUE … (an empty VALUE removes the key; smtp_pass=- reads stdin) / 通知の設定を変更',
    )
    .argument('<assignments...>', `KEY=VALUE with KEY one of ${Object.keys(ALERT_KEYS).join(', ')}`)
    .action(async (assignments: string[], _o: unknown, cmd: Command) => {
      const changes: Record<string, unknown> = {};
      for (const a of assignments) {
        const at = a.indexOf('=');
        if (at < 1)
          throw new UserError(
            'bad_assignment',
            `KEY=VALUE で指定してください / expected KEY=VALUE: ${a}`,
          );
        const key = a.slice(0, at);
        let raw = a.slice(at + 1);
        if (key === 'smtp_pass' && raw === '-') raw = (await readStdin()).replace(/\r?\n$/, '');
        changes[key] = parseAlertValue(key, raw);
      }
      await withStore(cmd, async ({ conn }) => {
        const doc = ((await loadRawSettings(conn)) ?? {}) as Record<string, unknown>;
        const next = { ...((doc.alerts as Record<string, unknown>) ?? {}) };
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) delete next[k];
          else next[k] = v;
        }
        await saveSettings(conn, { ...doc, alerts: next });
        const keys = Object.keys(changes).map((k) => `alerts.${k}`);
        await logAudit(conn, `cli:${userInfo().username}`, 'settings_change', {
          changed: keys,
          source: 'kenshin alerts set',
        });
        process.stdout.write(`変更しました / changed: ${keys.join(', ')}\n`);
      });
    });
  alerts
    .command('test')
    .description(
      'send a test message on every configured channel / 設定したすべての宛先にテスト送信',
    )
    .option('--channel <channel>', 'only email or webhook')
    .action(async (opts: { channel?: string }, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        const s = await loadSettings(conn);
        const cfg = alertConfig(s);
        let channels = alertChannels(cfg);
        if (opts.channel) channels = channels.filter((c) => c === opts.channel);
        if (!channels.length)
          throw new UserError(
            'no_channel',
            '送信先が設定されていません / no alert channel configured (kenshin alerts set …)',
          );
        const now = new Date().toISOString();
        const msg = noticeMessage({
          kind: 'test',
          business: s.business_name,
          rows: { ja: [['送信日時(UTC)', now]], en: [['Sent (UTC)', now]] },
          public_url: cfg.public_url,
        });
        const results = await Promise.all(channels.map((c) => sendOn(cfg, msg, c as AlertChannel)));
        for (const r of results)
          process.stdout.write(`${r.channel}: ${r.ok ? 'OK' : 'FAILED'} ${r.detail}\n`);
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      });
    });
  alerts
    .command('retry')
    .description('send the alerts waiting in the outbox now / 送信待ちの通知を今すぐ送る')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        const cfg = alertConfig(await loadSettings(conn));
        const out = await deliverDue(conn, cfg);
        for (const d of out) process.stdout.write(`${describeDelivery(d)}\n`);
        if (!out.length) process.stdout.write('送信待ちはありません / nothing due in the outbox\n');
        if (out.some((d) => !d.ok)) process.exitCode = 1;
      });
    });
}

/** Returns all of standard input. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
