// Shared layout of the workbook's sheets: titles, header rows, typed tables, number formats,
// frozen panes and chart images. Sheets describe columns; this file decides how they look.
import type ExcelJS from 'exceljs';
import { label, sheetName, type WorkbookLang } from './labels.js';
import type { Finding } from '../../domain/diagnosis/types.js';
import { rangeRef, rowRangeRef, type ChartSpec, type RangeData } from './xlsx-charts.js';
import { MIN_RATE_BASE } from '../../report/format.js';

/** pt: a difference of two rates, the cell holding it in points (×100: 5.4 for +5.4 pt). */
export type Fmt = 'int' | 'money' | 'pct' | 'pt' | 'dec1' | 'dec2' | 'p' | 'date' | 'text';

export interface SheetContext {
  lang: WorkbookLang;
  /** Excel number format of money in the business currency. */
  money: string;
  /** Whether to add charts (off makes a numbers-only workbook). */
  charts: boolean;
  /** Native charts the sheets ask for, written into the package after exceljs (xlsx-charts.ts). */
  nativeCharts: ChartSpec[];
  /** Excel table names used so far (they are unique in a workbook). */
  tables: Set<string>;
  /** The report's min_rate_base: a rate out of fewer customers is written as "too few to judge". */
  minRateBase: number;
}

/** What the print layout needs to know of a sheet beyond its cells. */
export interface SheetLayout {
  /** First rows of sections (a page break may go before each). */
  sections: number[];
  /** Row ranges [first, last] that must not be split over two pages (charts). */
  keep: [number, number][];
  /** Fit the whole sheet on one page. */
  onePage?: boolean;
  /** Print only these rows (the print titles still repeat above them). */
  printRows?: [number, number];
}

/** Returns a fresh context for one workbook. */
export function newContext(
  lang: WorkbookLang,
  currency: string,
  charts = true,
  minRateBase = MIN_RATE_BASE,
): SheetContext {
  return {
    lang,
    money: moneyFormat(currency),
    charts,
    nativeCharts: [],
    tables: new Set(),
    minRateBase,
  };
}

const LAYOUT = new WeakMap<ExcelJS.Worksheet, SheetLayout>();

/** Returns the layout record of a sheet (created on first use). */
export function layoutOf(ws: ExcelJS.Worksheet): SheetLayout {
  let l = LAYOUT.get(ws);
  if (!l) LAYOUT.set(ws, (l = { sections: [], keep: [] }));
  return l;
}

/** Marks `row` as the start of a section of the sheet (a page may break before it). */
export function section(ws: ExcelJS.Worksheet, row: number): void {
  const l = layoutOf(ws);
  if (!l.sections.includes(row)) l.sections.push(row);
}

/** Returns the width of text in column units (a CJK or full-width character counts 2). */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u2E80-\uFFEF]/.test(ch) && !/[\uFF61-\uFF9F]/.test(ch) ? 2 : 1;
  return n;
}

/** Returns the lines `text` takes in a wrapped cell `units` wide. */
export function wrappedLines(text: string, units: number): number {
  const per = Math.max(4, units * 0.92 - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / per)), 0);
}

/** Line height of wrapped 11-point text in points (Japanese fonts are taller than Calibri). */
export const LINE_PT = 15;

/** Returns the width in column units of columns from..to of a sheet (unset: Excel's default). */
export function spanUnits(ws: ExcelJS.Worksheet, from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? 9;
  return w;
}

/** Returns the last column that holds a value (a merged cell counts to its end). */
export function lastValueColumn(ws: ExcelJS.Worksheet): number {
  let n = 1;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.value !== null && c.value !== undefined && c.value !== '')
        n = Math.max(n, Number(c.col));
    }),
  );
  return n;
}

