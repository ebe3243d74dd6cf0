// A "this year against last year" table: one row per SPEC name, the two stored values and the
// change as a spreadsheet formula (rates change in points, other numbers also in %). A rate
// given its bases reads as every output reads it (report/format.ts): blank, with no change,
// when too few customers stand behind either side, and its n and interval in a last column.
import type ExcelJS from 'exceljs';
import { rateEvidence, readRate } from '../../report/format.js';
import { L, excelTable, numFmt, styleHeader, type Fmt, type SheetContext } from './style.js';

export interface CompareRow {
  key: string;
  cur: number | null;
  prev: number | null;
  fmt: Fmt;
  /** A rate's bases (the customers each side is out of). */
  base?: [cur: number, prev: number];
}

/** Returns the row as shown: a rate out of too few customers blanked, and its evidence line. */
function shown(ctx: SheetContext, x: CompareRow, heads: [string, string]) {
  if (!x.base) return { cur: x.cur, prev: x.prev, evidence: null };
  const c = readRate(x.cur, x.base[0], ctx.minRateBase);
  const p = readRate(x.prev, x.base[1], ctx.minRateBase);
  const evidence = [
    `${heads[0]}: ${rateEvidence(c, ctx.lang) || '—'}`,
    `${heads[1]}: ${rateEvidence(p, ctx.lang) || '—'}`,
  ].join(' / ');
  return { cur: c.judged ? x.cur : null, prev: p.judged ? x.prev : null, evidence };
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
  const withEvidence = rows.some((x) => x.base);
  if (withEvidence) h.push(L(ctx, 'wb_rate_evidence'));
  h.forEach((x, i) => (ws.getCell(at.row, col + i).value = x));
  styleHeader(ws, at.row, col, h.length);
  const [b, c] = [ws.getColumn(col + 1).letter, ws.getColumn(col + 2).letter];
  rows.forEach((row, i) => {
    const n = at.row + 1 + i;
    const v = shown(ctx, row, heads);
    const x = { ...row, cur: v.cur, prev: v.prev };
    ws.getCell(n, col).value = L(ctx, x.key);
    ws.getCell(n, col + 1).value = x.cur;
    ws.getCell(n, col + 2).value = x.prev;
    if (v.evidence) ws.getCell(n, col + 5).value = v.evidence;
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
