// metrics and metrics_prev_year: the scalars of SPEC §3 as of D (and as of D−365), with the
// flows that changed the active customers. Windows are the 365 days ending D.
import { z } from 'zod';
import { count, date, map, rate, ratio, yen, yenOrNull } from '../field.js';

export const flowsSchema = z.strictObject({
  new: count('新規', 'New', 'First purchase in the year ending D.'),
  retained: count('維持', 'Retained', 'Bought in the year ending D and in the year before.'),
  reactivated: count(
    '復活',
    'Reactivated',
    'Bought in the year ending D, not in the year before, and before that.',
  ),
  churned: count('離脱', 'Churned', 'Bought in the year before, not in the year ending D.'),
});
export type Flows = z.infer<typeof flowsSchema>;

export const coreMetricsSchema = z.strictObject({
  window_start: date(
    '集計期間の開始日',
    'Window start',
    'D − 364: the first day of the year ending D.',
  ),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'A(D): identified customers with a purchase in the 365 days ending D.',
  ),
  active_customers_prev_year: count(
    '前年の稼働顧客数',
    'Active customers a year ago',
    'A(D−365): the retention base.',
  ),
  annual_revenue: yen(
    '年商(顧客)',
    'Annual revenue',
    'Purchases less return credit notes of identified customers in the year ending D.',
  ),
  unattributed_revenue: yen(
    '顧客不明売上',
    'Unattributed revenue',
    'The same for guest orders (no customer): in no per-customer figure.',
  ),
  annual_ltv: yenOrNull(
    '年間LTV',
    'Annual LTV',
    'annual_revenue / active_customers; null without active customers.',
  ),
  retention_base: count(
    '維持率の母数(前年の稼働顧客)',
    'Retention base',
    'Customers active in the year ending D−365.',
  ),
  retention_retained: count(
    '維持した顧客',
    'Retained customers',
    'Of the base, customers who bought again in the year ending D.',
  ),
  retention_rate: rate(
    'retention_base',
    '顧客維持率',
    'Retention rate',
    'retention_retained / retention_base; null without a base.',
  ),
  flows: flowsSchema,
  contacts: count('配布(DM・メール)', 'Contacts', 'Contacts sent in the year ending D.'),
  contacts_per_active: ratio(
    '一人当り配布回数',
    'Contacts per active customer',
    'contacts / active_customers; null without active customers.',
  ),
  contacts_per_active_by_channel: map(
    z.number().nullable(),
    'チャネル別 一人当り配布回数',
    'Contacts per active customer by channel',
    'The same per contact channel (dm, email, line, sms, call, other).',
  ),
});
export type CoreMetrics = z.infer<typeof coreMetricsSchema>;
