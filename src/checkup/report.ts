// The checkup report: everything computed for one as-of date. It is stored whole (JSON) and
// every output — CLI, API, dashboard, workbook — reads it back, so a number has one source.
import type { CoreMetrics } from '../store/metrics/core.js';
import type { SeriesPoint } from '../store/metrics/series.js';
import type { TenureRetention } from '../store/metrics/tenure.js';
import type { Cohort } from '../store/metrics/cohorts.js';
import type { FiveNumbersCounts } from '../store/metrics/five-numbers.js';
import type { ChurnBreakdown } from '../store/metrics/churn.js';
import type { RfmReport } from '../store/metrics/rfm.js';
import type { LadderReport } from '../store/metrics/ladder.js';
import type { ProjectionSection } from './projection.js';
import type { MechanismFacts } from '../store/metrics/mechanisms.js';
import type { MechanismScore } from '../domain/diagnosis/mechanisms.js';
import type { PurchaseReport } from '../store/metrics/purchase.js';
import type { DistributionReport } from '../store/metrics/distribution.js';
import type { AssetAuditReport } from '../store/metrics/audit.js';
import type { DataRange } from '../store/metrics/data-range.js';

import type { Finding } from '../domain/diagnosis/types.js';
import type { FiveNumbersAssessment } from '../domain/diagnosis/five-numbers.js';

export const REPORT_VERSION = 1;

export interface CheckupReport {
  report_version: number;
  as_of: string;
  computed_at: string;
  business: { name: string; timezone: string; currency: string };
  /** Purchase history span as of D and whether promotion data exists (guards of the rules). */
  data_range: DataRange;
  /** The §3 scalars as of D (with `flows`). */
  metrics: CoreMetrics;
  /** The same scalars one year earlier, for comparisons "against last year". */
  metrics_prev_year: CoreMetrics;
  /** The month of D (to date). */
  five_numbers: FiveNumbersCounts;
  five_numbers_by_month: FiveNumbersCounts[];
  series: SeriesPoint[];
  retention_by_tenure: TenureRetention[];
  cohorts: Cohort[];
  /** Churn of last year's buyers by ladder level, recency, channel and entry product. */
  churn_breakdown: ChurnBreakdown;
  /** RFM scores, the R×F grid and named segments (SPEC §5). */
  rfm: RfmReport;
  /** The customer ladder: levels, conversions, level retention and LTV (SPEC §5). */
  ladder: LadderReport;
  /** Purchase diagnosis (B): frequency, order value, overdue and discount-acquired customers. */
  purchase: PurchaseReport;
  /** Distribution diagnosis (C): intensity, coverage, concentration, response. */
  distribution: DistributionReport;
  /** New-customer asset audit (seed 002): CPA against gross profit per acquisition month and channel. */
  asset_audit: AssetAuditReport;
  /** The five mechanisms scorecard (seed 004): facts, scores against targets. */
  mechanisms: { facts: MechanismFacts; scores: MechanismScore[] };
  /** "If this continues": seed 003's model fitted on the business, 5 years ahead with a band. */
  projection: ProjectionSection;
  /** Diagnosis findings, most severe first. */
  findings: Finding[];
  /** The five numbers of the month of D rated, with the state and prescriptions. */
  five_numbers_assessment: FiveNumbersAssessment;
  /** Seconds spent per section, for the benchmark and the curious. */
  timings: Record<string, number>;
}
