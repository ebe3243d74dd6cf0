// purchase: the purchase diagnosis (SPEC §6 B) as of D — purchases, order value and purchase
// days per active customer this year and last, discount shares, customers overdue against their
// own purchase interval, and discount-acquired customers against the rest
// (docs/metrics-purchase-distribution-audit.md).
import { z } from 'zod';
import {
  count,
  countChange,
  date,
  daysOrNull,
  number,
  numberOrNull,
  rate,
  ratio,
  yen,
  yenOrNull,
} from '../field.js';

export const purchaseYearSchema = z.strictObject({
  window_start: date('期間の開始日', 'Window start', 'First day of the year.'),
  window_end: date('期間の終了日', 'Window end', 'Last day of the year.'),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'Identified customers with a purchase in the year.',
  ),
  purchases: count(
    '購買回数',
    'Purchases',
    'Purchase orders of identified customers in the window.',
  ),
  purchase_days: count(
    '購買日数',
    'Purchase days',
    'Distinct (customer, date) pairs with a purchase.',
  ),
  purchase_amount: yen(
    '購買金額',
    'Purchase amount',
    'Sum of purchase amounts (returns not deducted: a return is not an order).',
  ),
  purchases_per_active: ratio(
    '一人当り購買回数',
    'Purchases per active customer',
    'purchases / active_customers.',
  ),
  average_order_value: yenOrNull(
    '平均注文単価',
    'Average order value',
    'purchase_amount / purchases.',
  ),
  purchase_days_per_active: ratio(
    '一人当り購買日数',
    'Purchase days per active customer',
    'purchase_days / active_customers.',
  ),
  discounted_purchases: count(
    '値引き購買数',
    'Discounted purchases',
    'Purchases with discount_amount > 0 or a coupon code.',
  ),
  discounted_amount: yen('値引き購買金額', 'Discounted amount', 'Their purchase amount.'),
  discount_purchase_share: rate(
    'purchases',
    '値引き購買の割合',
    'Discounted share of purchases',
    'discounted_purchases / purchases.',
  ),
  discount_amount_share: rate(
    'purchase_amount',
    '値引き金額の割合',
    'Discounted share of amount',
    'discounted_amount / purchase_amount.',
  ),
});
export type PurchaseYear = z.infer<typeof purchaseYearSchema>;

export const overdueSnapshotSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'The date of the snapshot (D or D−365).'),
  repeat_customers: count(
    'リピート顧客',
    'Repeat customers',
    'Customers with ≥ 2 purchase days and a purchase in the two years ending as_of.',
  ),
  overdue_customers: count(
    '遅れている顧客',
    'Overdue customers',
    'Of those, days since the last purchase > interval_multiple × their own mean interval.',
  ),
  overdue_active: count(
    '遅れている稼働顧客',
    'Overdue active customers',
    'Overdue customers still active at as_of.',
  ),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'Customers with a purchase in the year ending as_of.',
  ),
  overdue_share: rate(
    'active_customers',
    '遅れの割合',
    'Overdue share',
    'overdue_active / active_customers.',
  ),
  median_f2_days: daysOrNull(
    '2回目購入までの日数(中央値)',
    'Median days to a second purchase',
    'Median days from the first to the second purchase day, over customers with one by as_of.',
  ),
  single_purchase_customers: count(
    '1回購入の顧客',
    'Single-purchase customers',
    'Customers with exactly one purchase day, bought in the two years ending as_of.',
  ),
  single_past_median_f2: count(
    '中央値を過ぎた1回購入顧客',
    'Single-purchase customers past the median',
    'Of those, days since that purchase > median_f2_days.',
  ),
});
export type OverdueSnapshot = z.infer<typeof overdueSnapshotSchema>;

export const discountGroupSchema = z.strictObject({
  new_customers: count('新規顧客数', 'New customers', 'First purchase day in the year ending D.'),
  cohort_customers: count(
    'コホート顧客数',
    'Cohort customers',
    'First purchase day in the year ending D−365 (their 365 days have elapsed).',
  ),
  f2_within_365: count(
    '365日以内に2回目',
    'Second purchase within 365 days',
    'Cohort customers with a second purchase day within 364 days of the first.',
  ),
  f2_rate: rate(
    'cohort_customers',
    'F2転換率(1年以内)',
    'F2 rate',
    'f2_within_365 / cohort_customers.',
  ),
  retained: count(
    '維持した顧客',
    'Retained',
    'Cohort customers with a purchase in the year ending D.',
  ),
  retention_rate: rate(
    'cohort_customers',
    '顧客維持率',
    'Retention rate',
    'retained / cohort_customers.',
  ),
});
export type DiscountGroup = z.infer<typeof discountGroupSchema>;

export const discountEarlyGroupSchema = z.strictObject({
  customers: count(
    '新規顧客数',
    'New customers',
    'First purchase day in [cohort_start, cohort_end], each watched from it to D.',
  ),
  repeated: count(
    '2回目購入あり',
    'Repeated',
    'Of those, customers with a second purchase day by D (the others are censored at D).',
  ),
  repeated_by_90: rate(
    'customers',
    '90日以内の2回目購入率(KM)',
    'Repeated within 90 days (KM)',
    '1 − the Kaplan–Meier curve at 90 days: the share with a second purchase day within 90 days, censoring counted.',
  ),
});
export type DiscountEarlyGroup = z.infer<typeof discountEarlyGroupSchema>;

export const discountEarlySchema = z.strictObject({
  cohort_start: date('コホートの開始日', 'Cohort start', 'D − 364.'),
  cohort_end: date('コホートの終了日', 'Cohort end', 'D.'),
  discounted: discountEarlyGroupSchema,
  other: discountEarlyGroupSchema,
  log_rank: z.strictObject({
    observed: count(
      '割引獲得の2回目購入(実測)',
      'Observed second purchases (discounted)',
      'Second purchases of the discount-acquired group.',
    ),
    expected: number(
      '割引獲得の2回目購入(期待値)',
      'Expected second purchases (discounted)',
      'The same expected were both groups alike (log-rank).',
    ),
    z: number(
      'ログランク z',
      'Log-rank z',
      '(observed − expected) / √variance: negative when the discounted repeat more slowly.',
    ),
    chi2: number('ログランク χ²', 'Log-rank χ²', 'z², χ² with 1 degree of freedom.'),
    p: numberOrNull('p値', 'p-value', 'Two-sided p of χ² (1 df); null when a group is empty.'),
  }),
});
export type DiscountEarly = z.infer<typeof discountEarlySchema>;

export const purchaseReportSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'D.'),
  current: purchaseYearSchema,
  previous: purchaseYearSchema,
  overdue: z.strictObject({
    interval_multiple: number(
      '遅れの倍率',
      'Interval multiple',
      'settings.overdue.interval_multiple.',
    ),
    current: overdueSnapshotSchema,
    previous: overdueSnapshotSchema,
    change: countChange(
      '遅れている顧客の増減',
      'Change in overdue customers',
      'current.overdue_customers − previous.overdue_customers (the "overdue rise").',
    ),
  }),
  discount_acquired: z.strictObject({
    cohort_start: date('コホートの開始日', 'Cohort start', 'D − 729.'),
    cohort_end: date('コホートの終了日', 'Cohort end', 'D − 365.'),
    /** First purchase day had a discounted purchase. */
    discounted: discountGroupSchema,
    other: discountGroupSchema,
  }),
  /** Absent in reports stored before issue 14. */
  discount_early: discountEarlySchema.optional(),
});
export type PurchaseReport = z.infer<typeof purchaseReportSchema>;
