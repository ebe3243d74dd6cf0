// projection: "if this continues" (SPEC §7) — the inputs fitted on the business's own year
// ending D, the model fit (seed 003's cohort model with reactivation), and years 0–5 with a
// low–high band (docs/models.md).
import { z } from 'zod';
import { count, field, number, rate, rateKnown, yen, yenOrNull } from '../field.js';

const numbers = (ja: string, en: string, doc: string) =>
  field(z.array(z.number()), 'number', [ja, en, doc]);

export const tenureSpendSchema = z.strictObject({
  tenure_year: count(
    '継続年数(年目)',
    'Tenure year',
    'Tenure year k at D: 1 for customers whose first purchase was in the year ending D.',
  ),
  active_customers: count('稼働顧客数', 'Active customers', 'Active customers of that tenure.'),
  revenue: yen('売上', 'Revenue', 'Their revenue in the year ending D.'),
  annual_spend_per_active: yenOrNull(
    '一人当り年間購買額',
    'Annual spend per active customer',
    'revenue / active_customers.',
  ),
});
export type TenureSpend = z.infer<typeof tenureSpendSchema>;

export const projectionInputsSchema = z.strictObject({
  by_tenure: z.array(tenureSpendSchema),
  new_customers_last_year: count(
    '新規顧客数(今年)',
    'New customers this year',
    'First purchase in the year ending D.',
  ),
  new_customers_prev_year: count(
    '新規顧客数(前年)',
    'New customers last year',
    'First purchase in the year ending D−365.',
  ),
  dormant_customers: count(
    '休眠顧客数',
    'Dormant customers',
    'Customers who ever bought but were active neither this year nor last.',
  ),
  reactivation_rate: rate(
    'dormant_customers',
    '休眠顧客の復活率',
    'Reactivation rate',
    'Reactivated this year / the dormant pool at the start of the year.',
  ),
  reactivated_spend_per_customer: yenOrNull(
    '復活顧客の年間購買額',
    'Spend per reactivated customer',
    'Annual spend of a reactivated customer in the year ending D.',
  ),
});
export type ProjectionInputs = z.infer<typeof projectionInputsSchema>;

export const projectionFitSchema = z.strictObject({
  active_by_tenure: numbers(
    '継続年数別の稼働顧客数',
    'Active customers by tenure',
    'Active customers at D by tenure year 1, 2, ….',
  ),
  retention_by_tenure: numbers(
    '継続年数別の維持率',
    'Retention by tenure',
    'Retention from tenure year k into k+1, for k = 1, 2, …; the last repeats.',
  ),
  annual_ltv_by_tenure: numbers(
    '継続年数別の年間LTV',
    'Annual LTV by tenure',
    'Annual spend per active customer by tenure year; the last repeats.',
  ),
  new_customers_per_year: number(
    '年間の新規顧客数',
    'New customers per year',
    'The last year’s new customers.',
  ),
  dormant_customers: number('休眠顧客数', 'Dormant customers', 'The dormant pool at D.'),
  reactivation_rate: rateKnown(
    '休眠顧客の復活率',
    'Reactivation rate',
    'Share of the dormant pool that comes back each year (0 when unknown).',
  ),
  reactivated_annual_spend: yen(
    '復活顧客の年間購買額',
    'Reactivated annual spend',
    'Annual spend of a reactivated customer (0 when unknown).',
  ),
  retention_uncertainty: number(
    '維持率の幅(±ポイント)',
    'Retention uncertainty',
    'Half-width of the band in retention points.',
  ),
  new_customers_uncertainty: number(
    '新規顧客数の幅(±人)',
    'New-customer uncertainty',
    'Half-width of the band in new customers.',
  ),
});
export type ProjectionFit = z.infer<typeof projectionFitSchema>;

export const projectionYearSchema = z.strictObject({
  year: count('年', 'Year', '0 is the year ending D (the model’s fit of today), 1… years ahead.'),
  active_customers: number(
    '稼働顧客数',
    'Active customers',
    'Modelled active customers at the end of the year.',
  ),
  revenue: yen('年商', 'Revenue', 'Modelled revenue of the year.'),
  active_low: number('稼働顧客数(下限)', 'Active customers (low)', 'The band’s pessimistic end.'),
  active_high: number('稼働顧客数(上限)', 'Active customers (high)', 'The band’s optimistic end.'),
  revenue_low: yen('年商(下限)', 'Revenue (low)', 'The band’s pessimistic end.'),
  revenue_high: yen('年商(上限)', 'Revenue (high)', 'The band’s optimistic end.'),
});
export type ProjectionYear = z.infer<typeof projectionYearSchema>;

export const projectionSectionSchema = z.strictObject({
  inputs: projectionInputsSchema,
  fit: projectionFitSchema,
  /** Year 0 = the year ending D as modelled; 1–5 ahead "if this continues". */
  years: z.array(projectionYearSchema),
});
export type ProjectionSection = z.infer<typeof projectionSectionSchema>;
