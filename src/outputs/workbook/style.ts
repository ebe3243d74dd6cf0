// Shared layout of the workbook's sheets: titles, header rows, typed tables, number formats,
// frozen panes and chart images. Sheets describe columns; this file decides how they look.
import type ExcelJS from 'exceljs';
import { label, sheetName, type WorkbookLang } from './labels.js';
import type { Finding } from '../../domain/diagnosis/types.js';

export type Fmt = 'int' | 'money' | 'pct' | 'dec1' | 'dec2' | 'date' | 'text';

export interface SheetContext {
  lang: WorkbookLang;
  /** Excel number format of money in the business currency. */
  money: string;
  /** Whether to render chart images (off makes a numbers-only workbook, faster). */
  charts: boolean;
}

export interface Column<T> {
  /** Header label (already translated) */
  header: string;
  value: (row: T) => ExcelJS.CellValue | undefined;
  fmt?: Fmt;
  width?: number;
}

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F2' },
};
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB0B7C3' } };

/** Returns the Excel number format of money in `currency` (yen without decimals). */
export function moneyFormat(currency: string): string {
  switch (currency) {
    case 'JPY':
      return '"¥"#,##0';
    case 'USD':
      return '"$"#,##0.00';
    case 'EUR':
      return '"€"#,##0.00';
    default:
      return `#,##0.00 "${currency.replace(/"/g, '')}"`;
  }
}

/** Returns the Excel number format of a column format. */
export function numFmt(fmt: Fmt, ctx: SheetContext): string | undefined {
  switch (fmt) {
    case 'int':
      return '#,##0';
    case 'money':
      return ctx.money;
    case 'pct':
      return '0.0%';
    case 'dec1':
      return '#,##0.0';
    case 'dec2':
      return '#,##0.00';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/** Returns a local date 'YYYY-MM-DD' as the Excel date of that calendar day. */
export function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Writes the sheet title (bold, large) and a subtitle on the next row; returns the next free row. */
export function title(ws: ExcelJS.Worksheet, row: number, text: string, sub?: string): number {
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = { bold: true, size: 14 };
  if (sub) {
    ws.getCell(row + 1, 1).value = sub;
    ws.getCell(row + 1, 1).font = { color: { argb: 'FF555555' } };
    return row + 3;
  }
  return row + 2;
}

/** Writes a section heading; returns the next row. */
export function heading(ws: ExcelJS.Worksheet, row: number, text: string, col = 1): number {
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { bold: true, size: 12, color: { argb: 'FF1F3864' } };
  return row + 1;
}

/** Styles a header row of `n` cells from `col`. */
export function styleHeader(ws: ExcelJS.Worksheet, row: number, col: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const c = ws.getCell(row, col + i);
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = { bottom: THIN, top: THIN, left: THIN, right: THIN };
    c.alignment = { vertical: 'middle', wrapText: true };
  }
}

/** Writes a table (header + rows) at (row, col); returns the first and last data rows. */
export function table<T>(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  at: { row: number; col?: number },
  columns: Column<T>[],
  data: readonly T[],
): { first: number; last: number; next: number } {
  const col = at.col ?? 1;
  columns.forEach((c, i) => (ws.getCell(at.row, col + i).value = c.header));
  styleHeader(ws, at.row, col, columns.length);
  data.forEach((r, j) => {
    columns.forEach((c, i) => {
      const cell = ws.getCell(at.row + 1 + j, col + i);
      const v = c.value(r);
      cell.value = v === undefined ? null : v;
      const f = c.fmt ? numFmt(c.fmt, ctx) : undefined;
      if (f) cell.numFmt = f;
    });
  });
  columns.forEach((c, i) => {
    if (c.width) {
      const wc = ws.getColumn(col + i);
      wc.width = Math.max(wc.width ?? 0, c.width);
    }
  });
  const last = at.row + data.length;
  return { first: at.row + 1, last, next: last + 2 };
}

/** Freezes the first `rows` rows (and `cols` columns). */
export function freeze(ws: ExcelJS.Worksheet, rows: number, cols = 0): void {
  ws.views = [{ state: 'frozen', ySplit: rows, xSplit: cols }];
}

/** Sets the widths of columns 1.. in order. */
export function widths(ws: ExcelJS.Worksheet, ws_widths: number[]): void {
  ws_widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** Places a PNG with its top-left corner at (row, col) (1-based), at its pixel size shown at `size` pixels. */
export function image(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  png: Buffer,
  at: { row: number; col: number },
  size: { width: number; height: number },
): void {
  const id = wb.addImage({ buffer: png as unknown as ArrayBuffer, extension: 'png' });
  ws.addImage(id, { tl: { col: at.col - 1, row: at.row - 1 }, ext: size });
}

/** Writes the "not computed" note of a section missing from the report; returns the next row. */
export function notComputed(ws: ExcelJS.Worksheet, ctx: SheetContext, row: number): number {
  const c = ws.getCell(row, 1);
  c.value = label('not_computed', ctx.lang);
  c.font = { italic: true, color: { argb: 'FF888888' } };
  return row + 2;
}

/** Returns the translated label of a key (shorthand for sheets). */
export function L(ctx: SheetContext, key: string): string {
  return label(key, ctx.lang);
}

/**
 * Writes a sheet's findings, one "[severity] title — action" line each, under the findings
 * heading (only when there are some, unless `always`); returns the next free row.
 */
export function findingLines(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  findings: Finding[],
  row: number,
  always = false,
): number {
  if (findings.length || always) row = heading(ws, row, sheetName('findings', ctx.lang));
  for (const f of findings)
    ws.getCell(row++, 1).value = `[${L(ctx, f.severity)}] ${f.title[ctx.lang]} — ${f.action[ctx.lang]}`;
  return row;
}
