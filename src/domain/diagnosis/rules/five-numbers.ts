// The five numbers' state as a finding (SPEC §4). It describes the month rather than raising
// an alarm, so it is info — except the worst state (everything low), a warning. The month is
// the month of D, to date.
import { assessFiveNumbers, thresholdsFromHistory, type FiveNumbersAssessment, type Thresholds } from '../five-numbers.js';
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';

/** Returns the thresholds chosen in the settings: the seed's solo profile, custom, or own history. */
export function fiveNumbersThresholds(ctx: RuleContext): Thresholds {
  const s = ctx.settings.five_numbers;
  if (s.profile === 'history') {
    const past = ctx.input.five_numbers_by_month.filter((m) => !m.month_to_date && m.month !== ctx.input.five_numbers.month);
    if (past.length >= 3) return thresholdsFromHistory(past);
  }
  return s.thresholds;
}

/** Returns the assessment of the month of D. */
export function assessMonth(ctx: RuleContext): FiveNumbersAssessment {
  return assessFiveNumbers(ctx.input.five_numbers, fiveNumbersThresholds(ctx));
}

/** Returns the five_numbers.state finding. */
export function fiveNumbersDiagnosis(ctx: RuleContext): Finding[] {
  const a = assessMonth(ctx);
  const f = ctx.input.five_numbers;
  const severity = a.state === 'worst' ? 'warning' : 'info';
  return [
    {
      id: 'five_numbers.state',
      severity,
      title: { ja: `5つの数(${f.month}): ${a.state_text.ja}`, en: `Five numbers (${f.month}): ${a.state_text.en}` },
      evidence: {
        month: f.month,
        state: a.state,
        total_customers: f.total_customers,
        existing_customers: f.existing_customers,
        new_customers: f.new_customers,
        existing_avg_spend: f.existing_avg_spend,
        new_avg_spend: f.new_avg_spend,
        ...Object.fromEntries(Object.entries(a.ratings).map(([k, v]) => [`${k}_rating`, v])),
      },
      cause: { ja: a.state_text.ja, en: a.state_text.en },
      action: {
        ja: a.prescriptions.map((p) => p.text.ja).join(' ') || '今の状態を維持しましょう。',
        en: a.prescriptions.map((p) => p.text.en).join(' ') || 'Keep it up.',
      },
    },
  ];
}
