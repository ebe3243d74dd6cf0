// Writing a report section whose shape the workbook does not know in detail: scalars become
// label/value rows, arrays of objects become tables, nested objects get a heading each. The
// number format is chosen from the SPEC name of the field (…_rate → %, revenue → money), so
// a section another engineer adds to the report is readable in the workbook the day it lands.
import type ExcelJS from 'exceljs';
import { heading, numFmt, styleHeader, type Fmt, type SheetContext } from './style.js';
import { label } from './labels.js';

type Scalar = string | number | boolean | null;

const MONEY = /(amount|revenue|ltv|clv|cost|cpa|spend|profit|price|sales|value)(_|$)/;
const RATE = /(rate|share|ratio|pct|percent|probability|gini)(_|$)/;
const PER = /(per_|avg_|mean|median|average|expected)/;

/** Returns the format a field of this name gets (money, rate, per-customer average, count). */
export function fmtOfKey(key: string, v: unknown): Fmt {
  const k = key.toLowerCase();
  if (typeof v !== 'number') return 'text';
  if (RATE.test(k)) return 'pct';
  if (MONEY.test(k) && !k.includes('count')) return 'money';
  if (PER.test(k) || !Number.isInteger(v)) return 'dec2';
  return 'int';
}

/** Returns true for a value written in one cell. */
function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** Returns a cell value for a scalar or a small nested value (as compact JSON). */
function cellOf(v: unknown): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (isScalar(v)) return v;
  return JSON.stringify(v);
}

/** Flattens one level of nested objects into dotted keys (deeper values stay JSON). */
function flatten(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>)) out[`${k}.${k2}`] = v2;
    } else out[k] = v;
  }
  return out;
}

/** Returns a column label: the known label of the last part of a dotted key, else the key. */
function colLabel(key: string, ctx: SheetContext): string {
  const parts = key.split('.');
  return parts.map((p) => label(p, ctx.lang)).join(' / ');
}

/** Writes an array of objects as a table at `row`; returns the next free row. */
export function writeRecords(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  row: number,
  records: Record<string, unknown>[],
  max = 5000,
): number {
  const flat = records.slice(0, max).map(flatten);
  const keys: string[] = [];
  for (const r of flat) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  keys.forEach((k, i) => (ws.getCell(row, 1 + i).value = colLabel(k, ctx)));
  styleHeader(ws, row, 1, keys.length);
  flat.forEach((r, j) => {
    keys.forEach((k, i) => {
      const c = ws.getCell(row + 1 + j, 1 + i);
      c.value = cellOf(r[k]);
      const f = numFmt(fmtOfKey(k.split('.').pop()!, r[k]), ctx);
      if (f) c.numFmt = f;
    });
  });
  if (records.length > max)
    ws.getCell(row + flat.length + 1, 1).value = `… ${records.length - max} more`;
  return row + flat.length + 2 + (records.length > max ? 1 : 0);
}

/** Writes any JSON section from `row`; returns the next free row. */
export function writeSection(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  value: unknown,
  row: number,
  depth = 0,
): number {
  if (Array.isArray(value)) {
    if (value.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      return writeRecords(ws, ctx, row, value as Record<string, unknown>[]);
    }
    ws.getCell(row, 1).value = value
      .map((x) => (isScalar(x) ? String(x) : JSON.stringify(x)))
      .join(', ');
    return row + 2;
  }
  if (!value || typeof value !== 'object') {
    ws.getCell(row, 1).value = cellOf(value);
    return row + 2;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const scalars = entries.filter(
    ([, v]) => isScalar(v) || v === undefined || (Array.isArray(v) && v.every(isScalar)),
  );
  for (const [k, v] of scalars) {
    ws.getCell(row, 1).value = label(k, ctx.lang);
    ws.getCell(row, 1).font = { bold: true };
    const c = ws.getCell(row, 2);
    c.value = Array.isArray(v) ? v.join(', ') : cellOf(v);
    const f = numFmt(fmtOfKey(k, v), ctx);
    if (f) c.numFmt = f;
    row++;
  }
  if (scalars.length) row++;
  for (const [k, v] of entries) {
    if (scalars.some(([s]) => s === k)) continue;
    row = heading(ws, row, depth ? `${label(k, ctx.lang)}` : label(k, ctx.lang));
    row = writeSection(ws, ctx, v, row, depth + 1);
  }
  return row;
}
