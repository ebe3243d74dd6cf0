// Purchase diagnosis 購買診断 (SPEC §6 B): how often active customers buy and how much, the
// customers overdue against their own purchase interval (churn precursors), and whether
// customers acquired with a discount repeat less than the rest.
import { proportionChangeZ, relativeChange } from '../stats.js';
import { HISTORY_FOR, hasHistory, type RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { zTest } from '../tests.js';

const pct = (x: number) => `${(Math.abs(x) * 100).toFixed(1)}%`;

/** Returns purchase.frequency_drop, purchase.overdue_rise and purchase.discount_cohort_weak findings. */
export function purchaseDiagnosis({ input, settings }: RuleContext): Finding[] {
  const p = input.purchase;
  if (!p) return [];
  const d = settings.diagnosis;
  const out: Finding[] = [];

  const now = p.current;
  const before = p.previous;
  const freqChange = relativeChange(now.purchases_per_active, before.purchases_per_active);
  if (
    hasHistory(input, HISTORY_FOR.prior_year) &&
    now.active_customers >= d.min_base &&
    before.active_customers >= d.min_base &&
    freqChange !== null &&
    freqChange <= -d.flow_drop
  ) {
    // Purchases per customer as Poisson rates: the standard error of the difference of two rates.
    const se = Math.sqrt(
      now.purchases / now.active_customers ** 2 + before.purchases / before.active_customers ** 2,
    );
    const z =
      se === 0 ? 0 : ((now.purchases_per_active ?? 0) - (before.purchases_per_active ?? 0)) / se;
    if (z <= -d.min_z) {
      const aovChange = relativeChange(now.average_order_value, before.average_order_value);
      out.push({
        id: 'purchase.frequency_drop',
        severity: 'warning',
        title: {
          ja: `一人当り購入回数が前年比 ${pct(freqChange)} 減少`,
          en: `Purchases per active customer down ${pct(freqChange)} on last year`,
        },
        evidence: {
          purchases_per_active: now.purchases_per_active,
          purchases_per_active_prev_year: before.purchases_per_active,
          average_order_value: now.average_order_value,
          average_order_value_change: aovChange,
          z,
        },
        test: {
          ja: `ポアソン率の差の検定(一人当り購入回数): z = ${z < 0 ? '−' : ''}${Math.abs(z).toFixed(1)}(基準 |z| ≥ ${d.min_z})`,
          en: `test of a difference of Poisson rates (purchases per customer): z = ${z < 0 ? '−' : ''}${Math.abs(z).toFixed(1)} (threshold |z| ≥ ${d.min_z})`,
        },
        cause: {
          ja: '稼働顧客が買う回数が減っています。次の購入を促すきっかけ(DM・メール・定期便)が不足しているか、商品の使い切りサイクルに合っていません。',
          en: 'Active customers buy less often: prompts for the next purchase (mailings, subscriptions) are missing or out of step with the product’s usage cycle.',
        },
        action: {
          ja: '購入間隔に合わせたフォローDM・メールを設定し、定期購入やまとめ買いの提案を見直してください。',
          en: 'Time follow-ups to each customer’s purchase interval and review subscription and bundle offers.',
        },
      });
    }
  }

  const o = p.overdue;
  const sNow = o.current.overdue_share;
  const sBefore = o.previous.overdue_share;
  const overdueZ = proportionChangeZ(
    o.current.overdue_active,
    o.current.active_customers,
    o.previous.overdue_active,
    o.previous.active_customers,
  );
  if (
    hasHistory(input, HISTORY_FOR.prior_flows) &&
    sNow !== null &&
    sBefore !== null &&
    o.current.active_customers >= d.min_base &&
    o.previous.active_customers >= d.min_base &&
    sNow - sBefore >= d.overdue_rise_points &&
    overdueZ >= d.min_z
  ) {
    out.push({
      id: 'purchase.overdue_rise',
      severity: 'warning',
      title: {
        ja: `購入周期を過ぎた顧客が ${(sBefore * 100).toFixed(1)}% → ${(sNow * 100).toFixed(1)}% に増加`,
        en: `Overdue customers rose from ${(sBefore * 100).toFixed(1)}% to ${(sNow * 100).toFixed(1)}% of active customers`,
      },
      evidence: {
        overdue_customers: o.current.overdue_active,
        overdue_share: sNow,
        overdue_share_prev_year: sBefore,
        interval_multiple: o.interval_multiple,
        z: overdueZ,
      },
      test: zTest('two_proportion', overdueZ, d.min_z),
      cause: {
        ja: 'いつもの購入間隔を大きく過ぎた顧客が増えています。離脱の前兆です。',
        en: 'More customers are well past their usual purchase interval: the precursor of churn.',
      },
      action: {
        ja: '購入周期を過ぎた顧客のリストを出し、離脱する前にフォローDMや限定オファーを送ってください。',
        en: 'Export the overdue customers and send them a follow-up or a limited offer before they lapse.',
      },
    });
  }

  const disc = p.discount_acquired.discounted;
  const rest = p.discount_acquired.other;
  const discountZ = proportionChangeZ(
    disc.f2_within_365,
    disc.cohort_customers,
    rest.f2_within_365,
    rest.cohort_customers,
  );
  if (
    hasHistory(input, HISTORY_FOR.prior_year) &&
    disc.cohort_customers >= d.min_base &&
    rest.cohort_customers >= d.min_base &&
    disc.f2_rate !== null &&
    rest.f2_rate !== null &&
    rest.f2_rate - disc.f2_rate >= d.discount_gap_points &&
    discountZ <= -d.min_z
  ) {
    out.push({
      id: 'purchase.discount_cohort_weak',
      severity: 'warning',
      title: {
        ja: `割引で獲得した顧客の2回目購入率が ${(disc.f2_rate * 100).toFixed(1)}%(他は ${(rest.f2_rate * 100).toFixed(1)}%)`,
        en: `Discount-acquired customers reach a 2nd purchase at ${(disc.f2_rate * 100).toFixed(1)}% (others ${(rest.f2_rate * 100).toFixed(1)}%)`,
      },
      evidence: {
        discounted_cohort: disc.cohort_customers,
        discounted_f2_rate: disc.f2_rate,
        other_cohort: rest.cohort_customers,
        other_f2_rate: rest.f2_rate,
        discounted_retention_rate: disc.retention_rate,
        other_retention_rate: rest.retention_rate,
        z: discountZ,
      },
      test: zTest('two_proportion', discountZ, d.min_z),
      cause: {
        ja: '値引きにつられて買った顧客は定着していません。獲得単価に見合う資産になっていない可能性があります。',
        en: 'Customers who came for the discount do not stay: they may not repay what they cost to acquire.',
      },
      action: {
        ja: '初回値引きの幅を見直し、割引獲得顧客には2回目購入までのフォロー(サンプル・使い方案内)を厚くしてください。',
        en: 'Reconsider the first-purchase discount, and give discount-acquired customers a stronger path to the second purchase (samples, how-to guides).',
      },
    });
  }
  return out;
}
