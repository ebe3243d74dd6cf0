// ladder: the customer ladder as of D (SPEC §5, seeds 001 and 004) — people per level,
// conversion between adjacent levels by cohort, time to convert, lead conversion, and each
// customer level's retention and annual LTV (docs/segments.md).
import { z } from 'zod';
import {
  code,
  count,
  date,
  days,
  daysOrNull,
  flag,
  level,
  month,
  rate,
  text,
  yen,
  yenOrNull,
} from '../field.js';

export const LADDER_STAGE_IDS = [
  'prospect',
  'first_purchase',
  'repeat',
  'loyal',
  'advocate',
] as const;
export type LadderStage = (typeof LADDER_STAGE_IDS)[number];
export const LADDER_STEP_IDS = ['f1_to_f2', 'f2_to_loyal'] as const;
export type LadderStep = (typeof LADDER_STEP_IDS)[number];

const stage = () =>
  code(
    LADDER_STAGE_IDS,
    'ステージ',
    'Stage',
    'prospect, first_purchase, repeat, loyal or advocate.',
  );
const step = () =>
  code(LADDER_STEP_IDS, 'ステップ', 'Step', 'f1_to_f2 (first → second purchase) or f2_to_loyal.');
const horizon = () => days('期間(日)', 'Horizon (days)', 'Days allowed to reach the next level.');

export const ladderLevelRowSchema = z.strictObject({
  level: level('段階', 'Level', 'The ladder level (0.1–0.9 prospects, 1.0–1.3 customers).'),
  stage: stage(),
  name_ja: text('ステージ名(日本語)', 'Stage name (ja)', 'The stage’s Japanese name.'),
  name_en: text('ステージ名(英語)', 'Stage name (en)', 'The stage’s English name.'),
  people: count('人数', 'People', 'People at this level as of D (zeros included).'),
});
export type LadderLevelRow = z.infer<typeof ladderLevelRowSchema>;

export const ladderConversionRowSchema = z.strictObject({
  step: step(),
  cohort_month: month(
    'コホート月',
    'Cohort month',
    'Month the members reached the step’s lower level.',
  ),
  horizon_days: horizon(),
  base: count('母数', 'Base', 'Members of the cohort.'),
  converted: count('転換', 'Converted', 'Members who reached the next level within horizon_days.'),
  rate: rate('base', '率', 'Rate', 'converted / base; a lower bound while not complete.'),
  complete: flag('確定', 'Complete', 'The horizon has fully elapsed for every member by D.'),
});
export type LadderConversionRow = z.infer<typeof ladderConversionRowSchema>;

export const ladderConversionTotalSchema = z.strictObject({
  step: step(),
  horizon_days: horizon(),
  cohorts: count('コホート数', 'Cohorts', 'Complete cohorts counted.'),
  base: count('母数', 'Base', 'Members of those cohorts.'),
  converted: count('転換', 'Converted', 'Of those, members who converted within the horizon.'),
  rate: rate('base', '率', 'Rate', 'converted / base over complete cohorts only.'),
});
export type LadderConversionTotal = z.infer<typeof ladderConversionTotalSchema>;

export const ladderLevelStatsSchema = z.strictObject({
  level: level('段階', 'Level', 'A customer level 1.0–1.3.'),
  stage: stage(),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'Members at this level as of D with a purchase in the year ending D.',
  ),
  annual_revenue: yen(
    '年商',
    'Annual revenue',
    'Revenue events of this level’s members in the year ending D.',
  ),
  annual_ltv: yenOrNull('年間LTV', 'Annual LTV', 'annual_revenue / active_customers.'),
  retention_base: count(
    '維持率の母数',
    'Retention base',
    'Members at this level as of D−365 who bought in the year ending D−365.',
  ),
  retention_retained: count(
    '維持した顧客',
    'Retained',
    'Of those, customers who bought in the year ending D.',
  ),
  retention_rate: rate(
    'retention_base',
    '顧客維持率',
    'Retention rate',
    'retention_retained / retention_base.',
  ),
});
export type LadderLevelStats = z.infer<typeof ladderLevelStatsSchema>;

export const ladderReportSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'D.'),
  loyal_min_purchases: count(
    '常連の購買回数',
    'Purchases to be loyal',
    'settings.ladder.loyal_min_purchases.',
  ),
  horizons_days: z.array(horizon()),
  prospects: count('見込み客', 'Prospects', 'People below level 1.0.'),
  customers: count('顧客数', 'Customers', 'People at level 1.0 or above.'),
  /** Every configured level (zeros included), lowest first. */
  levels: z.array(ladderLevelRowSchema),
  conversion: z.array(ladderConversionRowSchema),
  /** Per step and horizon over complete cohorts only. */
  conversion_totals: z.array(ladderConversionTotalSchema),
  median_days: z.strictObject({
    f1_to_f2: daysOrNull(
      '初回→2回目(中央値)',
      'First → second (median days)',
      'Median days over everyone who converted by D.',
    ),
    f2_to_loyal: daysOrNull(
      '2回目→常連(中央値)',
      'Second → loyal (median days)',
      'Median days over everyone who converted by D.',
    ),
    lead_to_first_purchase: daysOrNull(
      '見込み客→初回購入(中央値)',
      'Lead → first purchase (median days)',
      'Median days over leads who bought by D.',
    ),
  }),
  lead_conversion: z.strictObject({
    leads: count(
      '見込み客',
      'Leads',
      'Leads created by D (a customer who had bought before is not one).',
    ),
    converted: count('転換', 'Converted', 'Leads with a first purchase by D.'),
    rate: rate('leads', '率', 'Rate', 'converted / leads.'),
    within: z.array(
      z.strictObject({
        horizon_days: horizon(),
        base: count('母数', 'Base', 'Leads created at least horizon_days before D.'),
        converted: count('転換', 'Converted', 'Of those, leads converted within horizon_days.'),
        rate: rate('base', '率', 'Rate', 'converted / base.'),
      }),
    ),
  }),
  /** Customer levels 1.0–1.3. */
  level_stats: z.array(ladderLevelStatsSchema),
});
export type LadderReport = z.infer<typeof ladderReportSchema>;
