// The early discount view (issue 14): new customers of the 365 days ending D, discount-acquired
// against the others, compared as time-to-second-purchase curves with censoring. A customer
// acquired 40 days ago who has not bought again is watched for 40 days, not counted as a
// non-repeater, so a discount trap shows within weeks of its first cohort instead of after the
// year the matured-cohort view (purchase.ts, discount_acquired) waits for.
import { customerSummary } from './customer-summary.js';
import { type MetricContext, num } from './context.js';
import { rows } from './query.js';
import { addDays } from '../../domain/dates.js';
import {
  chiSquare1P,
  kaplanMeier,
  logRank,
  survivalAt,
  type Observation,
} from '../../domain/survival.js';
import type { DiscountEarly, DiscountEarlyGroup } from '../../report/index.js';

const D = `$as_of::DATE`;

// One row per (group, days watched, event) with its customers. The second purchase is the
// second purchase *day* (as in purchase.ts): two orders of the first day are one visit.
const SQL = (from: string) => `
  WITH c AS (
    SELECT acq_disc, pd[1] AS first_d, list_filter(pd, x -> x > pd[1])[1] AS second_d
    FROM ${from} WHERE len(pd) > 0 AND pd[1] >= ${D} - 364
  )
  SELECT acq_disc, coalesce(second_d, ${D}) - first_d AS t, second_d IS NOT NULL AS event,
         count(*) AS customers
  FROM c GROUP BY ALL`;

/** Days at which the report states each curve's share repeated. */
export const EARLY_HORIZON_DAYS = 90;

function group(obs: Observation[]): DiscountEarlyGroup {
  const km = kaplanMeier(obs);
  return {
    customers: obs.length,
    repeated: obs.filter((o) => o.event).length,
    repeated_by_90: obs.length ? 1 - survivalAt(km, EARLY_HORIZON_DAYS) : null,
  };
}

/** Returns the early discount comparison as of ctx.asOf. */
export async function discountEarlyMetrics(ctx: MetricContext): Promise<DiscountEarly> {
  const disc: Observation[] = [];
  const rest: Observation[] = [];
  for (const r of await rows(ctx, SQL(customerSummary(ctx)))) {
    const o = { time: num(r.t) ?? 0, event: r.event === true };
    const into = r.acq_disc === true ? disc : rest;
    for (let i = num(r.customers) ?? 0; i > 0; i--) into.push(o);
  }
  const lr = logRank(disc, rest);
  return {
    cohort_start: addDays(ctx.asOf, -364),
    cohort_end: ctx.asOf,
    discounted: group(disc),
    other: group(rest),
    log_rank: {
      observed: lr.observed,
      expected: lr.expected,
      z: lr.z,
      chi2: lr.chi2,
      p: disc.length && rest.length ? chiSquare1P(lr.chi2) : null,
    },
  };
}
