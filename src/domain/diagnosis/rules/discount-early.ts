// The early discount diagnosis (issue 14): do customers acquired with a discount come back for
// a second purchase more slowly than the other new customers of the last 12 months? Asked of
// curves with censoring (report purchase.discount_early: Kaplan–Meier and the log-rank test),
// so a trap shows within weeks of its first cohort; the matured-cohort rule
// (purchase.discount_cohort_weak) stays as the second line once a cohort has had its year.
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { logRankTest } from '../tests.js';

/** Each group needs this many new customers: below it the curves are noise. */
export const EARLY_MIN_GROUP = 30;
/**
 * The discounted group's second purchases must be at most this share of those expected were
 * the groups alike (observed / expected, about the hazard ratio): a significant but small gap
 * on a large shop is not worth a warning.
 */
export const EARLY_MAX_RATIO = 0.9;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Returns the purchase.discount_early_weak finding, or none. */
export function discountEarlyDiagnosis({ input, settings }: RuleContext): Finding[] {
  const e = input.purchase?.discount_early;
  if (!e) return [];
  const { discounted: dg, other: og, log_rank: lr } = e;
  if (dg.customers < EARLY_MIN_GROUP || og.customers < EARLY_MIN_GROUP || lr.p === null) return [];
  if (lr.z > -settings.diagnosis.min_z || lr.expected <= 0) return [];
  const ratio = lr.observed / lr.expected;
  if (ratio > EARLY_MAX_RATIO) return [];
  const test = `χ² = ${lr.chi2.toFixed(1)}, p = ${lr.p < 0.001 ? '< 0.001' : lr.p.toFixed(3)}`;
  return [
    {
      id: 'purchase.discount_early_weak',
      severity: 'warning',
      title: {
        ja: `割引で獲得した新規顧客の2回目購入が遅れています(90日以内 ${pct(dg.repeated_by_90)}、他 ${pct(og.repeated_by_90)}。ログランク ${test}、n = ${dg.customers} / ${og.customers})`,
        en: `Discount-acquired new customers are slower to a 2nd purchase (${pct(dg.repeated_by_90)} within 90 days, others ${pct(og.repeated_by_90)}; log-rank ${test}, n = ${dg.customers} / ${og.customers})`,
      },
      evidence: {
        cohort_start: e.cohort_start,
        cohort_end: e.cohort_end,
        discounted_customers: dg.customers,
        discounted_repeated: dg.repeated,
        discounted_repeated_by_90: dg.repeated_by_90,
        other_customers: og.customers,
        other_repeated: og.repeated,
        other_repeated_by_90: og.repeated_by_90,
        log_rank_chi2: lr.chi2,
        log_rank_p: lr.p,
        observed_to_expected: ratio,
      },
      test: logRankTest(lr.chi2, lr.p, settings.diagnosis.min_z),
      cause: {
        ja: '直近12か月の新規顧客を、まだ2回目を買っていない人は観察中として扱い比較しました。値引きで獲得した顧客は2回目購入に進む速さが他の新規顧客より明らかに遅く、定着しない兆候です。',
        en: 'New customers of the last 12 months were compared with those not yet back counted as still watched: discount-acquired customers move on to a second purchase clearly more slowly than the others, an early sign they will not stay.',
      },
      action: {
        ja: '1年待たずに、初回値引きの幅と対象を見直し、割引獲得顧客への2回目購入までのフォロー(サンプル・使い方案内)を厚くしてください。',
        en: 'Do not wait for the year: reconsider the first-purchase discount and its audience, and give discount-acquired customers a stronger path to the second purchase (samples, how-to guides).',
      },
    },
  ];
}
