// distribution: the distribution diagnosis (SPEC §6 C) as of D — contacts per active customer,
// coverage of active and at-risk customers, concentration, over-contacted customers, and the
// response to contacts against comparable uncontacted customers by channel and campaign
// (docs/metrics-purchase-distribution-audit.md).
import { z } from 'zod';
import { LIFT_VERDICTS } from '../format.js';
import {
  count,
  countOrNull,
  date,
  days,
  field,
  key,
  number,
  numberOrNull,
  rate,
  ratio,
  textOrNull,
  yenOrNull,
} from '../field.js';

export const channelIntensitySchema = z.strictObject({
  channel: key('チャネル', 'Channel', 'Contact channel (dm, email, line, sms, call, other).'),
  contacts: count('配布数', 'Contacts', 'Contacts sent in the year ending D.'),
  contacts_prev_year: count(
    '前年の配布数',
    'Contacts last year',
    'Contacts sent in the year ending D−365.',
  ),
  contacts_per_active: ratio(
    '一人当り配布回数',
    'Contacts per active customer',
    'contacts / active customers.',
  ),
  contacts_per_active_prev_year: ratio(
    '前年の一人当り配布回数',
    'Contacts per active customer last year',
    'contacts_prev_year / active customers a year ago.',
  ),
});
export type ChannelIntensity = z.infer<typeof channelIntensitySchema>;

