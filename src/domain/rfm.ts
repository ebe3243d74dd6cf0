// RFM (SPEC §5): how R, F and M become scores 1–5, and the R×F map from scores to named
// segments. Pure data and rules; the store renders the same rules as SQL (store/metrics/rfm.ts),
// and the tests check that both agree.

import type { RfmMethod, RfmSegmentId } from '../report/index.js';
import { addDays, monthOf } from './dates.js';

export type { RfmMethod, RfmSegmentId };

export interface RfmSegmentInfo {
  id: RfmSegmentId;
  name_ja: string;
  name_en: string;
  description_ja: string;
  description_en: string;
}

/** The named segments, best first (the order reports list them in). */
export const RFM_SEGMENTS: readonly RfmSegmentInfo[] = [
  {
    id: 'champions',
    name_ja: '優良顧客',
    name_en: 'Champions',
    description_ja: '最近購入し、購入回数も最も多い顧客',
    description_en: 'Bought recently and most often',
  },
  {
    id: 'loyal',
    name_ja: 'ロイヤル顧客',
    name_en: 'Loyal',
    description_ja: '購入回数が多く、比較的最近も購入している顧客',
    description_en: 'Buy often, fairly recently',
  },
  {
    id: 'potential_loyalist',
    name_ja: 'ロイヤル予備軍',
    name_en: 'Potential loyalist',
    description_ja: '最近、数回購入した顧客。育てればロイヤル顧客になる',
    description_en: 'Recent customers with a few purchases',
  },
  {
    id: 'new',
    name_ja: '新規顧客',
    name_en: 'New',
    description_ja: 'ごく最近、初めて購入した顧客',
    description_en: 'Bought for the first time very recently',
  },
  {
    id: 'promising',
    name_ja: '有望顧客',
    name_en: 'Promising',
    description_ja: '最近購入したが、回数はまだ少ない顧客',
    description_en: 'Recent, but few purchases yet',
  },
  {
    id: 'need_attention',
    name_ja: '要注意顧客',
    name_en: 'Need attention',
    description_ja: '最近度も回数も中程度。放置すると離れていく顧客',
    description_en: 'Middle recency and frequency; will drift away if ignored',
  },
  {
    id: 'about_to_sleep',
    name_ja: '休眠予備軍',
    name_en: 'About to sleep',
    description_ja: 'しばらく購入がなく、回数も少ない顧客',
    description_en: 'Not bought for a while, few purchases',
  },
  {
    id: 'at_risk',
    name_ja: '離脱危惧',
    name_en: 'At risk',
    description_ja: '以前はよく購入していたが、しばらく購入がない顧客',
    description_en: 'Used to buy often, not for a long time',
  },
  {
    id: 'cant_lose',
    name_ja: '手放せない顧客',
    name_en: "Can't lose",
    description_ja: '最も多く購入していた顧客が離れかけている',
    description_en: 'Former best customers slipping away',
  },
  {
    id: 'hibernating',
    name_ja: '休眠',
    name_en: 'Hibernating',
    description_ja: '長く購入がなく、回数も少ない顧客',
    description_en: 'Long since the last purchase, few purchases',
  },
  {
    id: 'lost',
    name_ja: '離脱',
    name_en: 'Lost',
    description_ja: '最近度も回数も最低の顧客',
    description_en: 'Lowest recency and frequency',
  },
];

/**
 * The R×F map: RF_MAP[5 − r][f − 1] is the segment of R score r and F score f. This is the
 * widely used 5×5 map (champions 5/4–5, loyal 3–4/4–5, potential loyalist 4–5/2–3, new 5/1,
 * promising 4/1, need attention 3/3, about to sleep 3/1–2, at risk 1–2/3–4, can't lose
 * 1–2/5, hibernating 1–2/1–2) with one refinement: the bottom-left cell 1/1 is "lost".
 */
export const RF_MAP: readonly (readonly RfmSegmentId[])[] = [
  /* R=5 */ ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
  /* R=4 */ ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
  /* R=3 */ ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  /* R=2 */ ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  /* R=1 */ ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
];

/** Returns the named segment of an R score and an F score (each 1–5). */
export function segmentOf(r: number, f: number): RfmSegmentId {
  if (![r, f].every((s) => Number.isInteger(s) && s >= 1 && s <= 5))
    throw new RangeError(`RFM score out of 1–5: ${r}, ${f}`);
  return RF_MAP[5 - r][f - 1];
}

/** Returns the segment's names and descriptions, or undefined for an unknown id. */
export function rfmSegmentInfo(id: string): RfmSegmentInfo | undefined {
  return RFM_SEGMENTS.find((s) => s.id === id);
}

/**
 * How a value becomes a score, given four ascending cuts c1 ≤ c2 ≤ c3 ≤ c4.
 * band = number of cuts below the value (0–4); a value equal to a cut falls in the band below
 * it when `cut_in_upper_band` is false, above it when true. The score is 1 + band when higher
 * values are better (F, M) and 5 − band when lower values are better (R, in days).
 * Because the score depends only on the value, equal values always get equal scores.
 */
export interface ScoreRule {
  higher_is_better: boolean;
  cut_in_upper_band: boolean;
}

/**
 * Returns the score rules of R, F and M for a method.
 * Quintile: the cuts are the 20/40/60/80 % quantiles and a value equal to a cut belongs to the
 * band below it (so v ≤ q20 is the lowest F band and the best R band).
 * Fixed: settings give R as upper bounds for scores 5,4,3,2 (v ≤ bound) and F, M as lower
 * bounds for scores 2,3,4,5 (v ≥ bound), as written in settings.rfm.
 */
export function scoreRules(method: RfmMethod): { r: ScoreRule; f: ScoreRule; m: ScoreRule } {
  const upward: ScoreRule = { higher_is_better: true, cut_in_upper_band: method === 'fixed' };
  return { r: { higher_is_better: false, cut_in_upper_band: false }, f: upward, m: upward };
}

/** Returns the score 1–5 of `value` under four ascending `cuts` and a rule (the SQL does the same). */
export function scoreValue(value: number, cuts: readonly number[], rule: ScoreRule): number {
  const band = cuts.filter((c) => (rule.cut_in_upper_band ? c <= value : c < value)).length;
  return rule.higher_is_better ? 1 + band : 5 - band;
}

/** The quantiles the quintile method cuts at. */
export const QUINTILE_PROBS = [0.2, 0.4, 0.6, 0.8] as const;

/**
 * Returns the quantile_cont cut points of `values` at 20/40/60/80 %, rounded to 4 decimals as
 * the SQL does (linear interpolation between the order statistics, like DuckDB's quantile_cont).
 * Used by tests and documentation; reports compute the cuts in SQL.
 */
export function quintileCuts(values: readonly number[]): number[] | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return QUINTILE_PROBS.map((p) => {
    const pos = (s.length - 1) * p;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, s.length - 1);
    return Math.round((s[lo] + (s[hi] - s[lo]) * (pos - lo)) * 1e4) / 1e4;
  });
}

/**
 * Purchasers a month-end estimate needs before its quintiles score anyone: below it (a business
 * in its first weeks) fifths are noise, and the as-of date's own purchasers are used instead.
 */
export const MIN_REFERENCE_CUSTOMERS = 50;

/**
 * Returns the date whose purchasers' quintiles score as-of D (issue 14): the last day of the
 * month before D's. Every D of a month shares it, so the cuts move once a month, not with each
 * customer who arrives; it is before D, so a backtest of D sees only data up to D.
 */
export function cutSetDate(asOf: string): string {
  return addDays(`${monthOf(asOf)}-01`, -1);
}