/** Sets a row's height so that every wrapped cell of it shows all its lines. */
export function fitRowHeight(ws: ExcelJS.Worksheet, row: number, minPt = 15): void {
  let lines = 1;
  ws.getRow(row).eachCell((c) => {
    if (!c.alignment?.wrapText || c.value === null || c.value === undefined) return;
    const master = c.isMerged ? c.master : c;
    if (master !== c) return;
    let to = c.col as unknown as number;
    // A merged cell is as wide as its columns.
    while (ws.getCell(row, to + 1).isMerged && ws.getCell(row, to + 1).master === c) to++;
    const units = spanUnits(ws, Number(c.col), to);
    lines = Math.max(lines, wrappedLines(String(c.text ?? c.value), units));
  });
  ws.getRow(row).height = Math.max(minPt, lines * LINE_PT + 4);
}

/** Writes a long text across columns from..to (merged, wrapped, the row as tall as the text); returns the next row. */
export function longText(
  ws: ExcelJS.Worksheet,
  row: number,
  text: string,
  cols: [from: number, to: number],
  font?: Partial<ExcelJS.Font>,
): number {
  if (cols[1] > cols[0]) ws.mergeCells(row, cols[0], row, cols[1]);
  const c = ws.getCell(row, cols[0]);
  c.value = text;
  c.alignment = { wrapText: true, vertical: 'top' };
  if (font) c.font = font;
  fitRowHeight(ws, row);
  return row + 1;
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
    case 'pt':
      return '+0.0" pt";-0.0" pt";0.0" pt"';
    case 'p':
      return '0.000';
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
  ws.getRow(row).height = 20;
  if (sub) {
    ws.getCell(row + 1, 1).value = sub;
    ws.getCell(row + 1, 1).font = { color: { argb: 'FF555555' } };
    return row + 3;
  }
  return row + 2;
}

/** Writes a section heading (a page may break before it); returns the next row. */
export function heading(ws: ExcelJS.Worksheet, row: number, text: string, col = 1): number {
  if (col === 1) section(ws, row);
  const c = ws.getCell(row, col);
  c.value = text;
  c.font = { bold: true, size: 12, color: { argb: 'FF1F3864' } };
  if (!ws.getRow(row).height) ws.getRow(row).height = 17;
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
  excelTable(ws, ctx, { row: at.row, col, cols: columns.length, last });
  return { first: at.row + 1, last, next: last + 2 };
}

/** Returns `names` made unique and non-empty (Excel table columns need both). */
function uniqueNames(names: string[], lang: WorkbookLang): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    let name = n.trim() || (lang === 'ja' ? `項目${i + 1}` : `Column ${i + 1}`);
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${n.trim() || name} (${k})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Returns the cell value as a table keeps it (a formula keeps its cached result). */
function tableValue(c: ExcelJS.Cell): ExcelJS.CellValue {
  return c.value === undefined ? null : c.value;
}

/**
 * Makes the block already written at (row, col) — a header row and the data rows up to `last` —
 * an Excel table (autofilter, banded rows), keeping every cell's value and format. A block
 * without data rows stays plain (Excel refuses an empty table).
 */
export function excelTable(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  at: { row: number; col: number; cols: number; last: number },
): void {
  if (at.last <= at.row || at.cols < 1) return;
  const heads = Array.from({ length: at.cols }, (_, i) => {
    const v = ws.getCell(at.row, at.col + i).value;
    return v === null || v === undefined ? '' : String(v);
  });
  const names = uniqueNames(heads, ctx.lang);
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = at.row + 1; r <= at.last; r++)
    rows.push(Array.from({ length: at.cols }, (_, i) => tableValue(ws.getCell(r, at.col + i))));
  const base = ws.name.replace(/[^A-Za-z0-9]/g, '') || 'sheet';
  let n = ctx.tables.size + 1;
  while (ctx.tables.has(`kenshin_${base}_${n}`)) n++;
  const name = `kenshin_${base}_${n}`;
  ctx.tables.add(name);
  ws.addTable({
    name,
    ref: ws.getCell(at.row, at.col).address,
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleLight1', showRowStripes: true },
    columns: names.map((x) => ({ name: x, filterButton: true })),
    rows,
  });
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

