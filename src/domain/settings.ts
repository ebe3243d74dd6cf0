// The one validated settings object (zod). Defaults come from SPEC.md and the seeds; a business
// overrides them in its database (kenshin settings set), by file or by flags.
import { z } from 'zod';

export const FiveNumbersThresholds = z.object({
  total_customers: z.number().default(250),
  existing_customers: z.number().default(10),
  new_customers: z.number().default(5),
  existing_avg_spend: z.number().default(500_000),
  new_avg_spend: z.number().default(300_000),
});

export const Settings = z.object({
  business_name: z.string().default('My business'),
  timezone: z.string().default('Asia/Tokyo'),
  currency: z.string().default('JPY'),
  /** Gross profit per unit of revenue, for the asset audit (SPEC §6). */
  gross_margin_rate: z.number().min(0).max(1).default(0.5),
  /** Active window in days (SPEC §3: 365). */
  window_days: z.number().int().positive().default(365),
  retention_targets: z
    .object({ year2: z.number().default(0.65), year3: z.number().default(0.86) })
    .prefault({}),
  five_numbers: z
    .object({
      profile: z.enum(['solo', 'history', 'custom']).default('solo'),
      thresholds: FiveNumbersThresholds.prefault({}),
    })
    .prefault({}),
  rfm: z
    .object({
      /** 'quintile' scores by quintiles of purchasers; 'fixed' uses the thresholds below. */
      method: z.enum(['quintile', 'fixed']).default('quintile'),
      /** Upper bounds of recency days for scores 5,4,3,2 (score 1 beyond). */
      recency_days: z.array(z.number()).length(4).default([30, 90, 180, 365]),
      /** Lower bounds of purchase counts for scores 2,3,4,5. */
      frequency: z.array(z.number()).length(4).default([2, 3, 5, 10]),
      /** Lower bounds of lifetime amount for scores 2,3,4,5. */
      monetary: z.array(z.number()).length(4).default([10_000, 30_000, 100_000, 300_000]),
      /** Monetary window in days; 0 means lifetime. */
      monetary_window_days: z.number().int().min(0).default(0),
    })
    .prefault({}),
  ladder: z
    .object({
      /** Lead event type → prospect level (0.1–0.9). */
      prospect_levels: z
        .record(z.string(), z.number().min(0.1).max(0.9))
        .default({ signed_up: 0.2, engaged: 0.5, trial: 0.9 }),
      loyal_min_purchases: z.number().int().min(2).default(5),
      /** Prospect level of a person served for free (an order of amount 0) who never bought; 0 turns it off. */
      free_service_level: z.number().min(0).max(0.9).default(0.9),
      /** Horizons in days for conversion between adjacent ladder levels (SPEC §5: 90 / 180 / 365). */
      conversion_horizons_days: z.array(z.number().int().positive()).min(1).default([90, 180, 365]),
    })
    .prefault({}),
  distribution: z
    .object({
      /** Contacts per active customer per year below this: too few. */
      too_few_per_active: z.number().default(4),
      /** Above this: too many. */
      too_many_per_active: z.number().default(24),
      /** Top-10 % share of contacts above this: concentrated. */
      concentrated_top10_share: z.number().default(0.5),
      /** A customer with more contacts than this in the window is over-contacted. */
      over_contacted_per_year: z.number().default(36),
      response_window_days: z.number().int().default(30),
      /** Coverage counts a contact in the last this many days (and, separately, in the year). */
      coverage_recent_days: z.number().int().positive().default(90),
      /** At risk: bought in the last two years but not in the last this many days. */
      at_risk_days: z.number().int().positive().default(180),
    })
    .prefault({}),
  overdue: z
    .object({
      /** Overdue when days since last purchase exceed this multiple of the own mean interval. */
      interval_multiple: z.number().default(2),
    })
    .prefault({}),
  audit: z
    .object({
      /** Acquisition months covered by the new-customer asset audit, the month of D included. */
      months: z.number().int().positive().default(24),
    })
    .prefault({}),
  mechanisms: z
    .object({
      /** Targets of the five mechanisms (seed 004); each mechanism's score is value / target. */
      seeding_growth: z.number().default(1),
      conversion_rate_90d: z.number().default(0.1),
      grip_retention: z.number().default(0.65),
      new_offer_share: z.number().default(0.2),
      referral_share: z.number().default(0.05),
    })
    .prefault({}),
  diagnosis: z
    .object({
      /** Below this many customers in a comparison base a rule stays silent (small businesses). */
      min_base: z.number().int().default(50),
      /** A drop must be at least this many standard errors to count (no crying wolf). */
      min_z: z.number().default(2),
      /** Year-on-year fall in active customers that warns, and that is critical. */
      active_decline_warning: z.number().default(0.03),
      active_decline_critical: z.number().default(0.1),
      /** Relative fall of a flow (new, reactivated) or of frequency that warns. */
      flow_drop: z.number().default(0.1),
      /** Fall of the retention rate in points (0.03 = 3 points) that warns. */
      retention_drop_points: z.number().default(0.03),
      /** Rise of the overdue share of active customers in points that warns. */
      overdue_rise_points: z.number().default(0.03),
      /** Gap in F2 rate between discount-acquired customers and the rest, in points, that warns. */
      discount_gap_points: z.number().default(0.1),
      /** Share of a channel's matured ad spend lost to churned, unrecovered customers that warns, and that is critical. */
      unrecovered_share_warning: z.number().default(0.25),
      unrecovered_share_critical: z.number().default(0.5),
      /** Fewer churned, unrecovered customers than this in a channel: too few to judge. */
      min_unrecovered_customers: z.number().int().default(20),
    })
    .prefault({}),
  alerts: z
    .object({
      email_to: z.array(z.string()).default([]),
      webhook_url: z.string().optional(),
      // The fields below are optional (defaults applied in src/outputs/alerts/config.ts) so that a
      // redacted copy { email_to, webhook_url } is still a valid alerts object.
      /** Lowest severity that is alerted: 'warning' (default) or 'critical'; info is never sent. */
      min_severity: z.enum(['warning', 'critical']).optional(),
      /** Sender address of alert e-mails (default kenshin@localhost). */
      email_from: z.string().optional(),
      /** SMTP server; env KENSHIN_SMTP_HOST / _PORT / _USER / _PASS override (keep the password in env). */
      smtp_host: z.string().optional(),
      /** Default 587 (465 with smtp_secure). */
      smtp_port: z.number().int().positive().optional(),
      /** true: TLS from the start (port 465); false (default): STARTTLS when the server offers it. */
      smtp_secure: z.boolean().optional(),
      smtp_user: z.string().optional(),
      smtp_pass: z.string().optional(),
      /** true: one daily digest of all open findings instead of only the new ones (default false). */
      digest: z.boolean().optional(),
    })
    .prefault({}),
});

export type Settings = z.infer<typeof Settings>;

/** Returns the full settings with defaults filled in; throws a ZodError on invalid input. */
export function parseSettings(input: unknown): Settings {
  return Settings.parse(input ?? {});
}
