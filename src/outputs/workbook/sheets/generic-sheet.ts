// The sheets of sections whose layout is still settling (distribution, asset audit,
// projection): written by the generic section writer from whatever the report holds, or
// "not computed" when the section is absent.
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import { findingLines, freeze, notComputed, title, widths, type SheetContext } from '../style.js';
import { sheetName, type SheetKey } from '../labels.js';
import { writeSection } from '../generic.js';

/** Adds the sheet `key` showing `section` (undefined: not computed); `lead` writes rows above it. */
export function addGenericSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
  key: SheetKey,
  section: unknown,
  findingPrefix: string,
  lead?: (ws: ExcelJS.Worksheet, row: number) => number,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(key, ctx.lang));
  widths(ws, [34, 16, 16, 16, 16, 16, 16, 16, 16, 16]);
  let row = title(ws, 1, `${sheetName(key, ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  if (lead) row = lead(ws, row);
  row =
    section === undefined || section === null
      ? notComputed(ws, ctx, row)
      : writeSection(ws, ctx, section, row);
  findingLines(ws, ctx, r.findings.filter((f) => f.id.startsWith(findingPrefix)), row);
  return ws;
}
