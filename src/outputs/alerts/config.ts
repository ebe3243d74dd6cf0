// Where alerts go: the settings' alerts object with its defaults filled in, and the SMTP
// server overridable from the environment (so the password need not sit in the database).
import type { Settings } from '../../domain/settings.js';
import type { Severity } from '../../domain/diagnosis/types.js';

export interface EmailTarget {
  to: string[];
  from: string;
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

export interface AlertConfig {
  email: EmailTarget | null;
  webhook: { url: string } | null;
  min_severity: Exclude<Severity, 'info'>;
  digest: boolean;
  /** The dashboard's address as readers reach it (no trailing slash), or null. */
  public_url: string | null;
  /** Days an undelivered alert is retried before it is given up. */
  expire_days: number;
  /** Largest workbook attached to the e-mail, bytes (0: never attached). */
  attach_max_bytes: number;
  /** Longest wait for every channel of one delivery round, milliseconds. */
  send_timeout_ms: number;
}

/** Defaults of the optional alert settings (docs/daily.md). */
export const ALERT_DEFAULTS = {
  expire_days: 7,
  attach_max_mb: 5,
  send_timeout_seconds: 10,
} as const;

/** Returns the alert targets from settings.alerts and KENSHIN_SMTP_* / KENSHIN_WEBHOOK_URL. */
export function alertConfig(settings: Settings, env: NodeJS.ProcessEnv = process.env): AlertConfig {
  const a = settings.alerts;
  const host = env.KENSHIN_SMTP_HOST || a.smtp_host;
  const secure = env.KENSHIN_SMTP_SECURE
    ? env.KENSHIN_SMTP_SECURE === 'true'
    : (a.smtp_secure ?? false);
  const port = Number(env.KENSHIN_SMTP_PORT || a.smtp_port || (secure ? 465 : 587));
  const user = env.KENSHIN_SMTP_USER || a.smtp_user;
  const pass = env.KENSHIN_SMTP_PASS || a.smtp_pass;
  const url = env.KENSHIN_WEBHOOK_URL || a.webhook_url;
  return {
    email:
      host && a.email_to.length
        ? {
            to: a.email_to,
            from: a.email_from ?? 'kenshin@localhost',
            host,
            port,
            secure,
            auth: user && pass ? { user, pass } : undefined,
          }
        : null,
    webhook: url ? { url } : null,
    min_severity: a.min_severity ?? 'warning',
    digest: a.digest ?? false,
    public_url: a.public_url ? a.public_url.replace(/\/+$/, '') : null,
    expire_days: a.expire_days ?? ALERT_DEFAULTS.expire_days,
    attach_max_bytes: Math.round((a.attach_max_mb ?? ALERT_DEFAULTS.attach_max_mb) * 1024 * 1024),
    send_timeout_ms: (a.send_timeout_seconds ?? ALERT_DEFAULTS.send_timeout_seconds) * 1000,
  };
}

/** Returns the channels that are configured ('email', 'webhook'). */
export function alertChannels(cfg: AlertConfig): ('email' | 'webhook')[] {
  return [
    ...(cfg.email ? (['email'] as const) : []),
    ...(cfg.webhook ? (['webhook'] as const) : []),
  ];
}
