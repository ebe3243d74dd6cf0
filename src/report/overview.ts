// The overview (GET /api/overview): the part of the stored report that the dashboard's first
// page shows, copied field by field (never recomputed), with the count of findings by severity
// and the names of the sections the report holds (a section stored as null is "not computed").
import { z } from 'zod';
import { checkupReportSchema, type CheckupReport } from './report.js';
import { SECTIONS } from './registry.js';
import { SEVERITIES, type Severity } from './finding.js';

export const overviewSchema = checkupReportSchema
  .pick({
    report_version: true,
    as_of: true,
    computed_at: true,
    business: true,
    min_rate_base: true,
    metrics: true,
    metrics_prev_year: true,
    series: true,
    retention_by_tenure: true,
    five_numbers: true,
    five_numbers_assessment: true,
    findings: true,
  })
  .extend({
    findings_by_severity: z.strictObject({
      critical: z.number(),
      warning: z.number(),
      info: z.number(),
    }),
    /** Keys of the report's sections that hold a value. */
    sections: z.array(z.string()),
  });
export type Overview = z.infer<typeof overviewSchema>;

/** Returns the overview of a report. */
export function toOverview(r: CheckupReport): Overview {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of r.findings) bySeverity[f.severity]++;
  return {
    report_version: r.report_version,
    as_of: r.as_of,
    computed_at: r.computed_at,
    business: r.business,
    min_rate_base: r.min_rate_base,
    metrics: r.metrics,
    metrics_prev_year: r.metrics_prev_year,
    series: r.series,
    retention_by_tenure: r.retention_by_tenure,
    five_numbers: r.five_numbers,
    five_numbers_assessment: r.five_numbers_assessment,
    findings: r.findings,
    findings_by_severity: {
      critical: bySeverity.critical,
      warning: bySeverity.warning,
      info: bySeverity.info,
    },
    sections: SECTIONS.map((s) => s.key).filter((k) => r[k] !== null),
  };
}
