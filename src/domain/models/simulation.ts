// Seed 003's cohort model (SPEC §7): every year a cohort of new customers arrives; each year a
// fraction r of a cohort's active customers stay active (r constant or by tenure year); an
// active customer spends the annual LTV of their tenure year. Revenue = Σ active × annual LTV,
// which is the seed's 年商 = 年間LTV × 稼働顧客数, cohort by cohort.
//
// Conventions (docs/models.md): a cohort is active and spends its tenure-1 amount in the year
// it is acquired; retention_rate[k] carries tenure year k+1 into k+2 and the last value
// repeats; customers are expected values (fractions kept), revenue is rounded to the yen only
// on output.
import { z } from 'zod';

/** A scenario of the cohort model, validated (names as in SPEC and the JSON files users write). */
export const Scenario = z.object({
  name: z.string().optional(),
  /** New customers acquired in years 1, 2, …; none after the list ends. */
  new_customers: z.array(z.number().min(0)).min(1),
  /** Share of a cohort's active customers that stay active a further year (0–1), or by tenure. */
  retention_rate: z.union([z.number().min(0).max(1), z.array(z.number().min(0).max(1)).min(1)]),
  /** Annual spend per active customer (年間LTV) in tenure years 1, 2, …; the last repeats. */
  annual_ltv_by_tenure: z.array(z.number().min(0)).min(1),
  /** Years to simulate. */
  years: z.number().int().min(1).max(100).default(10),
});
export type Scenario = z.infer<typeof Scenario>;

/** Seed 003's example: 5 years of acquisition, none after, spend rising with tenure (JPY). */
export const SEED003: Scenario = {
  name: 'seed003',
  new_customers: [12_000, 42_000, 144_000, 241_000, 419_000],
  retention_rate: 0.7,
  annual_ltv_by_tenure: [12_000, 18_000, 22_000, 25_000, 27_000],
  years: 10,
};

/** Built-in scenarios by name, for `kenshin simulate --preset`. */
export const PRESETS: Record<string, Scenario> = { seed003: SEED003 };

/** One period of the simulation (a year, or a month with monthly periods). */
export interface SimulationRow {
  /** 1-based: the year, or the month counted from the start. */
  period: number;
  year: number;
  new_customers: number;
  /** Customers active in the period (expected, fractional); deaths happen between periods. */
  active_customers: number;
  /** Revenue in the period, currency units (unrounded). */
  revenue: number;
  /** Revenue per active customer, annualised (× 12 for months); 0 when there are none. */
  annual_ltv: number;
}

export interface SimulateOptions {
  /** 1 (default): yearly periods, the seed's model. 12: monthly, see below. */
  periodsPerYear?: 1 | 12;
}

/**
 * Returns one row per period. With 12 periods a year each year's new customers arrive evenly
 * over its months, a customer in tenure year k stays a further month with probability r_k^(1/12)
 * and spends a twelfth of that year's annual LTV a month.
 */
export function simulate(input: Scenario, options: SimulateOptions = {}): SimulationRow[] {
  const scenario = Scenario.parse(input);
  const p = options.periodsPerYear ?? 1;
  const periods = scenario.years * p;
  const retention = (k: number): number => pick(scenario.retention_rate, k);
  const ltv = (k: number): number => pick(scenario.annual_ltv_by_tenure, k);
  const arrivals = (t: number): number => (scenario.new_customers[Math.floor(t / p)] ?? 0) / p;

  // survival[a]: share of a cohort still active at age a periods (a = 0 on arrival).
  const survival = new Float64Array(periods + 1);
  survival[0] = 1;
  for (let a = 1; a <= periods; a++)
    survival[a] = survival[a - 1] * Math.pow(retention(Math.floor((a - 1) / p)), 1 / p);

  const rows: SimulationRow[] = [];
  for (let t = 0; t < periods; t++) {
    let active = 0;
    let revenue = 0;
    for (let c = 0; c <= t; c++) {
      const n = arrivals(c);
      if (n === 0) continue;
      const age = t - c;
      active += n * survival[age];
      revenue += (n * survival[age] * ltv(Math.floor(age / p))) / p;
    }
    rows.push({
      period: t + 1,
      year: Math.floor(t / p) + 1,
      new_customers: arrivals(t),
      active_customers: active,
      revenue,
      annual_ltv: active > 0 ? (revenue * p) / active : 0,
    });
  }
  return rows;
}

/** Returns yearly totals of a monthly run: new and revenue summed, active as in the yearly model. */
export function toYears(rows: SimulationRow[], input: Scenario): SimulationRow[] {
  const perYear = rows.length / Scenario.parse(input).years;
  if (perYear === 1) return rows;
  const out: SimulationRow[] = [];
  for (let y = 0; y * perYear < rows.length; y++) {
    const slice = rows.slice(y * perYear, (y + 1) * perYear);
    const revenue = slice.reduce((s, r) => s + r.revenue, 0);
    // Active at some time in the year: alive in its first month plus arrivals in later months.
    const active =
      slice[0].active_customers + slice.slice(1).reduce((s, r) => s + r.new_customers, 0);
    out.push({
      period: y + 1,
      year: y + 1,
      new_customers: slice.reduce((s, r) => s + r.new_customers, 0),
      active_customers: active,
      revenue,
      annual_ltv: active > 0 ? revenue / active : 0,
    });
  }
  return out;
}

export interface SensitivityRow {
  year: number;
  new_customers: number;
  /** One entry per retention rate, in the order given. */
  by_rate: { retention_rate: number; active_customers: number; revenue: number }[];
}

/** Returns the yearly results of the same scenario under each constant retention rate. */
export function sensitivity(input: Scenario, rates: number[]): SensitivityRow[] {
  const runs = rates.map((r) => simulate({ ...input, retention_rate: r }));
  return runs[0].map((row, i) => ({
    year: row.year,
    new_customers: row.new_customers,
    by_rate: runs.map((run, j) => ({
      retention_rate: rates[j],
      active_customers: run[i].active_customers,
      revenue: run[i].revenue,
    })),
  }));
}

function pick(v: number | number[], k: number): number {
  if (typeof v === 'number') return v;
  return v[Math.min(k, v.length - 1)];
}
