// The report as the workbook reads it. Sections other engineers are adding to CheckupReport
// are optional here, typed from their own modules where those exist, so a sheet can say
// "not computed" for a report stored before the section landed (or before it is wired in).
import type { CheckupReport } from '../../checkup/report.js';
import type { RfmReport } from '../../store/metrics/rfm.js';
import type { LadderReport } from '../../store/metrics/ladder.js';
import type { PurchaseReport } from '../../store/metrics/purchase.js';
import type { DistributionReport } from '../../store/metrics/distribution.js';
import type { AssetAuditReport } from '../../store/metrics/audit.js';
import type { Episode } from '../../domain/diagnosis/history.js';
import type { CoreMetrics } from '../../store/metrics/core.js';

export type WorkbookReport = CheckupReport & {
  rfm?: RfmReport;
  ladder?: LadderReport;
  purchase?: PurchaseReport;
  distribution?: DistributionReport;
  asset_audit?: AssetAuditReport;
  /** Shape not settled yet: written by the generic section writer. */
  projection?: unknown;
};

/** Extra, non-report inputs: the findings history (when each open problem began) and the
 * stored metrics of the checkups of yesterday and 30 days before (the summary's short-term
 * changes; absent when those days were not checked). */
export interface WorkbookExtras {
  episodes?: Episode[];
  metrics_before?: { 1?: CoreMetrics; 30?: CoreMetrics };
}
