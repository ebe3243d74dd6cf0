// The overview: the part of the stored report that the dashboard's first page shows, copied
// field by field (never recomputed), plus the count of open findings by severity and the list
// of sections the report holds, so the dashboard knows which pages have data.
import type { CheckupReport } from '../checkup/report.js';
import type { Severity } from '../domain/diagnosis/types.js';

/** Sections a report may hold besides the core; pages for missing ones say "not computed yet". */
export const OPTIONAL_SECTIONS = [
  'rfm',
  'ladder',
  'purchase',
  'distribution',
  'asset_audit',
  'projection',
  'five_mechanisms',
] as const;

export type Overview = Pick<
  CheckupReport,
  | 'report_version'
  | 'as_of'
  | 'computed_at'
  | 'business'
  | 'metrics'
  | 'metrics_prev_year'
  | 'series'
  | 'retention_by_tenure'
  | 'five_numbers'
  | 'five_numbers_assessment'
  | 'findings'
> & {
  findings_by_severity: Record<Severity, number>;
  /** Names of the report's top-level sections (core and optional) that are present. */
  sections: string[];
};

/** Returns the overview of a stored report. */
export function toOverview(r: CheckupReport): Overview {
  const bySeverity: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of r.findings) bySeverity[f.severity]++;
  return {
    report_version: r.report_version,
    as_of: r.as_of,
    computed_at: r.computed_at,
    business: r.business,
    metrics: r.metrics,
    metrics_prev_year: r.metrics_prev_year,
    series: r.series,
    retention_by_tenure: r.retention_by_tenure,
    five_numbers: r.five_numbers,
    five_numbers_assessment: r.five_numbers_assessment,
    findings: r.findings,
    findings_by_severity: bySeverity,
    sections: Object.keys(r).filter((k) => (r as unknown as Record<string, unknown>)[k] != null),
  };
}