export const coverageSchema = z.strictObject({
  customers: count('顧客数', 'Customers', 'Customers of the group.'),
  contacted_recent: count(
    '直近に配布した顧客',
    'Contacted recently',
    'Contacted at least once in the last coverage_recent_days days.',
  ),
  contacted_year: count(
    '1年以内に配布した顧客',
    'Contacted this year',
    'Contacted at least once in the year ending D.',
  ),
  coverage_recent: rate(
    'customers',
    'カバー率(直近)',
    'Recent coverage',
    'contacted_recent / customers.',
  ),
  coverage_year: rate('customers', 'カバー率(1年)', 'Year coverage', 'contacted_year / customers.'),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const responseRowSchema = z.strictObject({
  key: key('チャネル・キャンペーン', 'Channel or campaign', 'The channel, or the campaign_id.'),
  name: textOrNull('キャンペーン名', 'Campaign name', 'Campaign rows only; null when unknown.'),
  contacts: count('配布数', 'Contacts', 'Contacts sent in the year ending D.'),
  cost: yenOrNull('費用', 'Cost', 'Their cost; null when no cost is known.'),
  contacted_customers: count(
    '配布した顧客(月単位)',
    'Contacted units',
    'Treated units: (customer, month) pairs with a contact, customer active or lapsed.',
  ),
  responders: count(
    '反応した顧客',
    'Responders',
    'Treated units with a purchase within response_window_days of their first contact.',
  ),
  response_rate: rate(
    'contacted_customers',
    '反応率',
    'Response rate',
    'responders / contacted_customers.',
  ),
  control_rate: rate(
    'contacted_customers',
    '非配布の反応率',
    'Control rate',
    'The uncontacted customers’ rate, weighted by this row’s units per month and status.',
  ),
  // Not a follow-up step's lift: that compares new customers of the same first-purchase weeks
  // with and without the step; this compares contacted customer-months with uncontacted
  // customers of the same month and status (docs/metrics.md, "Two lifts").
  uplift: numberOrNull(
    '反応率の差(非配布顧客比・ポイント)',
    'Response above uncontacted (points)',
    'response_rate − control_rate: contacted customer-months against uncontacted customers of the same month and status.',
  ),
  control_customers: countOrNull(
    '比較した非配布顧客(月単位)',
    'Uncontacted units compared',
    'Uncontacted (customer, month) pairs of the months and statuses this row is compared in; null in a report stored before it.',
  ),
  control_effective_n: numberOrNull(
    '非配布の反応率の有効母数',
    'Control effective base',
    'control_rate·(1 − control_rate) / its variance over the months and statuses (Kish 1/Σw²/n when 0), at most control_customers: the n of the control in the interval and test.',
  ),
  uplift_low: numberOrNull(
    '反応率の差の95%区間(下限)',
    'Uplift 95 % low',
    'Newcombe hybrid score interval of uplift, the control as control_rate of control_effective_n; null without units.',
  ),
  uplift_high: numberOrNull(
    '反応率の差の95%区間(上限)',
    'Uplift 95 % high',
    'Upper end of that interval; null without units.',
  ),
  uplift_z: numberOrNull(
    '反応率の差のz値',
    'Uplift z',
    'Pooled two-proportion z of responders of contacted_customers against the control at its effective base; null without units.',
  ),
  uplift_p: numberOrNull(
    '反応率の差のp値',
    'Uplift p',
    'Two-sided p of uplift_z; null without units.',
  ),
  uplift_verdict: field(z.enum(LIFT_VERDICTS).nullable(), 'code', [
    '判定',
    'Verdict',
    'too_few (contacted_customers or control_effective_n below 30), within_noise (the interval covers 0), higher or lower; null in a report stored before it.',
  ]),
  expected_responses: numberOrNull(
    '配布なしでの期待反応数',
    'Expected responses',
    'Responses the units would have had at the control rate.',
  ),
  incremental_responses: numberOrNull(
    '配布による反応増',
    'Incremental responses',
    'responders − expected_responses.',
  ),
  unmatched_customers: count(
    '比較できない顧客',
    'Unmatched units',
    'Units in a month and status with no uncontacted customer to compare (left out above).',
  ),
  response_cost: yenOrNull(
    '比較した配布の費用',
    'Cost of compared contacts',
    'Cost of the compared units’ contacts.',
  ),
  cost_per_response: yenOrNull(
    '反応一件当りの費用',
    'Cost per response',
    'response_cost / responders.',
  ),
  cost_per_incremental_response: yenOrNull(
    '反応増一件当りの費用',
    'Cost per incremental response',
    'response_cost / incremental_responses; null unless incremental responses > 0.',
  ),
});
export type ResponseRow = z.infer<typeof responseRowSchema>;

export const distributionReportSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'D.'),
  window_start: date('集計期間の開始日', 'Window start', 'D − 364.'),
  active_customers: count('稼働顧客数', 'Active customers', 'A(D).'),
  active_customers_prev_year: count('前年の稼働顧客数', 'Active customers a year ago', 'A(D−365).'),
  contacts: count('配布数', 'Contacts', 'Contacts sent in the year ending D.'),
  contacts_prev_year: count(
    '前年の配布数',
    'Contacts last year',
    'Contacts sent in the year ending D−365.',
  ),
  contacts_per_active: ratio(
    '一人当り配布回数',
    'Contacts per active customer',
    'contacts / active_customers.',
  ),
  contacts_per_active_prev_year: ratio(
    '前年の一人当り配布回数',
    'Contacts per active customer last year',
    'contacts_prev_year / active_customers_prev_year.',
  ),
  by_channel: z.array(channelIntensitySchema),
  coverage: z.strictObject({
    recent_days: days('直近の日数', 'Recent days', 'settings.distribution.coverage_recent_days.'),
    active: coverageSchema,
    at_risk: coverageSchema,
    at_risk_days: days(
      '離脱予備軍の日数',
      'At-risk days',
      'settings.distribution.at_risk_days: last purchase 365 days to this long ago.',
    ),
  }),
  gini: numberOrNull(
    'ジニ係数',
    'Gini coefficient',
    'Of contacts in the year over active customers, zeros included.',
  ),
  top10_share: rate(
    'contacts',
    '上位10%への集中度',
    'Top-10 % share',
    'Share of those contacts received by the most-contacted 10 % of active customers.',
  ),
  over_contacted: count(
    '配布過多の顧客',
    'Over-contacted customers',
    'Customers (any) with more than the threshold of contacts in the year.',
  ),
  over_contacted_active: count(
    '配布過多の稼働顧客',
    'Over-contacted active customers',
    'Of those, active customers.',
  ),
  over_contacted_threshold: number(
    '配布過多の基準',
    'Over-contacted threshold',
    'settings.distribution.over_contacted_per_year.',
  ),
  response: z.strictObject({
    window_days: days(
      '反応を見る日数',
      'Response window (days)',
      'settings.distribution.response_window_days.',
    ),
    period_start: date(
      '反応期間の開始日',
      'Response period start',
      'Contacts sent from this date on have a complete response window by D.',
    ),
    period_end: date('反応期間の終了日', 'Response period end', 'D − window_days + 1.'),
    by_channel: z.array(responseRowSchema),
    by_campaign: z.array(responseRowSchema),
  }),
});
export type DistributionReport = z.infer<typeof distributionReportSchema>;
