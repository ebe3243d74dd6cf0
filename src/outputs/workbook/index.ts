// The daily workbook (SPEC §8, seed 003): one .xlsx written from a stored checkup report —
// every number is read from the report JSON, never recomputed — one module per sheet.
import ExcelJS from 'exceljs';
import { writeFile, rename } from 'node:fs/promises';
import type { WorkbookExtras, WorkbookReport } from './sections.js';
import { moneyFormat, type SheetContext } from './style.js';
import type { WorkbookLang } from './labels.js';
import { addOverviewSheet } from './sheets/overview.js';
import { addListSheet } from './sheets/list.js';
import { addCustomerSheet } from './sheets/customer.js';
import { addPurchaseSheet } from './sheets/purchase.js';
import { addDistributionSheet } from './sheets/distribution.js';
import { addFiveNumbersSheet } from './sheets/five-numbers.js';
import { addRfmSheet } from './sheets/rfm.js';
import { addLadderSheet } from './sheets/ladder.js';
import { addCohortsSheet } from './sheets/cohorts.js';
import { addGenericSheet } from './sheets/generic-sheet.js';
import { addAuditSheet } from './sheets/audit.js';
import { addFindingsSheet } from './sheets/findings.js';

export type { WorkbookReport, WorkbookExtras } from './sections.js';
export type { WorkbookLang } from './labels.js';

export interface WorkbookOptions extends WorkbookExtras {
  lang?: WorkbookLang;
  /** false: no chart images (faster; numbers only). */
  charts?: boolean;
}

export interface WorkbookResult {
  path: string;
  bytes: number;
  sheets: string[];
  seconds: number;
}

/** Returns the workbook of a report (sheets in reading order: overview first, findings last). */
export function buildWorkbook(
  report: WorkbookReport,
  opts: WorkbookOptions = {},
): ExcelJS.Workbook {
  const ctx: SheetContext = {
    lang: opts.lang ?? 'ja',
    money: moneyFormat(report.business.currency),
    charts: opts.charts ?? true,
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kenshin';
  wb.created = new Date(report.computed_at);
  wb.title = `${report.business.name} ${report.as_of}`;
  addOverviewSheet(wb, report, ctx);
  addListSheet(wb, report, ctx);
  addCustomerSheet(wb, report, ctx);
  addPurchaseSheet(wb, report, ctx);
  addDistributionSheet(wb, report, ctx);
  addFiveNumbersSheet(wb, report, ctx);
  addRfmSheet(wb, report, ctx);
  addLadderSheet(wb, report, ctx);
  addCohortsSheet(wb, report, ctx);
  addAuditSheet(wb, report, ctx);
  addGenericSheet(wb, report, ctx, 'projection', report.projection, 'projection.');
  addFindingsSheet(wb, report, ctx, opts);
  return wb;
}

/** Writes the workbook of a report to `path` (via a temporary file, so no half-written file remains). */
export async function writeWorkbook(
  report: WorkbookReport,
  path: string,
  opts: WorkbookOptions = {},
): Promise<WorkbookResult> {
  const t0 = performance.now();
  const wb = buildWorkbook(report, opts);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, buf);
  await rename(tmp, path);
  return {
    path,
    bytes: buf.length,
    sheets: wb.worksheets.map((w) => w.name),
    seconds: (performance.now() - t0) / 1000,
  };
}