/** Asks for a native chart on `ws` covering rows [row, row + rows) and columns [col, col + cols) (1-based); returns the row after it. */
export function chart(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  at: { row: number; col: number; rows: number; cols: number },
  spec: Omit<ChartSpec, 'sheet' | 'from' | 'to'>,
): number {
  if (!ctx.charts) return at.row;
  ctx.nativeCharts.push({
    ...spec,
    sheet: ws.name,
    from: { col: at.col - 1, row: at.row - 1 },
    to: { col: at.col - 1 + at.cols, row: at.row - 1 + at.rows },
  });
  layoutOf(ws).keep.push([at.row, at.row + at.rows - 1]);
  return at.row + at.rows + 1;
}

/** Returns the Excel serial number of a date cell (days since 1899-12-30). */
export function excelSerial(d: Date): number {
  return Math.round((d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** Returns column `col`, rows first..last of a sheet as chart data: the reference and the cell values. */
export function rangeData(
  ws: ExcelJS.Worksheet,
  col: number,
  first: number,
  last: number,
  format?: string,
): RangeData {
  const values: (number | string | null)[] = [];
  for (let r = first; r <= last; r++) {
    let v = ws.getCell(r, col).value as unknown;
    if (v && typeof v === 'object' && 'result' in (v as object))
      v = (v as { result: unknown }).result;
    if (v instanceof Date) values.push(excelSerial(v));
    else if (typeof v === 'number' || typeof v === 'string') values.push(v);
    else values.push(v === null || v === undefined ? null : String(v));
  }
  return { ref: rangeRef(ws.name, col, first, last), values, format };
}

/** Returns row `row`, columns first..last of a sheet as chart data. */
export function rowRangeData(
  ws: ExcelJS.Worksheet,
  row: number,
  first: number,
  last: number,
  format?: string,
): RangeData {
  const values: (number | string | null)[] = [];
  for (let c = first; c <= last; c++) {
    let v = ws.getCell(row, c).value as unknown;
    if (v && typeof v === 'object' && 'result' in (v as object))
      v = (v as { result: unknown }).result;
    values.push(
      typeof v === 'number' || typeof v === 'string'
        ? v
        : v === null || v === undefined
          ? null
          : String(v),
    );
  }
  return { ref: rowRangeRef(ws.name, row, first, last), values, format };
}

/** Returns the header cell of a column as a chart series name and its reference. */
export function seriesName(
  ws: ExcelJS.Worksheet,
  col: number,
  row: number,
): { name: string; nameRef: string } {
  return { name: String(ws.getCell(row, col).value ?? ''), nameRef: rangeRef(ws.name, col, row) };
}

/** Writes the "not computed" note of a section missing from the report; returns the next row. */
export function notComputed(ws: ExcelJS.Worksheet, ctx: SheetContext, row: number): number {
  const c = ws.getCell(row, 1);
  c.value = label('not_computed', ctx.lang);
  c.font = { italic: true, color: { argb: 'FF888888' } };
  return row + 2;
}

/** Returns the translated label of a key (shorthand for sheets). */
export function L(ctx: SheetContext, key: string, vars?: Record<string, string | number>): string {
  return label(key, ctx.lang, vars);
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
  const last = lastValueColumn(ws);
  for (const f of findings)
    row = longText(
      ws,
      row,
      `[${L(ctx, f.severity)}] ${f.title[ctx.lang]}\n${L(ctx, 'cause')}: ${f.cause[ctx.lang]}\n${L(ctx, 'action')}: ${f.action[ctx.lang]}\n${L(ctx, 'finding_test')}: ${f.test[ctx.lang]}`,
      [1, Math.max(last, 5)],
    );
  return row;
}
