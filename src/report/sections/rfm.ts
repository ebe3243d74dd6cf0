// rfm: RFM as of D (SPEC §5) — cut points of the scores, the R×F grid, the M scores and the
// named segments (docs/segments.md).
import { z } from 'zod';
import {
  code,
  count,
  countOrNull,
  date,
  dateOrNull,
  days,
  field,
  numberOrNull,
  rate,
  score,
  text,
  yen,
  yenOrNull,
} from '../field.js';

/** The named segments, best first. */
export const RFM_SEGMENT_IDS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegmentId = (typeof RFM_SEGMENT_IDS)[number];
export const RFM_METHODS = ['quintile', 'fixed'] as const;
export type RfmMethod = (typeof RFM_METHODS)[number];
/**
 * Where the cut points come from (docs/metrics.md, RFM): month_end, the quintiles of the
 * purchasers as of the last day of the month before D (re-estimated once a month); as_of, the
 * quintiles of D's own purchasers (too few purchasers at that month end); fixed, settings.rfm.
 */
export const RFM_CUT_BASES = ['month_end', 'as_of', 'fixed'] as const;
export type RfmCutBasis = (typeof RFM_CUT_BASES)[number];

export const rfmCutSetSchema = z.strictObject({
  basis: code(
    RFM_CUT_BASES,
    '区切りの根拠',
    'Cut basis',
    'month_end: quintiles as of the last day of the previous month; as_of: quintiles as of D (too few purchasers at that month end); fixed: settings.rfm.',
  ),
  estimated_as_of: dateOrNull(
    '区切りの推定基準日',
    'Cuts estimated as of',
    'The date whose purchasers the quintiles were computed over (data up to that date only); null for fixed cuts.',
  ),
  customers: countOrNull(
    '区切りの推定に使った顧客数',
    'Customers behind the cuts',
    'Purchasers as of estimated_as_of the quintiles were computed over; null for fixed cuts.',
  ),
});
export type RfmCutSetInfo = z.infer<typeof rfmCutSetSchema>;

const cuts = (ja: string, en: string, doc: string) =>
  field(z.array(z.number()).nullable(), 'number', [ja, en, doc]);

export const rfmCellSchema = z.strictObject({
  r_score: score('Rスコア', 'R score', 'Recency score, 5 the most recent.'),
  f_score: score('Fスコア', 'F score', 'Frequency score, 5 the most frequent.'),
  customers: count('顧客数', 'Customers', 'Customers in the cell.'),
  revenue: yen('売上', 'Revenue', 'Sum of M of the cell’s customers.'),
});
export type RfmCell = z.infer<typeof rfmCellSchema>;

export const rfmSegmentRowSchema = z.strictObject({
  segment: code(RFM_SEGMENT_IDS, 'セグメント', 'Segment', 'The segment id (docs/segments.md).'),
  name_ja: text('セグメント名(日本語)', 'Segment name (ja)', 'The segment’s Japanese name.'),
  name_en: text('セグメント名(英語)', 'Segment name (en)', 'The segment’s English name.'),
  customers: count('顧客数', 'Customers', 'Customers in the segment.'),
  revenue: yen('売上', 'Revenue', 'Sum of M of the segment’s customers.'),
  share_customers: rate(
    'customers',
    '顧客構成比',
    'Share of customers',
    'customers / all scored customers.',
  ),
  share_revenue: rate('revenue', '売上構成比', 'Share of revenue', 'revenue / all scored revenue.'),
  avg_r_days: numberOrNull(
    '平均経過日数(R)',
    'Average recency (days)',
    'Mean days since the last purchase; null when empty.',
  ),
  avg_f: numberOrNull('平均購買回数(F)', 'Average frequency', 'Mean purchases; null when empty.'),
  avg_m: yenOrNull('平均購買金額(M)', 'Average monetary', 'Mean M; null when empty.'),
});
export type RfmSegmentRow = z.infer<typeof rfmSegmentRowSchema>;

export const rfmReportSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'D.'),
  method: code(
    RFM_METHODS,
    'スコアの方法',
    'Scoring method',
    'quintile (the business’s own fifths) or fixed (settings.rfm bounds).',
  ),
  monetary_window_days: days(
    'Mの集計期間(日)',
    'Monetary window (days)',
    '0: M is lifetime; otherwise M sums purchases in the last N days up to D.',
  ),
  customers: count(
    '顧客数',
    'Customers',
    'Customers with a purchase on or before D (everyone scored).',
  ),
  revenue: yen('売上', 'Revenue', 'Sum of M over them.'),
  cut_points: z.strictObject({
    recency_days: cuts(
      '最終購買からの日数の区切り',
      'Recency cuts (days)',
      'The four cuts of R, ascending; null without purchasers.',
    ),
    frequency: cuts(
      '購買回数の区切り',
      'Frequency cuts',
      'The four cuts of F, ascending; null without purchasers.',
    ),
    monetary: cuts(
      '累計購買金額の区切り',
      'Monetary cuts',
      'The four cuts of M, ascending; null without purchasers.',
    ),
  }),
  /**
   * The cut set the scores used. Optional: a report stored before it existed is read with it
   * filled by the upgrade (its cuts were the quintiles as of D).
   */
  cut_set: rfmCutSetSchema.nullable().optional(),
  /** 25 cells, R 5→1 then F 1→5, zeros included. */
  grid: z.array(rfmCellSchema),
  m_scores: z.array(
    z.strictObject({
      m_score: score('Mスコア', 'M score', 'Monetary score, 5 the highest.'),
      customers: count('顧客数', 'Customers', 'Customers with this M score.'),
      revenue: yen('売上', 'Revenue', 'Sum of their M.'),
    }),
  ),
  /** Every named segment, best first, zeros included. */
  segments: z.array(rfmSegmentRowSchema),
});
export type RfmReport = z.infer<typeof rfmReportSchema>;
