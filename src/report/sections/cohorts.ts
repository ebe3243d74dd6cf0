// cohorts: customers grouped by the month of their first purchase, for the 24 months ending
// with D's; per age in months (0 = the first month): active share, purchases, revenue and the
// cumulative revenue per customer (the historical LTV curve).
import { z } from 'zod';
import { count, month, rate, yen, yenOrNull } from '../field.js';

export const cohortCellSchema = z.strictObject({
  age: count('経過月', 'Age (months)', 'Months since the cohort month (0 = the cohort month).'),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'Cohort customers with a purchase in that month.',
  ),
  active_share: rate(
    'customers',
    '稼働率',
    'Active share',
    'active_customers / the cohort’s customers; null for an empty cohort.',
  ),
  purchases: count('購買回数', 'Purchases', 'Purchases of the cohort in that month.'),
  revenue: yen('売上', 'Revenue', 'Purchases less returns of the cohort in that month.'),
  cumulative_revenue_per_customer: yenOrNull(
    '累計売上/人',
    'Cumulative revenue per customer',
    'Revenue from age 0 to this age / the cohort’s customers.',
  ),
});
export type CohortCell = z.infer<typeof cohortCellSchema>;

export const cohortSchema = z.strictObject({
  cohort: month('コホート(初回購入月)', 'Cohort', 'The month of the first purchase.'),
  customers: count('顧客数', 'Customers', 'Customers whose first purchase fell in the month.'),
  cells: z.array(cohortCellSchema),
});
export type Cohort = z.infer<typeof cohortSchema>;
export const cohortsSchema = z.array(cohortSchema);
