// List diagnosis リスト診断 (SPEC §6): is the number of active customers falling? Compared with
// the same day last year (seasonal swings cancel out over a trailing year), with the 7- and
// 30-day moves as evidence; customer count leads revenue, so it warns even while revenue grows.
import { addDays } from '../../dates.js';
import { flowChangeZ, relativeChange } from '../stats.js';
import { HISTORY_FOR, hasHistory, seriesAt, type RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { zTest } from '../tests.js';

/** Returns the list.active_decline finding, or none. */
export function listDiagnosis({ input, settings }: RuleContext): Finding[] {
  const d = settings.diagnosis;
  const D = input.as_of;
  const now = input.metrics.active_customers;
  const yearAgo = input.metrics_prev_year.active_customers;
  if (yearAgo < d.min_base || !hasHistory(input, HISTORY_FOR.prior_year)) return [];
  const yoy = relativeChange(now, yearAgo)!;
  // Active customers are a stock: year on year they change only through the flows, so the
  // noise of the change is that of the flows (Poisson), not of the stock itself.
  const f = input.metrics.flows;
  const z = flowChangeZ(now - yearAgo, f.new + f.reactivated + f.churned);
  if (yoy > -d.active_decline_warning || z > -d.min_z) return [];
  const revenueYoy = relativeChange(
    input.metrics.annual_revenue,
    input.metrics_prev_year.annual_revenue,
  );
  const revenueStillGrowing = revenueYoy !== null && revenueYoy > 0;
  const critical = yoy <= -d.active_decline_critical;
  const a7 = seriesAt(input, addDays(D, -7))?.active_customers ?? null;
  const a30 = seriesAt(input, addDays(D, -30))?.active_customers ?? null;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    {
      id: 'list.active_decline',
      severity: critical ? 'critical' : 'warning',
      title: {
        ja: `稼働顧客数が前年比 ${pct(yoy)} 減少しています`,
        en: `Active customers are down ${pct(-yoy)} on last year`,
      },
      evidence: {
        active_customers: now,
        active_customers_7_days_ago: a7,
        active_customers_30_days_ago: a30,
        active_customers_prev_year: yearAgo,
        active_customers_change: yoy,
        annual_revenue: input.metrics.annual_revenue,
        annual_revenue_change: revenueYoy,
        z,
      },
      test: zTest('flows', z, d.min_z),
      cause: revenueStillGrowing
        ? {
            ja: '売上はまだ伸びていますが、稼働顧客数が先に減っています。年間LTVの上昇が減少を隠しており、このままでは売上も後を追って減ります。',
            en: 'Revenue still grows, but active customers are already falling: a higher annual LTV hides the loss, and revenue will follow the customer count down.',
          }
        : {
            ja: '稼働顧客数の減少が売上減少の主因です(年商 = 年間LTV × 稼働顧客数)。',
            en: 'The fall in active customers drives revenue down (revenue = annual LTV × active customers).',
          },
      action: {
        ja: '顧客診断で新規・維持・復活のどれが減ったかを確認し、離脱が始まっている低ランク顧客から手を打ってください。',
        en: 'Open the customer diagnosis to see whether acquisition, retention or reactivation fell, and act first on the low-rank customers where churn begins.',
      },
    },
  ];
}
