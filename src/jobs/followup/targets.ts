// Who a step lists on a day: customers whose first purchase (SPEC §2: completed, amount > 0)
// was exactly `days` days before that day and who meet the step's condition, with the
// contact details a sender needs. Anonymised customers are never listed.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL } from '../../store/metrics/context.js';
import type { FollowupStep } from './steps.js';

export interface Target {
  customer_id: string;
  first_purchase: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  postal_code: string | null;
  prefecture: string | null;
}

// Purchase days up to the run date; "no second purchase" means a single purchase day so far.
const TARGETS = `
  WITH p AS (
    SELECT DISTINCT o.customer_id, ${SQL.day('o.ordered_at')} AS d FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $run::DATE
  ), c AS (
    SELECT customer_id, min(d) AS first_d, count(*) AS days FROM p GROUP BY customer_id
  ), cu AS (
    SELECT customer_id, any_value(name) AS name, any_value(email) AS email, any_value(phone) AS phone,
           any_value(postal_code) AS postal_code, any_value(prefecture) AS prefecture,
           bool_or(anonymized_at IS NOT NULL) AS anonymized
    FROM customers GROUP BY customer_id
  )
  SELECT c.customer_id, strftime(c.first_d, '%Y-%m-%d') AS first_purchase,
         cu.name, cu.email, cu.phone, cu.postal_code, cu.prefecture
  FROM c LEFT JOIN cu USING (customer_id)
  WHERE c.first_d = $run::DATE - CAST($days AS INTEGER)
    AND NOT coalesce(cu.anonymized, false)
    AND ($cond = 'none' OR ($cond = 'no_second_purchase' AND c.days = 1))
  ORDER BY c.customer_id`;

/** Returns the customers `step` lists on `runDate`. */
export async function stepTargets(
  conn: DuckDBConnection,
  step: FollowupStep,
  runDate: string,
): Promise<Target[]> {
  const r = await conn.runAndReadAll(TARGETS, {
    run: runDate,
    days: step.days,
    cond: step.condition,
  } as never);
  return r.getRowObjectsJson() as unknown as Target[];
}

/** Returns true when a customer falls in the step's control group (a stable hash, the same every run). */
export function heldOut(step: FollowupStep, customerId: string): boolean {
  if (step.holdout_share <= 0) return false;
  const h = createHash('sha256').update(`${step.id}:${customerId}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < step.holdout_share;
}
