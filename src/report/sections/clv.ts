// clv: customer lifetime value (SPEC §7) in the daily checkup — the purchase model (BG/NBD,
// MBG/NBD or Pareto/NBD) and gamma-gamma fitted on the customers up to D, the model checked on
// held-out weeks, the spread of P(alive) and predicted CLV over customers, and what the active
// base is expected to buy in the next 90 and 365 days (docs/models.md). Below the minimum data
// it says "too few to judge" with the counts and holds no parameters.
import { z } from 'zod';
import {
  code,
  count,
  countOrNull,
  date,
  field,
  flag,
  key,
  map,
  number,
  rate,
  ratio,
  rateKnown,
  wordsSchema,
  yen,
  yenOrNull,
} from '../field.js';

type Words = readonly [ja: string, en: string, doc: string];

/** Customers below which the fit is not attempted (too few to judge). */
export const CLV_MIN_CUSTOMERS = 200;
/** Repeat buyers below which the fit is not attempted: they carry the drop-out and spend. */
export const CLV_MIN_REPEAT_BUYERS = 50;

const wordsOrNull = (...w: Words) => field(wordsSchema.nullable(), 'words', w);
const datetimeOrNull = (...w: Words) => field(z.string().nullable(), 'datetime', w);
const numbersByName = (...w: Words) => map(z.number(), ...w);
const errorsByName = (...w: Words) => map(z.number().nullable(), ...w);

const fitShape = {
  params: numbersByName(
    'パラメータ',
    'Parameters',
    'Maximum-likelihood estimates by name, in the model unit (weeks).',
  ),
  standard_errors: errorsByName(
    '標準誤差',
    'Standard errors',
    'Asymptotic standard error of each parameter from the Hessian; null where it has none.',
  ),
  log_likelihood: number('対数尤度', 'Log-likelihood', 'Total log-likelihood at the estimates.'),
  converged: flag('収束', 'Converged', 'Whether the optimiser met its gradient tolerance.'),
};

export const clvPurchaseFitSchema = z.strictObject(fitShape);

export const clvSpendFitSchema = z.strictObject({
  ...fitShape,
  population_mean_spend: yen(
    '平均購買単価(母集団)',
    'Population mean spend',
    'Mean spend per repeat purchase day the model implies, p·γ/(q−1).',
  ),
});

export const clvTrackingPointSchema = z.strictObject({
  week: count('週', 'Week', 'Weeks since the calibration end.'),
  actual: count(
    '実績の累計購入',
    'Actual (cumulative)',
    'Purchase days of the calibration customers from the calibration end to this week.',
  ),
  expected: number(
    '予測の累計購入',
    'Expected (cumulative)',
    'The calibration model’s expected purchases of the same customers over the same weeks.',
  ),
});

export const clvHoldoutSchema = z.strictObject({
  calibration_end: date(
    '推定期間の終わり',
    'Calibration end',
    'D − weeks × 7: the check model sees purchases up to this day.',
  ),
  weeks: count('検証期間(週)', 'Holdout weeks', 'settings.clv.holdout_weeks.'),
  customers: count(
    '検証の顧客数',
    'Customers checked',
    'Customers with a purchase on or before the calibration end.',
  ),
  params: numbersByName(
    '検証モデルのパラメータ',
    'Check model parameters',
    'The purchase model fitted on the calibration period alone.',
  ),
  actual_purchases: count(
    '実績購入',
    'Actual purchases',
    'Their purchase days after the calibration end, up to D.',
  ),
  expected_purchases: number(
    '予測購入',
    'Expected purchases',
    'The check model’s expected purchases of the same customers in the same weeks.',
  ),
  aggregate_error: ratio(
    '合計の誤差(相対)',
    'Aggregate error',
    '(expected − actual) / actual purchases; null without actual purchases.',
  ),
  mae: number(
    '一人当り絶対誤差',
    'MAE per customer',
    'Mean over the customers of |actual − expected| purchases in the holdout.',
  ),
  tracking: z.array(clvTrackingPointSchema),
});

const decileSchema = (value: 'number' | 'yen', what: string) =>
  z.strictObject({
    decile: count('十分位', 'Decile', '1 lowest … 10 highest (DuckDB ntile over the customers).'),
    customers: count('顧客数', 'Customers', 'Customers in the decile.'),
    min: field(z.number(), value, ['最小', 'Min', `Lowest ${what} in the decile.`]),
    max: field(z.number(), value, ['最大', 'Max', `Highest ${what} in the decile.`]),
    mean: field(z.number(), value, ['平均', 'Mean', `Mean ${what} in the decile.`]),
    total: field(z.number(), value, ['合計', 'Total', `Sum of ${what} over the decile.`]),
  });

/** A cell of P(alive) by repeat purchases × days since the last purchase (domain/models/p-alive-matrix.ts). */
export const clvMatrixCellSchema = z.strictObject({
  frequency_from: count(
    'リピート回数(から)',
    'Repeat purchases from',
    'Lowest repeat-purchase count of the cell.',
  ),
  frequency_to: countOrNull(
    'リピート回数(まで)',
    'Repeat purchases to',
    'Highest repeat-purchase count of the cell; null: no upper end.',
  ),
  days_from: count(
    '最終購入からの日数(から)',
    'Days since last purchase from',
    'Fewest days from the last purchase to D.',
  ),
  days_to: countOrNull(
    '最終購入からの日数(まで)',
    'Days since last purchase to',
    'Most days from the last purchase to D; null: no upper end.',
  ),
  customers: count('顧客数', 'Customers', 'Customers in the cell.'),
  mean_p_alive: field(z.number().nullable(), 'number', [
    '平均P(alive)',
    'Mean P(alive)',
    'Mean P(alive) of the cell’s customers; null for an empty cell.',
  ]),
});

