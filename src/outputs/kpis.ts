// The five headline numbers every reader sees first — on the workbook's summary and in the
// alert mail — each with the stored numbers it is compared with: yesterday and 30 days
// before (the stored checkups of those days, else the daily series for the two numbers it
// holds), and a year before (the report's own last-year metrics). Nothing is recomputed.
import type { CheckupReport } from '../checkup/report.js';
import type { CoreMetrics } from '../store/metrics/core.js';
import { addDays } from '../domain/dates.js';
import type { MetricsBefore } from '../checkup/metrics-before.js';

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
}

interface Def {
  key: Kpi['key'];
  kind: KpiKind;
  better: Kpi['better'];
  pick: (m: CoreMetrics) => number | null;
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
  { key: 'retention_rate', kind: 'rate', better: 'up', pick: (m) => m.retention_rate },
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
  }));
}

/** Returns how a change reads: 'good', 'bad' or 'neutral' (no change, or a neutral number). */
export function changeTone(k: Kpi, delta: number): 'good' | 'bad' | 'neutral' {
  if (k.better === 'neutral' || Math.abs(delta) < 1e-12) return 'neutral';
  return delta > 0 ? 'good' : 'bad';
}
