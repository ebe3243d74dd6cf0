// A "this year against last year" table: one row per SPEC name, the two stored values and the
// change as a spreadsheet formula (rates change in points, other numbers also in %).
import type ExcelJS from 'exceljs';
import { L, excelTable, numFmt, styleHeader, type Fmt, type SheetContext } from './style.js';

export interface CompareRow {
  key: string;
  cur: number | null;
  prev: number | null;
  fmt: Fmt;
}

/** Writes the table at (row, col) with the given column headings; returns the next free row. */
export function compareTable(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  at: { row: number; col?: number },
  rows: CompareRow[],
  heads: [cur: string, prev: string] = [L(ctx, 'this_year'), L(ctx, 'last_year')],
): number {
  const col = at.col ?? 1;
  const h = [L(ctx, 'metric'), heads[0], heads[1], L(ctx, 'change'), L(ctx, 'change_rate')];
  h.forEach((x, i) => (ws.getCell(at.row, col + i).value = x));
  styleHeader(ws, at.row, col, h.length);
  const [b, c] = [ws.getColumn(col + 1).letter, ws.getColumn(col + 2).letter];
  rows.forEach((x, i) => {
    const n = at.row + 1 + i;
    ws.getCell(n, col).value = L(ctx, x.key);
    ws.getCell(n, col + 1).value = x.cur;
    ws.getCell(n, col + 2).value = x.prev;
    if (x.cur !== null && x.prev !== null) {
      ws.getCell(n, col + 3).value = { formula: `${b}${n}-${c}${n}`, result: x.cur - x.prev };
      if (x.fmt !== 'pct' && x.prev !== 0)
        ws.getCell(n, col + 4).value = {
          formula: `${b}${n}/${c}${n}-1`,
          result: x.cur / x.prev - 1,
        };
    }
    const f = numFmt(x.fmt, ctx);
    if (f) for (const k of [1, 2, 3]) ws.getCell(n, col + k).numFmt = f;
    ws.getCell(n, col + 4).numFmt = '0.0%';
  });
  excelTable(ws, ctx, { row: at.row, col, cols: h.length, last: at.row + rows.length });
  return at.row + rows.length + 2;
}
