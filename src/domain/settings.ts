// The one validated settings object (zod). Defaults come from SPEC.md and the seeds; a business
// overrides them in its database (kenshin settings set / import, or the dashboard's settings
// page). Every write goes through `checkSettings`: unknown keys, an unknown time zone or
// currency, and a number out of its range are refused with the field named in Japanese and
// English (settings-check.ts).
import { z } from 'zod';
import { EXIT, KenshinError } from './errors.js';
import { MEMORY_SIZE } from './sizes.js';
import { SOLO_THRESHOLDS } from './diagnosis/five-numbers.js';
import { MIN_RATE_BASE } from './evidence.js';

export { MEMORY_SIZE } from './sizes.js';

/** Returns true when `tz` is an IANA time zone name the runtime knows (Intl), e.g. Asia/Tokyo. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let currencies: Set<string> | null = null;

/** Returns true when `code` is an ISO 4217 currency code (Intl's list), e.g. JPY. */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** A custom check whose message is given in both languages (settings-check.ts reads params). */
const words = (ja: string, en: string) => ({ params: { ja, en } });

/** An e-mail address as far as settings care: something@somewhere, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Returns true for an absolute http or https URL. */
function isHttpUrl(v: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

const rate = () => z.number().min(0).max(1);
const points = rate;
const days = (max = 3650) => z.number().int().min(1).max(max);
const count = () => z.number().min(0);

/** Four ascending bounds (RFM cut points). */
const ascending4 = (item: z.ZodNumber) =>
  z
    .array(item)
    .length(4)
    .refine(
      (a) => a.every((v, i) => i === 0 || v > a[i - 1]),
      words('小さい順に並べてください', 'must be in increasing order'),
    );

export const FiveNumbersThresholds = z.strictObject({
  total_customers: count().default(SOLO_THRESHOLDS.total_customers),
  existing_customers: count().default(SOLO_THRESHOLDS.existing_customers),
  new_customers: count().default(SOLO_THRESHOLDS.new_customers),
  existing_avg_spend: count().default(SOLO_THRESHOLDS.existing_avg_spend),
  new_avg_spend: count().default(SOLO_THRESHOLDS.new_avg_spend),
});

export const Settings = z.strictObject({
  business_name: z.string().trim().min(1).max(200).default('My business'),
  timezone: z
    .string()
    .refine(
      isTimeZone,
      words(
        'IANA のタイムゾーン名ではありません（例: Asia/Tokyo）',
        'is not an IANA time zone name (e.g. Asia/Tokyo)',
      ),
    )
    .default('Asia/Tokyo'),
  currency: z
    .string()
    .refine(
      isCurrency,
      words(
        'ISO 4217 の通貨コードではありません（例: JPY, USD）',
        'is not an ISO 4217 currency code (e.g. JPY, USD)',
      ),
    )
    .default('JPY'),
  /** Gross profit per unit of revenue, for the asset audit (SPEC §6). */
  gross_margin_rate: rate().default(0.5),
  retention_targets: z
    .strictObject({ year2: rate().default(0.65), year3: rate().default(0.86) })
    .prefault({}),
  five_numbers: z
    .strictObject({
      /**
       * What "many" and "high" are measured against (docs/diagnoses.md): 'auto' (the business's
       * own history, or the seed's solo thresholds for a business of a few high-ticket clients),
       * 'history', 'solo' (seed 000's defaults) or 'custom' (the thresholds below).
       */
      profile: z.enum(['auto', 'history', 'solo', 'custom']).default('auto'),
      thresholds: FiveNumbersThresholds.prefault({}),
    })
    .prefault({}),
  rfm: z
    .strictObject({
      /** 'quintile' scores by quintiles of purchasers; 'fixed' uses the thresholds below. */
      method: z.enum(['quintile', 'fixed']).default('quintile'),
      /** Upper bounds of recency days for scores 5,4,3,2 (score 1 beyond). */
      recency_days: ascending4(days()).default([30, 90, 180, 365]),
      /** Lower bounds of purchase counts for scores 2,3,4,5. */
      frequency: ascending4(z.number().int().min(1)).default([2, 3, 5, 10]),
      /** Lower bounds of lifetime amount for scores 2,3,4,5. */
      monetary: ascending4(count()).default([10_000, 30_000, 100_000, 300_000]),
      /** Monetary window in days; 0 means lifetime. */
      monetary_window_days: z.number().int().min(0).max(3650).default(0),
    })
    .prefault({}),
  ladder: z
    .strictObject({
      /** Lead event type → prospect level (0.1–0.9). */
      prospect_levels: z
        .record(z.string().min(1).max(100), z.number().min(0.1).max(0.9))
        .default({ signed_up: 0.2, engaged: 0.5, trial: 0.9 }),
      loyal_min_purchases: z.number().int().min(2).max(1000).default(5),
      /** Prospect level of a person served for free (an order of amount 0) who never bought; 0 turns it off. */
      free_service_level: z.number().min(0).max(0.9).default(0.9),
      /** Horizons in days for conversion between adjacent ladder levels (SPEC §5: 90 / 180 / 365). */
      conversion_horizons_days: z.array(days()).min(1).max(10).default([90, 180, 365]),
    })
    .prefault({}),
  distribution: z
    .strictObject({
      /** Contacts per active customer per year below this: too few. */
      too_few_per_active: z.number().min(0).max(1000).default(4),
      /** Above this: too many. */
      too_many_per_active: z.number().min(0).max(1000).default(24),
      /** Top-10 % share of contacts above this: concentrated. */
      concentrated_top10_share: rate().default(0.5),
      /** A customer with more contacts than this in the window is over-contacted. */
      over_contacted_per_year: z.number().min(1).max(10_000).default(36),
      response_window_days: days(365).default(30),
      /** Coverage counts a contact in the last this many days (and, separately, in the year). */
      coverage_recent_days: days(365).default(90),
      /** At risk: bought in the last two years but not in the last this many days. */
      at_risk_days: days(730).default(180),
    })
    .refine((d) => d.too_many_per_active > d.too_few_per_active, {
      ...words(
        'too_many_per_active は too_few_per_active より大きくしてください',
        'too_many_per_active must be greater than too_few_per_active',
      ),
      path: ['too_many_per_active'],
    })
    .prefault({}),
  overdue: z
    .strictObject({
      /** Overdue when days since last purchase exceed this multiple of the own mean interval. */
      interval_multiple: z.number().min(1).max(100).default(2),
    })
    .prefault({}),
  audit: z
    .strictObject({
      /** Acquisition months covered by the new-customer asset audit, the month of D included. */
      months: z.number().int().min(1).max(120).default(24),
    })
    .prefault({}),
  mechanisms: z
    .strictObject({
      /** Targets of the five mechanisms (seed 004); each mechanism's score is value / target. */
      seeding_growth: z.number().positive().max(100).default(1),
      conversion_rate_90d: z.number().positive().max(1).default(0.1),
      grip_retention: z.number().positive().max(1).default(0.65),
      new_offer_share: z.number().positive().max(1).default(0.2),
      referral_share: z.number().positive().max(1).default(0.05),
    })
    .prefault({}),
  diagnosis: z
    .strictObject({
      /** Below this many customers in a comparison base a rule stays silent (small businesses). */
      min_base: z.number().int().min(0).max(1_000_000).default(50),
      /** Fewer customers than this behind a rate: every output shows "too few to judge", not the rate. */
      min_rate_base: z.number().int().min(1).max(1_000_000).default(MIN_RATE_BASE),
      /** A drop must be at least this many standard errors to count (no crying wolf). */
      min_z: z.number().min(0).max(10).default(2),
      /** Year-on-year fall in active customers that warns, and that is critical. */
      active_decline_warning: rate().default(0.03),
      active_decline_critical: rate().default(0.1),
      /** Relative fall of a flow (new, reactivated) or of frequency that warns. */
      flow_drop: rate().default(0.1),
      /** Fall of the retention rate in points (0.03 = 3 points) that warns. */
      retention_drop_points: points().default(0.03),
      /** Rise of the overdue share of active customers in points that warns. */
      overdue_rise_points: points().default(0.03),
      /** Gap in F2 rate between discount-acquired customers and the rest, in points, that warns. */
      discount_gap_points: points().default(0.1),
      /** Share of a channel's matured ad spend lost to churned, unrecovered customers that warns, and that is critical. */
      unrecovered_share_warning: rate().default(0.25),
      unrecovered_share_critical: rate().default(0.5),
      /** Fewer churned, unrecovered customers than this in a channel: too few to judge. */
      min_unrecovered_customers: z.number().int().min(0).max(1_000_000).default(20),
    })
    .refine((d) => d.active_decline_critical >= d.active_decline_warning, {
      ...words(
        'active_decline_critical は active_decline_warning 以上にしてください',
        'active_decline_critical must be at least active_decline_warning',
      ),
      path: ['active_decline_critical'],
    })
    .refine((d) => d.unrecovered_share_critical >= d.unrecovered_share_warning, {
      ...words(
        'unrecovered_share_critical は unrecovered_share_warning 以上にしてください',
        'unrecovered_share_critical must be at least unrecovered_share_warning',
      ),
      path: ['unrecovered_share_critical'],
    })
    .prefault({}),
  /** The customer-value section of the checkup (docs/models.md, "CLV in the checkup"). */
  clv: z
    .strictObject({
      /** Purchase model: bgnbd (default), mbgnbd (one-time buyers may have left) or pareto. */
      model: z.enum(['bgnbd', 'mbgnbd', 'pareto']).default('bgnbd'),
      /** Weeks before D held out to check the model (fitted on the data before them). */
      holdout_weeks: z.number().int().min(4).max(104).default(26),
      /** Annual discount rate of predicted CLV, applied monthly. */
      discount_rate: z.number().min(0).max(1).default(0.1),
    })
    .prefault({}),
  /** The database engine's memory budget (import and checkup spill to disk beyond it). */
  memory: z
    .strictObject({
      /** DuckDB memory_limit, e.g. "2GiB" or "1500MB"; null: half of the machine's memory (or of the container's limit). */
      limit: z
        .string()
        .refine(
          (v) => MEMORY_SIZE.test(v),
          words(
            '「2GiB」「1500MB」のように単位を付けて指定してください',
            'give a size with a unit, e.g. 2GiB or 1500MB',
          ),
        )
        .nullable()
        .default(null),
      /** Folder DuckDB spills to beyond the limit; null: beside the database (DB.tmp/). */
      temp_directory: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      email_to: z
        .array(
          z
            .string()
            .refine(
              (v) => EMAIL.test(v),
              words('メールアドレスではありません', 'is not an e-mail address'),
            ),
        )
        .default([]),
      webhook_url: z
        .string()
        .refine(isHttpUrl, words('http(s) の URL ではありません', 'is not an http(s) URL'))
        .optional(),
      // The fields below are optional (defaults applied in src/outputs/alerts/config.ts) so that a
      // redacted copy { email_to, webhook_url } is still a valid alerts object.
      /** Lowest severity that is alerted: 'warning' (default) or 'critical'; info is never sent. */
      min_severity: z.enum(['warning', 'critical']).optional(),
      /** Sender address of alert e-mails (default kenshin@localhost). */
      email_from: z
        .string()
        .refine(
          (v) => EMAIL.test(v),
          words('メールアドレスではありません', 'is not an e-mail address'),
        )
        .optional(),
      /** SMTP server; env KENSHIN_SMTP_HOST / _PORT / _USER / _PASS override (keep the password in env). */
      smtp_host: z.string().min(1).max(253).optional(),
      /** Default 587 (465 with smtp_secure). */
      smtp_port: z.number().int().min(1).max(65535).optional(),
      /** true: TLS from the start (port 465); false (default): STARTTLS when the server offers it. */
      smtp_secure: z.boolean().optional(),
      smtp_user: z.string().optional(),
      smtp_pass: z.string().optional(),
      /** true: one daily digest of all open findings instead of only the new ones (default false). */
      digest: z.boolean().optional(),
      /** Address of the dashboard as readers reach it (https://kenshin.example.jp): the link in alerts. */
      public_url: z
        .string()
        .refine(isHttpUrl, words('http(s) の URL ではありません', 'is not an http(s) URL'))
        .optional(),
      /** An alert not delivered after this many days is given up (default 7). */
      expire_days: z.number().int().min(1).max(90).optional(),
      /** The day's workbook is attached to the e-mail when at most this many MB (default 5; 0: never). */
      attach_max_mb: z.number().min(0).max(50).optional(),
      /** Longest wait for all channels in one run, seconds (default 10); the rest is retried later. */
      send_timeout_seconds: z.number().int().min(1).max(300).optional(),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof Settings>;

/** One refused setting: the field (dotted path) and why, in Japanese and English. */
export interface SettingsProblem {
  field: string;
  ja: string;
  en: string;
}

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** Returns the error map of one language: our own words for custom checks, zod's locale else. */
function errorMap(lang: 'ja' | 'en'): z.core.$ZodErrorMap {
  const locale = (lang === 'ja' ? z.locales.ja() : z.locales.en()).localeError;
  return (iss: Issue) => {
    const own = (iss as { params?: Record<string, string> }).params?.[lang];
    return own ?? locale(iss);
  };
}

/** Returns the dotted field of an issue (an unknown key names the key itself). */
function fieldOf(iss: z.core.$ZodIssue): string {
  const path = iss.path.map(String);
  if (iss.code === 'unrecognized_keys') path.push(iss.keys.join(', '));
  return path.join('.') || '(settings)';
}

/** Returns the settings with defaults filled in, or every problem found in `input`. */
export function checkSettings(
  input: unknown,
): { ok: true; settings: Settings } | { ok: false; problems: SettingsProblem[] } {
  const removed = removedSettingProblem(input);
  if (removed) {
    const r = checkSettings(withoutKey(input as Record<string, unknown>, 'window_days'));
    return { ok: false, problems: [removed, ...(r.ok ? [] : r.problems)] };
  }
  const en = Settings.safeParse(input ?? {}, { error: errorMap('en') });
  if (en.success) return { ok: true, settings: en.data };
  const ja = Settings.safeParse(input ?? {}, { error: errorMap('ja') });
  const jaIssues = ja.success ? [] : ja.error.issues;
  return {
    ok: false,
    problems: en.error.issues.map((iss, i) => {
      const field = fieldOf(iss);
      return {
        field,
        en: `${field}: ${iss.message}`,
        ja: `${field}: ${jaIssues[i]?.message ?? iss.message}`,
      };
    }),
  };
}

/** Returns the KenshinError that refuses invalid settings, naming every field. */
export function settingsError(
  problems: SettingsProblem[],
  where?: { ja: string; en: string },
): KenshinError {
  return new KenshinError(
    'settings_invalid',
    {
      ja: `設定が正しくありません${where ? `（${where.ja}）` : ''}: ${problems.map((p) => p.ja).join('; ')}`,
      en: `invalid settings${where ? ` (${where.en})` : ''}: ${problems.map((p) => p.en).join('; ')}`,
    },
    EXIT.input,
    { details: problems },
  );
}

/** Returns the full settings with defaults filled in; throws KenshinError 'settings_invalid'. */
// `window_days` was a setting that only the customer page read while every metric used SPEC §3's
// 365 days: one number, two definitions. It is gone; the active window is 365 days everywhere.
// A stored 365 (what the settings page saved with the rest) meant exactly that and is dropped on
// reading; any other value is refused, saying why, rather than ignored.
function removedSettingProblem(input: unknown): SettingsProblem | null {
  if (!input || typeof input !== 'object' || !('window_days' in input)) return null;
  return {
    field: 'window_days',
    ja: 'window_days: この設定は廃止されました。稼働顧客の期間はすべての指標で365日です',
    en: 'window_days: this setting was removed; the active window is 365 days in every metric',
  };
}

/** Returns stored settings without a removed key that held what kenshin does anyway (window_days: 365). */
export function withoutLegacyKeys(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const rec = input as Record<string, unknown>;
  return rec.window_days === 365 ? withoutKey(rec, 'window_days') : input;
}

function withoutKey(rec: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rec).filter(([k]) => k !== key));
}

export function parseSettings(input: unknown): Settings {
  const r = checkSettings(input);
  if (!r.ok) throw settingsError(r.problems);
  return r.settings;
}

/**
 * Returns settings for reading when the stored ones are invalid: every refused field replaced by
 * its default, with the problems (to show them, never to compute silently with them).
 */
export function repairSettings(input: unknown): {
  settings: Settings;
  problems: SettingsProblem[];
} {
  const first = checkSettings(input);
  if (first.ok) return { settings: first.settings, problems: [] };
  const copy = structuredClone((input ?? {}) as Record<string, unknown>);
  for (let round = 0; round < 50; round++) {
    const r = Settings.safeParse(copy);
    if (r.success) return { settings: r.data, problems: first.problems };
    for (const iss of r.error.issues) dropAt(copy, iss);
  }
  return { settings: Settings.parse({}), problems: first.problems };
}

/** Deletes the value an issue is about (an array as a whole, unknown keys by name). */
function dropAt(root: Record<string, unknown>, iss: z.core.$ZodIssue): void {
  const path = iss.path.map(String);
  while (path.length && /^\d+$/.test(path[path.length - 1])) path.pop();
  let node: unknown = root;
  for (const k of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[k];
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (iss.code === 'unrecognized_keys' && iss.path.length === path.length) {
    const target = path.length ? obj[path[path.length - 1]] : root;
    for (const k of iss.keys) delete (target as Record<string, unknown>)[k];
  } else if (path.length) delete obj[path[path.length - 1]];
  else for (const k of Object.keys(root)) delete root[k];
}
