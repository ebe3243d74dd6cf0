// The five headline numbers every reader sees first — on the workbook's summary and in the
// alert mail — each with the stored numbers it is compared with: yesterday and 30 days
// before (the stored checkups of those days, else the daily series for the two numbers it
// holds), and a year before (the report's own last-year metrics). Nothing is recomputed.
import type { CheckupReport } from '../checkup/report.js';
import type { CoreMetrics } from '../store/metrics/core.js';
import { addDays } from '../domain/dates.js';
import type { MetricsBefore } from '../checkup/metrics-before.js';
import { readRate, type RateReading } from '../report/format.js';

export type KpiKind = 'int' | 'money' | 'rate' | 'dec';
export type KpiBack = 1 | 30 | 365;

export interface Kpi {
  /** SPEC name, also the dictionary key of its name. */
  key:
    'active_customers' | 'retention_rate' | 'annual_ltv' | 'annual_revenue' | 'contacts_per_active';
  kind: KpiKind;
  /** 'up': higher is better (green); 'neutral': neither (grey). */
  better: 'up' | 'neutral';
  value: number | null;
  /** The stored value `back` days before D, or null when nothing stored says it. */
  before: Record<KpiBack, number | null>;
  /** A rate's reading: its n and interval, or "too few to judge" (then no change is shown). */
  reading?: RateReading;
}

interface Def {
  key: Kpi['key'];
  kind: KpiKind;
  better: Kpi['better'];
  pick: (m: CoreMetrics) => number | null;
  /** A rate's base: the customers it is out of. */
  base?: (m: CoreMetrics) => number;
  series?: (p: { active_customers: number; trailing_revenue: number }) => number;
}

const DEFS: Def[] = [
  {
    key: 'active_customers',
    kind: 'int',
    better: 'up',
    pick: (m) => m.active_customers,
    series: (p) => p.active_customers,
  },
  {
    key: 'retention_rate',
    kind: 'rate',
    better: 'up',
    pick: (m) => m.retention_rate,
    base: (m) => m.retention_base,
  },
  { key: 'annual_ltv', kind: 'money', better: 'up', pick: (m) => m.annual_ltv },
  {
    key: 'annual_revenue',
    kind: 'money',
    better: 'up',
    pick: (m) => m.annual_revenue,
    series: (p) => p.trailing_revenue,
  },
  {
    key: 'contacts_per_active',
    kind: 'dec',
    better: 'neutral',
    pick: (m) => m.contacts_per_active,
  },
];

/** Returns the five headline numbers of a report with their comparison values. */
export function headlineKpis(r: CheckupReport, before: MetricsBefore = {}): Kpi[] {
  const at = (back: KpiBack, d: Def): number | null => {
    if (back === 365) return d.pick(r.metrics_prev_year);
    const stored = before[back];
    if (stored) return d.pick(stored);
    const p = d.series && r.series.find((s) => s.date === addDays(r.as_of, -back));
    return p && d.series ? d.series(p) : null;
  };
  return DEFS.map((d) => ({
    key: d.key,
    kind: d.kind,
    better: d.better,
    value: d.pick(r.metrics),
    before: { 1: at(1, d), 30: at(30, d), 365: at(365, d) },
    ...(d.base ? { reading: readRate(d.pick(r.metrics), d.base(r.metrics), r.min_rate_base) } : {}),
  }));
}

/** Returns how a change reads: 'good', 'bad' or 'neutral' (no change, or a neutral number). */
export function changeTone(k: Kpi, delta: number): 'good' | 'bad' | 'neutral' {
  if (k.better === 'neutral' || Math.abs(delta) < 1e-12) return 'neutral';
  return delta > 0 ? 'good' : 'bad';
}

/** Returns true when a KPI is a rate out of too few customers: shown as words, without changes. */
export function tooFew(k: Kpi): boolean {
  return k.reading !== undefined && !k.reading.judged;
}
