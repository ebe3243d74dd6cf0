// The five numbers' state as a finding (SPEC §4). It describes the month rather than raising
// an alarm, so it is info — except the worst state (everything low), a warning. The month is
// the month of D, to date.
import {
  assessFiveNumbers,
  median,
  SOLO_THRESHOLDS,
  thresholdsFromHistory,
  type FiveNumbers,
  type FiveNumbersAssessment,
  type Thresholds,
} from '../five-numbers.js';
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { fullCount } from '../tests.js';

/** Months of history a baseline needs before it replaces the seed's solo thresholds. */
const MIN_HISTORY_MONTHS = 3;

/** What the five numbers were rated against: the profile used and how many months it rests on. */
export interface FiveBaseline {
  profile: 'history' | 'solo' | 'custom';
  /** Complete months before the month of D behind a history baseline (0 otherwise). */
  months: number;
  thresholds: Thresholds;
}

// The seed's solo business: a handful of clients a month, each spending six figures. A shop
// of many small orders is not rated against it (every month's averages would be red).
function looksSolo(past: FiveNumbers[]): boolean {
  if (!past.length) return false;
  const buyers = median(past.map((m) => m.existing_customers + m.new_customers));
  const spend = median(past.map((m) => m.existing_avg_spend ?? m.new_avg_spend ?? 0));
  return buyers <= 30 && spend >= 100_000;
}

/** Returns the baseline the settings choose for the month of D (docs/diagnoses.md). */
export function fiveNumbersBaseline(ctx: RuleContext): FiveBaseline {
  const s = ctx.settings.five_numbers;
  if (s.profile === 'custom') return { profile: 'custom', months: 0, thresholds: s.thresholds };
  const past = ctx.input.five_numbers_by_month.filter(
    (m) => !m.month_to_date && m.month !== ctx.input.five_numbers.month,
  );
  const history = s.profile === 'history' || (s.profile === 'auto' && !looksSolo(past));
  if (history && past.length >= MIN_HISTORY_MONTHS)
    return { profile: 'history', months: past.length, thresholds: thresholdsFromHistory(past) };
  return { profile: 'solo', months: 0, thresholds: SOLO_THRESHOLDS };
}

/** Returns the thresholds of the baseline (the seed's solo ones while a history is too short). */
export function fiveNumbersThresholds(ctx: RuleContext): Thresholds {
  return fiveNumbersBaseline(ctx).thresholds;
}

/** Returns the assessment of the month of D. */
export function assessMonth(ctx: RuleContext): FiveNumbersAssessment {
  return assessFiveNumbers(ctx.input.five_numbers, fiveNumbersThresholds(ctx));
}

// The baseline in words, for the finding's cause: a user must know what "low" is low against.
function baselineText(b: FiveBaseline): { ja: string; en: string } {
  if (b.profile === 'history')
    return {
      ja: `基準は自社の過去${b.months}か月の中央値です。`,
      en: `Measured against the business's own median of the past ${b.months} months.`,
    };
  if (b.profile === 'custom')
    return { ja: '基準は設定の値です。', en: 'Measured against the thresholds in the settings.' };
  const t = SOLO_THRESHOLDS;
  return {
    ja: `基準は個人事業の標準値(総顧客数${t.total_customers}人、既存顧客単価${t.existing_avg_spend / 10_000}万円など)です。`,
    en: `Measured against the standard for a solo business (${t.total_customers} customers in all, ¥${t.existing_avg_spend.toLocaleString('en-US')} per existing customer, …).`,
  };
}

/** Returns the five_numbers.state finding. */
export function fiveNumbersDiagnosis(ctx: RuleContext): Finding[] {
  const baseline = fiveNumbersBaseline(ctx);
  const a = assessFiveNumbers(ctx.input.five_numbers, baseline.thresholds);
  const f = ctx.input.five_numbers;
  const why = baselineText(baseline);
  const severity = a.state === 'worst' ? 'warning' : 'info';
  return [
    {
      id: 'five_numbers.state',
      severity,
      title: {
        ja: `5つの数(${f.month}): ${a.state_text.ja}`,
        en: `Five numbers (${f.month}): ${a.state_text.en}`,
      },
      evidence: {
        // One episode per state: "worst since March" must not include the mixed months before.
        subject: a.state,
        month: f.month,
        state: a.state,
        baseline: baseline.profile,
        baseline_months: baseline.months,
        total_customers: f.total_customers,
        existing_customers: f.existing_customers,
        new_customers: f.new_customers,
        existing_avg_spend: f.existing_avg_spend,
        new_avg_spend: f.new_avg_spend,
        ...Object.fromEntries(Object.entries(a.ratings).map(([k, v]) => [`${k}_rating`, v])),
      },
      test: fullCount({
        ja: `その月の5つの数を基準と比べた状態(${why.ja})`,
        en: `the month's five numbers against the baseline (${why.en})`,
      }),
      cause: { ja: `${a.state_text.ja}${why.ja}`, en: `${a.state_text.en} ${why.en}` },
      action: {
        ja: a.prescriptions.map((p) => p.text.ja).join(' ') || '今の状態を維持しましょう。',
        en: a.prescriptions.map((p) => p.text.en).join(' ') || 'Keep it up.',
      },
    },
  ];
}
