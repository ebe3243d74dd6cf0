// New-customer asset audit 新規顧客資産性監査 (SPEC §6, seed 002): an acquisition channel whose
// customers churned before their gross profit repaid what they cost to acquire.
//
// Only "matured" acquisition months count: every customer of the month made the first purchase
// at least 365 days before D, so "churned" (no purchase in the year ending D) can have happened.
// Younger months are active by definition and would only dilute the share.
import { addDays, monthEnd } from '../../dates.js';
import type { AuditCell } from '../../../report/index.js';
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { zTest } from '../tests.js';
import { targetZ } from '../stats.js';

export interface MaturedChannel {
  channel: string;
  /** 'YYYY-MM' of the earliest and latest matured month with spend. */
  from_month: string;
  to_month: string;
  ad_spend: number;
  new_customers: number;
  churned: number;
  unrecovered_customers: number;
  unrecovered_cost: number;
  /** unrecovered_cost / ad_spend of the matured months. */
  unrecovered_share: number | null;
}

/** Sums the matured cells with recorded spend per channel (pure; exported for tests). */
export function maturedChannels(cells: AuditCell[], asOf: string): MaturedChannel[] {
  const cutoff = addDays(asOf, -365);
  const by = new Map<string, MaturedChannel>();
  for (const c of cells) {
    if (c.ad_spend === null || c.cpa === null || monthEnd(c.month) > cutoff) continue;
    const m = by.get(c.channel) ?? {
      channel: c.channel,
      from_month: c.month,
      to_month: c.month,
      ad_spend: 0,
      new_customers: 0,
      churned: 0,
      unrecovered_customers: 0,
      unrecovered_cost: 0,
      unrecovered_share: null,
    };
    if (c.month < m.from_month) m.from_month = c.month;
    if (c.month > m.to_month) m.to_month = c.month;
    m.ad_spend += c.ad_spend;
    m.new_customers += c.new_customers;
    m.churned += c.churned;
    m.unrecovered_customers += c.unrecovered_customers ?? 0;
    m.unrecovered_cost += c.unrecovered_cost ?? 0;
    by.set(c.channel, m);
  }
  return [...by.values()].map((m) => ({
    ...m,
    unrecovered_share: m.ad_spend > 0 ? m.unrecovered_cost / m.ad_spend : null,
  }));
}

const yen = (x: number) => `¥${Math.round(x).toLocaleString('en-US')}`;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/**
 * Returns the audit.unrecovered_cost finding: the channels that lost a large share of their
 * matured spend, the worst (largest unrecovered cost) named. One finding, so that its history
 * and alerts follow one problem.
 */
export function auditDiagnosis({ input, settings }: RuleContext): Finding[] {
  const a = input.asset_audit;
  if (!a) return [];
  const d = settings.diagnosis;
  // The share lost is estimated from the channel's new customers: beyond the threshold only when
  // it is beyond it by more than the noise of that many customers (a healthy business's channel
  // at 27 % of 200 customers is not one losing a quarter of its spend).
  const z = (m: MaturedChannel) =>
    targetZ(m.unrecovered_share ?? 0, m.new_customers, d.unrecovered_share_warning);
  const bad = maturedChannels(a.cells, input.as_of)
    .filter(
      (m) =>
        m.unrecovered_share !== null &&
        m.unrecovered_share >= d.unrecovered_share_warning &&
        m.unrecovered_customers >= d.min_unrecovered_customers &&
        z(m) >= d.min_z,
    )
    .sort((x, y) => y.unrecovered_cost - x.unrecovered_cost);
  if (!bad.length) return [];
  const m = bad[0];
  const share = m.unrecovered_share!;
  const lost = bad.reduce((s, x) => s + x.unrecovered_cost, 0);
  const names = bad.map((x) => x.channel).join(', ');
  return [
    {
      id: 'audit.unrecovered_cost',
      severity: bad.some((x) => x.unrecovered_share! >= d.unrecovered_share_critical)
        ? 'critical'
        : 'warning',
      title: {
        ja: `「${m.channel}」で獲得した顧客の獲得費 ${yen(m.unrecovered_cost)}(広告費の ${pct(share)})が回収されないまま離脱`,
        en: `${yen(m.unrecovered_cost)} (${pct(share)} of ad spend) of "${m.channel}" acquisition cost lost to customers who churned unrecovered`,
      },
      evidence: {
        channel: m.channel,
        from_month: m.from_month,
        to_month: m.to_month,
        ad_spend: m.ad_spend,
        new_customers: m.new_customers,
        cpa: m.new_customers > 0 ? m.ad_spend / m.new_customers : null,
        churned: m.churned,
        unrecovered_customers: m.unrecovered_customers,
        unrecovered_cost: m.unrecovered_cost,
        unrecovered_share: share,
        channels: names,
        unrecovered_cost_all_channels: lost,
        z: z(m),
      },
      test: zTest('above_threshold', z(m), d.min_z),
      cause: {
        ja: `${m.from_month}〜${m.to_month} に「${m.channel}」で獲得した顧客のうち ${m.unrecovered_customers} 人が、粗利で獲得単価を回収する前に離脱しました。資産にならない顧客を獲得しています(該当チャネル: ${names})。`,
        en: `${m.unrecovered_customers} customers acquired through "${m.channel}" in ${m.from_month} to ${m.to_month} churned before repaying their acquisition cost in gross profit: this channel buys customers who do not become assets (channels affected: ${names}).`,
      },
      action: {
        ja: 'このチャネルの獲得単価と初回オファーを見直し、獲得直後のフォロー(2回目購入までの導線)を強化するか、予算を回収できているチャネルへ移してください。',
        en: 'Review this channel’s CPA and first offer; strengthen the follow-up to the second purchase, or move budget to channels whose customers repay their cost.',
      },
    },
  ];
}
