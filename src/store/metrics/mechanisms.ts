// Facts for the five mechanisms scorecard (seed 004) that no other section measures: new
// leads (seeding), existing customers buying a category new to them (new offers), and new
// customers who were referred (referral). Conversion and grip come from the ladder and core.
import { SQL, num, ratio, type MetricContext } from './context.js';
import { one } from './query.js';
import { customerSummary } from './customer-summary.js';
import type { MechanismFacts } from '../../report/index.js';

// The section types are the report contract's (src/report); re-exported for the callers here.
export type { MechanismFacts };

// first: per customer from the summary (customer-summary.ts); the categories need the order
// lines of each purchase.
const factsSql = (from: string) => `
  WITH p AS (
    SELECT o.order_id, o.customer_id, ${SQL.day('o.ordered_at')} AS d FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), first AS (
    SELECT customer_id, pd[1] AS first_d, pd[-1] >= $as_of::DATE - 364 AS cur FROM ${from} WHERE len(pd) > 0
  ), lines AS (
    SELECT p.customer_id, p.d, coalesce(i.category, i.sku) AS cat
    FROM p JOIN order_items i ON i.order_id = p.order_id
  ), cats AS (
    SELECT customer_id, cat, min(d) AS first_cat_d FROM lines GROUP BY 1, 2
  ), ex AS (
    SELECT f.customer_id,
      bool_or(c.first_cat_d >= $as_of::DATE - 364) AS new_cat
    FROM first f JOIN cats c USING (customer_id)
    WHERE f.cur AND f.first_d < $as_of::DATE - 364
    GROUP BY 1
  )
  SELECT
    (SELECT count(*) FROM leads WHERE CAST(created_at AS DATE) BETWEEN $as_of::DATE - 364 AND $as_of::DATE) AS leads,
    (SELECT count(*) FROM leads WHERE CAST(created_at AS DATE) BETWEEN $as_of::DATE - 729 AND $as_of::DATE - 365) AS leads_prev,
    (SELECT count(*) FROM first WHERE cur AND first_d < $as_of::DATE - 364) AS existing,
    (SELECT count(*) FROM ex WHERE new_cat) AS existing_new_cat,
    (SELECT count(*) FROM first WHERE first_d >= $as_of::DATE - 364) AS new_customers,
    (SELECT count(*) FROM first f JOIN customers c USING (customer_id)
      WHERE f.first_d >= $as_of::DATE - 364 AND c.referred_by_customer_id IS NOT NULL) AS referred,
    EXISTS (SELECT 1 FROM customers WHERE referred_by_customer_id IS NOT NULL) AS has_referrals,
    EXISTS (SELECT 1 FROM order_items) AS has_items`;

/** Returns the seeding, new-offer and referral facts for the year ending ctx.asOf. */
export async function mechanismFacts(ctx: MetricContext): Promise<MechanismFacts> {
  const r = await one(ctx, factsSql(customerSummary(ctx)));
  const existing = num(r.existing) ?? 0;
  const newCat = num(r.existing_new_cat) ?? 0;
  const fresh = num(r.new_customers) ?? 0;
  const referred = num(r.referred) ?? 0;
  return {
    leads: num(r.leads) ?? 0,
    leads_prev_year: num(r.leads_prev) ?? 0,
    existing_buyers: existing,
    existing_new_category_buyers: newCat,
    // Without order lines (categories) or any referral recorded, the share is unknown, not 0.
    new_offer_share: r.has_items ? ratio(newCat, existing) : null,
    new_customers: fresh,
    referred_new_customers: referred,
    referral_share: r.has_referrals ? ratio(referred, fresh) : null,
  };
}