export const clvDistributionSchema = z.strictObject({
  customers: count(
    '顧客数',
    'Customers',
    'Customers with predictions (the rows of customer_value for D).',
  ),
  p_alive: z.array(decileSchema('number', 'P(alive)')),
  customers_with_clv: count(
    'CLVのある顧客数',
    'Customers with a CLV',
    'Customers with a predicted CLV (all, when the spend model was fitted; else none).',
  ),
  clv_365: z.array(decileSchema('yen', 'predicted 365-day CLV')).nullable(),
  p_alive_matrix: z.array(clvMatrixCellSchema).nullable(),
});

export const clvForecastSchema = z.strictObject({
  customers: count('顧客数', 'Customers', 'Customers the forecast sums over (n).'),
  expected_alive: number('生存見込み', 'Expected alive', 'Σ P(alive) over the customers at D.'),
  discount_rate: rateKnown('割引率(年)', 'Discount rate', 'settings.clv.discount_rate.'),
  purchases_90: number(
    '90日の期待購入',
    'Expected purchases, 90 days',
    'Σ expected purchases in (D, D+90].',
  ),
  value_90: yenOrNull(
    '90日の予測価値',
    'Expected value, 90 days',
    'Σ predicted CLV over 90 days (discounted monthly); null without a spend model.',
  ),
  purchases_365: number(
    '365日の期待購入',
    'Expected purchases, 365 days',
    'Σ expected purchases in (D, D+365].',
  ),
  value_365: yenOrNull(
    '365日の予測価値',
    'Expected value, 365 days',
    'Σ predicted CLV over 365 days (discounted monthly); null without a spend model.',
  ),
});

/** P(alive) below which a top-decile customer counts as high value at risk. */
export const AT_RISK_P_ALIVE = 0.5;

export const clvAtRiskSchema = z.strictObject({
  top_decile_customers: count(
    'CLV上位10%の顧客数',
    'Top CLV decile',
    'Customers in the top decile of predicted 365-day CLV (decile 10 of distribution.clv_365).',
  ),
  customers: count(
    '離脱が心配な高価値顧客',
    'High value at risk',
    `Of those, customers with P(alive) < ${AT_RISK_P_ALIVE}.`,
  ),
  share: rate(
    'top_decile_customers',
    '上位10%に占める割合',
    'Share of the top decile',
    'customers / top_decile_customers.',
  ),
  clv_365: yen(
    'その予測価値(365日)',
    'Their predicted value (365 days)',
    'Σ predicted 365-day CLV of those customers.',
  ),
});

export const clvSectionSchema = z.strictObject({
  status: code(
    ['fitted', 'too_few'],
    '判定',
    'Status',
    `fitted: the models were fitted up to D; too_few: fewer than ${CLV_MIN_CUSTOMERS} customers or ${CLV_MIN_REPEAT_BUYERS} repeat buyers, nothing fitted.`,
  ),
  reason: wordsOrNull(
    '理由',
    'Reason',
    'Why nothing was fitted, with the counts (too_few); null when fitted.',
  ),
  customers: count('顧客数', 'Customers', 'Identified customers with a purchase on or before D.'),
  repeat_buyers: count(
    'リピート購入者',
    'Repeat buyers',
    'Of those, customers with purchases on at least two days.',
  ),
  min_customers: count('必要な顧客数', 'Customers needed', 'CLV_MIN_CUSTOMERS.'),
  min_repeat_buyers: count(
    '必要なリピート購入者',
    'Repeat buyers needed',
    'CLV_MIN_REPEAT_BUYERS.',
  ),
  model: code(['bgnbd', 'mbgnbd', 'pareto'], '購買モデル', 'Purchase model', 'settings.clv.model.'),
  unit: key(
    '時間単位',
    'Time unit',
    'The models’ time unit (weeks): rates such as alpha are per it.',
  ),
  fitted_at: datetimeOrNull(
    '推定日時',
    'Fitted at',
    'When the parameters were estimated (UTC); null when nothing was fitted.',
  ),
  fit_reused: flag(
    '推定の再利用',
    'Fit reused',
    'true when the inputs were unchanged since the stored fit of D, so its parameters were reused.',
  ),
  purchase: clvPurchaseFitSchema.nullable(),
  spend: clvSpendFitSchema.nullable(),
  spend_reason: wordsOrNull(
    '購買単価モデルなしの理由',
    'Why no spend model',
    'Why gamma-gamma was not usable (no CLV then); null when it was.',
  ),
  holdout: clvHoldoutSchema.nullable(),
  holdout_reason: wordsOrNull(
    '検証なしの理由',
    'Why no check',
    'Why the holdout check was not run; null when it was.',
  ),
  distribution: clvDistributionSchema.nullable(),
  forecast: clvForecastSchema.nullable(),
  high_value_at_risk: clvAtRiskSchema.nullable(),
});
export type ClvSection = z.infer<typeof clvSectionSchema>;
export type ClvHoldout = z.infer<typeof clvHoldoutSchema>;
export type ClvDistribution = z.infer<typeof clvDistributionSchema>;
export type ClvForecast = z.infer<typeof clvForecastSchema>;
export type ClvAtRisk = z.infer<typeof clvAtRiskSchema>;
