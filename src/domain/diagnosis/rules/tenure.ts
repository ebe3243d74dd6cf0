// Retention by tenure against its targets (seed 003: 65 % into the 2nd year, 86 % into the
// 3rd): a year whose retention is clearly below the target warns, even when it did not fall
// against last year — a business that has always kept 74 % of its 2nd-year customers has a
// problem no year-on-year rule sees. Judged only on a base of at least min_rate_base customers
// and when the gap is beyond the noise of that base (one-proportion z against the target).
// Severity info: a standing gap against the seed's aspiration, not a deterioration (the
// year-on-year rules warn on those); the generated healthy business keeps 72 % into its 3rd
// year, short of 86 %, and it is told so without an alarm.
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { zTest } from '../tests.js';
import { targetZ } from '../stats.js';

export { targetZ };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Returns one customer.tenure_below_target finding per tenure year clearly below its target. */
export function tenureDiagnosis({ input, settings }: RuleContext): Finding[] {
  const d = settings.diagnosis;
  const out: Finding[] = [];
  for (const y of input.retention_by_tenure ?? []) {
    const { target, retention_rate: rate, base } = y;
    if (target === null || rate === null || base < d.min_rate_base || rate >= target) continue;
    const z = targetZ(rate, base, target);
    if (z > -d.min_z) continue;
    const k = y.tenure_year;
    out.push({
      id: 'customer.tenure_below_target',
      severity: 'info',
      title: {
        ja: `${k}年目の顧客維持率が ${pct(rate)} で目標 ${pct(target)} を下回っています(${base}人中 ${y.retained}人)`,
        en: `Retention into year ${k} is ${pct(rate)}, below the ${pct(target)} target (${y.retained} of ${base} customers)`,
      },
      evidence: {
        // One episode per tenure year (history.ts): year 2 and year 3 are two problems.
        subject: `year_${k}`,
        tenure_year: k,
        retention_rate: rate,
        retention_target: target,
        retention_base: base,
        retained: y.retained,
        z,
      },
      test: zTest('one_proportion', z, d.min_z),
      cause: {
        ja: `${k - 1}年目に買った顧客のうち、${k}年目も買った人が目標より少なく、顧客が定着する前に離れています。`,
        en: `Too few of the customers who bought in their year ${k - 1} bought again in year ${k}: customers leave before they settle.`,
      },
      action: {
        ja:
          k === 2
            ? '初回購入後の数か月のフォロー(お礼状・使い方・2回目の提案)を見直し、2回目購入までの道筋をつくってください。'
            : '2年目以降の顧客への定期的な接点(会報・限定案内・ランクアップ)を設け、優良顧客へ育ててください。',
        en:
          k === 2
            ? 'Review the follow-up of the first months after the first purchase (thank-you, how-to, a second offer) and build the path to the second purchase.'
            : 'Give customers beyond their first year regular touchpoints (newsletters, member offers, rank-ups) to grow them into loyal customers.',
      },
    });
  }
  return out;
}
