// Print layout of every sheet: A4, fit to the page width (landscape where the sheet is wide),
// the frozen header rows repeated on each page, a header and footer with the business, the
// as-of date and "page x / y", and page breaks between sections placed so that no chart (or
// other block that must stay whole) is split over two pages.
import type ExcelJS from 'exceljs';
import { lastValueColumn, layoutOf, spanUnits, type SheetContext } from './style.js';
import { label } from './labels.js';

// A4 in points, and the margins set below (inches → points).
const A4 = { long: 842, short: 595 };
const MARGIN = { left: 0.4, right: 0.4, top: 0.65, bottom: 0.6, header: 0.25, footer: 0.25 };
// Share of the printable height the paginator plans for: row heights and fonts differ a
// little between Excel and LibreOffice, and a chart must never be cut at the bottom.
const SAFE = 0.92;
// A column unit is ~7 px (+5 px padding per column) at 96 dpi; a point is 4/3 px.
const PX_PER_UNIT = 7;
// Every sheet's rows are this tall unless set (written as a custom default, so Excel and
// LibreOffice agree and the paginator's arithmetic holds): the row of 11-point Japanese text.
export const DEFAULT_ROW_PT = 13.5;

/** Returns the last column that holds a value (merged cells and charts count to their end). */
export function usedColumns(ws: ExcelJS.Worksheet, ctx: SheetContext): number {
  let n = lastValueColumn(ws);
  for (const ch of ctx.nativeCharts) if (ch.sheet === ws.name) n = Math.max(n, ch.to.col);
  return n;
}

/** Returns the printed width of columns 1..n in points. */
function sheetWidthPt(ws: ExcelJS.Worksheet, n: number): number {
  return ((spanUnits(ws, 1, n) * PX_PER_UNIT + 5 * n) * 3) / 4;
}

/** Returns a row's height in points (its set height, else Excel's default). */
function rowPt(ws: ExcelJS.Worksheet, r: number): number {
  const h = ws.getRow(r).height;
  return h && h > 0 ? h : DEFAULT_ROW_PT;
}

/** Returns the height of rows first..last in points. */
function rowsPt(ws: ExcelJS.Worksheet, first: number, last: number): number {
  let h = 0;
  for (let r = first; r <= last; r++) h += rowPt(ws, r);
  return h;
}

/** Returns the rows before which a page break goes, so that no kept block is split. */
export function planBreaks(
  ws: ExcelJS.Worksheet,
  pageRowsPt: number,
  titleRows: number,
  lastRow: number,
): number[] {
  const l = layoutOf(ws);
  const starts = [...new Set([1, ...l.sections])].filter((r) => r <= lastRow).sort((a, b) => a - b);
  const titlePt = titleRows ? rowsPt(ws, 1, titleRows) : 0;
  const breaks: number[] = [];
  let used = 0;
  // Where an automatic break fell is only estimated (fonts and scaling differ between Excel
  // and LibreOffice), so after one a chart always starts a page of its own.
  let wrapped = false;
  starts.forEach((start, i) => {
    const end = Math.min((starts[i + 1] ?? lastRow + 1) - 1, lastRow);
    const h = rowsPt(ws, start, end);
    const kept = l.keep.some(([a, b]) => a >= start && b <= end);
    const fits = used + h <= pageRowsPt;
    // A section holding a chart, or a short one, starts a new page rather than being split.
    const whole = kept || h <= pageRowsPt * 0.35;
    if (used > titlePt && whole && h <= pageRowsPt - titlePt && (!fits || (kept && wrapped))) {
      breaks.push(start);
      used = titlePt;
      wrapped = false;
    }
    used += h;
    // Automatic breaks inside a long section: only the fill of its last page carries on.
    while (used > pageRowsPt) {
      used = used - pageRowsPt + titlePt;
      wrapped = true;
    }
  });
  return breaks;
}

/** Returns header/footer text with '&' escaped (it starts a code there). */
function hf(s: string): string {
  return s.replace(/&/g, '&&');
}

/** Sets the print layout of one sheet. */
export function printLayout(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  info: { business: string; asOf: string },
): void {
  const l = layoutOf(ws);
  ws.properties.defaultRowHeight = DEFAULT_ROW_PT;
  const cols = usedColumns(ws, ctx);
  const width = sheetWidthPt(ws, cols);
  const printable = (o: 'portrait' | 'landscape') =>
    (o === 'portrait' ? A4.short : A4.long) - (MARGIN.left + MARGIN.right) * 72;
  const orientation = width > printable('portrait') ? 'landscape' : 'portrait';
  const scale = Math.min(1, printable(orientation) / width);
  const pageHeight =
    (orientation === 'portrait' ? A4.long : A4.short) - (MARGIN.top + MARGIN.bottom) * 72;
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  const titleRows = view?.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  // Charts may reach below the last written row.
  const lastRow = l.printRows?.[1] ?? Math.max(ws.rowCount, ...l.keep.map(([, b]) => b));
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: l.onePage ? 1 : 0,
    horizontalCentered: false,
    margins: MARGIN,
    ...(titleRows ? { printTitlesRow: `1:${titleRows}` } : {}),
    ...(l.printRows
      ? {
          // exceljs puts a '$' before each corner; the rows need their own.
          printArea: `A$${l.printRows[0]}:${ws.getColumn(cols).letter}$${l.printRows[1]}`,
        }
      : {}),
  };
  const asOf = `${label('as_of', ctx.lang)} ${info.asOf}`;
  const page = label('page', ctx.lang, { page: '&P', pages: '&N' });
  ws.headerFooter = {
    oddHeader: `&L${hf(info.business)}&C${hf(ws.name)}&R${hf(asOf)}`,
    oddFooter: `&L${hf(label('title', ctx.lang))}&R${page}`,
  };
  if (l.onePage) return;
  for (const r of planBreaks(ws, (pageHeight * SAFE) / scale, titleRows, lastRow))
    if (r > (l.printRows?.[0] ?? 1)) ws.getRow(r - 1).addPageBreak();
}
