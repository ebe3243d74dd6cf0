// The clv section's pure steps: whether there is enough data to fit, the words when there is
// not, the tracking points of the holdout check, and the section assembled from the fitted
// models (domain/models/clv-report.ts) and the figures the store computed over the customers.
import type { ClvReport, PurchaseModelName } from '../domain/models/clv-report.js';
import type { FitInfo } from '../domain/models/types.js';
import {
  CLV_MIN_CUSTOMERS,
  CLV_MIN_REPEAT_BUYERS,
  type ClvDistribution,
  type ClvAtRisk,
  type ClvForecast,
  type ClvHoldout,
  type ClvSection,
} from '../report/index.js';

type Words = { ja: string; en: string };

/** Customers and repeat buyers (frequency > 0) of distinct triples with weights. */
export interface BaseCounts {
  customers: number;
  repeat_buyers: number;
}

/** Returns the customers and repeat buyers behind the triples. */
export function baseCounts(t: { frequency: number[]; weight: number[] }): BaseCounts {
  let customers = 0;
  let repeat = 0;
  for (let i = 0; i < t.frequency.length; i++) {
    customers += t.weight[i];
    if (t.frequency[i] > 0) repeat += t.weight[i];
  }
  return { customers, repeat_buyers: repeat };
}

/** Returns true when the counts are enough to fit (CLV_MIN_CUSTOMERS and CLV_MIN_REPEAT_BUYERS). */
export function enoughToFit(c: BaseCounts): boolean {
  return c.customers >= CLV_MIN_CUSTOMERS && c.repeat_buyers >= CLV_MIN_REPEAT_BUYERS;
}

/** Returns "too few to judge" with the counts and what is needed; `what` says of which data. */
export function tooFewWords(c: BaseCounts, what?: { ja: string; en: string }): Words {
  return {
    ja: `${what ? what.ja : ''}判断するには少なすぎます: 顧客 ${c.customers} 人（必要 ${CLV_MIN_CUSTOMERS} 人）、リピート購入者 ${c.repeat_buyers} 人（必要 ${CLV_MIN_REPEAT_BUYERS} 人）`,
    en: `${what ? what.en : ''}Too few to judge: ${c.customers} customers (${CLV_MIN_CUSTOMERS} needed) and ${c.repeat_buyers} repeat buyers (${CLV_MIN_REPEAT_BUYERS} needed)`,
  };
}

/** The data before the holdout is too small to check the model on. */
export const HOLDOUT_TOO_FEW = {
  ja: '検証期間より前のデータでは',
  en: 'Before the holdout weeks: ',
};

/** Most weekly points a tracking series holds (a longer holdout is sampled evenly, ending on its last week). */
export const MAX_TRACKING_POINTS = 52;

/** Returns the weeks 1…`weeks` the tracking series shows: every week, or every n-th up to the last. */
export function trackingWeeks(weeks: number): number[] {
  const step = Math.ceil(weeks / MAX_TRACKING_POINTS);
  const out: number[] = [];
  for (let w = step; w < weeks; w += step) out.push(w);
  out.push(weeks);
  return out;
}

/** Returns the cumulative counts at `weeks` of purchases given by week (weeks without any absent). */
export function cumulativeAt(
  byWeek: { week: number[]; purchases: number[] },
  weeks: number[],
): number[] {
  return weeks.map((w) =>
    byWeek.week.reduce((s, wk, i) => (wk <= w ? s + byWeek.purchases[i] : s), 0),
  );
}

/** Returns the section when there is too little data: the counts and the reason, nothing fitted. */
export function tooFewSection(c: BaseCounts, model: PurchaseModelName): ClvSection {
  return {
    status: 'too_few',
    reason: tooFewWords(c),
    ...c,
    min_customers: CLV_MIN_CUSTOMERS,
    min_repeat_buyers: CLV_MIN_REPEAT_BUYERS,
    model,
    unit: 'weeks',
    fitted_at: null,
    fit_reused: false,
    purchase: null,
    spend: null,
    spend_reason: null,
    holdout: null,
    holdout_reason: null,
    distribution: null,
    forecast: null,
    high_value_at_risk: null,
  };
}

const fitFields = (params: Record<string, number>, f: FitInfo) => ({
  params,
  standard_errors: f.standardErrors,
  log_likelihood: f.logLikelihood,
  converged: f.converged,
});

/** Why the spend model is missing; the fit needs q > 1 for a finite mean spend. */
const NO_SPEND: Words = {
  ja: '購買単価モデル（ガンマ・ガンマ）が有限の平均単価を持たない（q ≤ 1）か推定できないため、CLV は計算していません',
  en: 'The spend model (gamma-gamma) has no finite mean spend (q ≤ 1) or could not be fitted, so CLV is not computed',
};

export interface FittedParts {
  counts: BaseCounts;
  report: ClvReport;
  fittedAt: string;
  reused: boolean;
  holdout: ClvHoldout | null;
  holdoutReason: Words | null;
  distribution: ClvDistribution;
  forecast: ClvForecast;
  highValueAtRisk: ClvAtRisk | null;
}

/** Returns the section of fitted models with their check, distribution and forecast. */
export function fittedSection(p: FittedParts): ClvSection {
  const r = p.report;
  return {
    status: 'fitted',
    reason: null,
    ...p.counts,
    min_customers: CLV_MIN_CUSTOMERS,
    min_repeat_buyers: CLV_MIN_REPEAT_BUYERS,
    model: r.model,
    unit: 'weeks',
    fitted_at: p.fittedAt,
    fit_reused: p.reused,
    purchase: fitFields(r.params, r.fit),
    spend: r.spend
      ? {
          ...fitFields(r.spend.params, r.spend.fit),
          population_mean_spend: r.spend.populationMeanSpend,
        }
      : null,
    spend_reason: r.spend ? null : NO_SPEND,
    holdout: p.holdout,
    holdout_reason: p.holdoutReason,
    distribution: p.distribution,
    forecast: p.forecast,
    high_value_at_risk: p.highValueAtRisk,
  };
}
