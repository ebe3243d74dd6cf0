// Does a step work? Its conversion — a second purchase within H days after the step — against
// customers of the same first-purchase weeks who did not get it (held-out controls, and
// customers the step missed), whose "step day" is first purchase + days. Only customers
// whose H days have fully elapsed by D count, and only those who had not bought a second
// time before their step day (they could not be converted by it).
//
// This is the step's lift, "does the step make new customers come back?", and not the
// campaign table's uplift of the distribution diagnosis, which compares every contacted
// customer-month with the uncontacted customers of the same status (docs/metrics.md, "Two
// lifts"). The lift carries its evidence (Newcombe interval, z, p, verdict: domain/evidence.ts)
// so that no one reads −6.9 pt on 40 customers as a finding.
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL, num, ratio } from '../../store/metrics/context.js';
import { ensureFollowupTables } from '../../store/followup-store.js';
import { liftEvidence, type LiftVerdict } from '../../domain/evidence.js';
import type { FollowupStep } from './steps.js';

export interface GroupConversion {
  customers: number;
  converted: number;
  rate: number | null;
}

export interface WeekConversion {
  week: string;
  treated: GroupConversion;
  control: GroupConversion;
}

export interface StepConversion {
  step_id: string;
  name: string;
  days: number;
  horizon_days: number;
  as_of: string;
  treated: GroupConversion;
  control: GroupConversion;
  /** treated.rate − control.rate (points as a fraction); null without both rates. */
  lift: number | null;
  /** The 95 % Newcombe interval of the lift; null without both rates. */
  lift_low: number | null;
  lift_high: number | null;
  /** The pooled two-proportion z of the lift and its two-sided p; null without both rates. */
  z: number | null;
  p: number | null;
  /** too_few (a group below MIN_RATE_BASE), within_noise (the interval covers 0), higher, lower. */
  verdict: LiftVerdict;
  weeks: WeekConversion[];
}

const CONVERSION = `
  WITH p AS (
    SELECT DISTINCT o.customer_id, ${SQL.day('o.ordered_at')} AS d FROM orders o
    WHERE ${SQL.isPurchase} AND o.customer_id IS NOT NULL AND ${SQL.day('o.ordered_at')} <= $as_of::DATE
  ), f AS (
    SELECT customer_id, min(d) AS first_d, min(d, 2)[2] AS second_d FROM p GROUP BY customer_id
  ), got AS (
    SELECT customer_id, min(${SQL.day('sent_at')}) AS step_d FROM contacts WHERE campaign_id = $step GROUP BY customer_id
  ), c AS (
    SELECT f.customer_id, f.first_d, f.second_d, got.step_d IS NOT NULL AS treated,
           coalesce(got.step_d, f.first_d + CAST($days AS INTEGER)) AS step_d,
           date_trunc('week', f.first_d) AS wk
    FROM f LEFT JOIN got USING (customer_id)
  ), e AS (
    SELECT * FROM c
    WHERE wk IN (SELECT wk FROM c WHERE treated)
      AND step_d + CAST($h AS INTEGER) <= $as_of::DATE
      AND (second_d IS NULL OR second_d > step_d)
  )
  SELECT strftime(wk, '%Y-%m-%d') AS week, treated, count(*) AS customers,
         count(*) FILTER (WHERE second_d <= step_d + CAST($h AS INTEGER)) AS converted
  FROM e GROUP BY ALL ORDER BY week, treated`;

/** Returns a group's conversion. */
function group(customers: number, converted: number): GroupConversion {
  return { customers, converted, rate: ratio(converted, customers) };
}

/** Returns the conversion report of `step` as of `asOf` with horizon `horizonDays`. */
export async function stepConversion(
  conn: DuckDBConnection,
  step: FollowupStep,
  asOf: string,
  horizonDays = 30,
): Promise<StepConversion> {
  await ensureFollowupTables(conn);
  const r = await conn.runAndReadAll(CONVERSION, {
    as_of: asOf,
    step: step.id,
    days: step.days,
    h: horizonDays,
  } as never);
  const weeks = new Map<string, WeekConversion>();
  const tot = { t: [0, 0], c: [0, 0] };
  for (const row of r.getRowObjectsJson()) {
    const week = String(row.week);
    const n = num(row.customers) ?? 0;
    const k = num(row.converted) ?? 0;
    const w = weeks.get(week) ?? { week, treated: group(0, 0), control: group(0, 0) };
    if (row.treated) w.treated = group(n, k);
    else w.control = group(n, k);
    weeks.set(week, w);
    const t = row.treated ? tot.t : tot.c;
    t[0] += n;
    t[1] += k;
  }
  const treated = group(tot.t[0], tot.t[1]);
  const control = group(tot.c[0], tot.c[1]);
  const e = liftEvidence(
    treated.converted,
    treated.customers,
    control.converted,
    control.customers,
  );
  return {
    step_id: step.id,
    name: step.name,
    days: step.days,
    horizon_days: horizonDays,
    as_of: asOf,
    treated,
    control,
    lift: e.difference,
    lift_low: e.low,
    lift_high: e.high,
    z: e.z,
    p: e.p,
    verdict: e.verdict,
    weeks: [...weeks.values()],
  };
}
