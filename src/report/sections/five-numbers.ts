// five_numbers and five_numbers_by_month: the monthly five numbers of SPEC §4 (seed 000) for
// the 13 months ending with the month of D; the month of D is counted to date.
import { z } from 'zod';
import { count, flag, month, yen, yenOrNull } from '../field.js';

export const fiveNumbersCountsSchema = z.strictObject({
  month: month('月', 'Month', 'The calendar month.'),
  month_to_date: flag('月途中', 'Month to date', 'The month is cut at D.'),
  total_customers: count(
    '総顧客数',
    'Total customers',
    'Customers with a first service (any non-cancelled order) by the end of the month.',
  ),
  existing_customers: count(
    '既存顧客数',
    'Existing customers',
    'Buyers of the month whose first purchase was before it.',
  ),
  new_customers: count(
    '新規顧客数',
    'New customers',
    'Buyers of the month whose first purchase was in it.',
  ),
  existing_avg_spend: yenOrNull(
    '既存顧客単価',
    'Existing customers’ average spend',
    'existing_revenue / existing_customers; null without existing buyers.',
  ),
  new_avg_spend: yenOrNull(
    '新規顧客単価',
    'New customers’ average spend',
    'new_revenue / new_customers; null without new buyers.',
  ),
  existing_revenue: yen(
    '既存顧客売上',
    'Existing customers’ revenue',
    'Purchases of existing buyers in the month.',
  ),
  new_revenue: yen(
    '新規顧客売上',
    'New customers’ revenue',
    'Purchases of new buyers in the month.',
  ),
  revenue: yen('売上', 'Revenue', 'All identified purchase revenue of the month (existing + new).'),
});
export type FiveNumbersCounts = z.infer<typeof fiveNumbersCountsSchema>;
export const fiveNumbersByMonthSchema = z.array(fiveNumbersCountsSchema);
