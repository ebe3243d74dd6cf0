// Wide ad-spend sheets: the shape most shops keep their ad spend in, one row per channel and one
// column per month (媒体, 2024年1月, 2024年2月, …, 合計). Before DuckDB reads anything, the sheet
// is reshaped into a long temporary CSV (date, channel, amount, __row) with the original row
// number in the row column, the way the .xlsx path hands its sheet over; the rest of the
// importer reads it as any canonical ad-spend file. Errors are relabelled afterwards so that they
// name the month column of the cell, not the long file's "amount".
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { ImportError } from './errors.js';
import { normaliseHeader } from './headers.js';
import { wordsFor } from './header-words.js';
import { LineEncodingScanner, notUtf8Explained } from './mixed-encoding.js';
import type { ValidationSummary } from './validate.js';

/** What a wide sheet was read as; travels on the SourceFile to relabel errors. */
export interface WideSheet {
  /** The header of the channel column as the user wrote it ('' when the corner cell is empty). */
  label: string;
  /** The month headers read, as written, in column order. */
  months: string[];
  /** Headers of columns not read: totals (合計) and columns that are neither channel nor month. */
  skipped: string[];
  /** Rows whose channel is a total word (合計), not read. */
  totalRows: number;
  /** Month header of each stored date (YYYY-MM-DD). */
  headerOfDate: Record<string, string>;
  /** Per original row, the month cells whose text is not a plain number (the ones that can fail). */
  oddCells: Record<number, { header: string; text: string }[]>;
}

/** The columns of a wide sheet, found from its header. */
interface Layout {
  labelIndex: number;
  monthIndexes: number[];
  dates: string[];
  skipped: string[];
}

const TOTAL =
  /^(年間|通期|全体|総)?(合計|総計|小計|計|累計|年計)(金額)?$|^(grand|sub)?total$|^sum$/;

/** Returns true for 合計 / 総計 / 小計 / Total: a total column or row, which would double the spend. */
export function isTotalWord(text: string): boolean {
  return TOTAL.test(normaliseHeader(text));
}

const pad = (n: number) => String(n).padStart(2, '0');
const validMonth = (y: number, m: number) => y >= 1900 && y <= 2100 && m >= 1 && m <= 12;

/**
 * Returns the first day (YYYY-MM-DD) of the month a header names, 'ambiguous' for a month
 * without a year (1月), or null when the header is not a month. Accepted: 2024年1月, 2024/01,
 * 2024-1, 2024.01, 202401, and a first-of-month date (an Excel date cell shown as 2024年1月).
 */
export function monthOfHeader(header: string): string | null | 'ambiguous' {
  const t = header.normalize('NFKC').replace(/\s+/g, '');
  if (/^\d{1,2}月(分)?$/.test(t)) return 'ambiguous';
  const m =
    /^(\d{4})年(\d{1,2})月(分)?$/.exec(t) ??
    /^(\d{4})[-/.](\d{1,2})$/.exec(t) ??
    /^(\d{4})(\d{2})$/.exec(t) ??
    /^(\d{4})[-/](\d{1,2})[-/]0?1$/.exec(t);
  if (!m || !validMonth(Number(m[1]), Number(m[2]))) return null;
  return `${m[1]}-${pad(Number(m[2]))}-01`;
}

/** Returns the layout of a wide ad-spend header, or null when the header is a long (canonical) one. */
function wideLayout(headers: string[]): Layout | null {
  const kinds = headers.map(monthOfHeader);
  const ambiguous = headers.filter((_, i) => kinds[i] === 'ambiguous');
  const monthIndexes = kinds.flatMap((k, i) => (k && k !== 'ambiguous' ? [i] : []));
  if (monthIndexes.length + ambiguous.length < 2) return null;
  if (ambiguous.length > 0) throw ambiguousMonths(ambiguous);
  const dates = monthIndexes.map((i) => kinds[i] as string);
  const twice = dates.findIndex((d, i) => dates.indexOf(d) !== i);
  if (twice >= 0)
    throw duplicateMonth(
      headers[monthIndexes[dates.indexOf(dates[twice])]],
      headers[monthIndexes[twice]],
    );
  const rest = headers.flatMap((h, i) => (monthIndexes.includes(i) ? [] : [i]));
  const channelWords = new Set(wordsFor('ad-spend', 'channel').map(normaliseHeader));
  const candidates = rest.filter((i) => !isTotalWord(headers[i]));
  const labelIndex =
    candidates.find((i) => channelWords.has(normaliseHeader(headers[i]))) ?? candidates[0];
  if (labelIndex === undefined) throw noChannelColumn();
  const skipped = rest
    .filter((i) => i !== labelIndex && headers[i].trim() !== '')
    .map((i) => headers[i]);
  return { labelIndex, monthIndexes, dates, skipped };
}

function ambiguousMonths(headers: string[]): ImportError {
  const list = headers.slice(0, 5).join(', ');
  return new ImportError(
    'ambiguous_month',
    `月の見出し（${list}）に年がないため、どの年の費用か分かりません。「2024年1月」や「2024-01」のように年を入れてください / ` +
      `the month headers (${list}) have no year; write them with the year, e.g. 2024年1月 or 2024-01`,
  );
}

function duplicateMonth(a: string, b: string): ImportError {
  return new ImportError(
    'duplicate_month',
    `同じ月の列が 2 つあります（「${a}」と「${b}」）。費用が二重になるので、どちらか一方にしてください / ` +
      `two columns are the same month ("${a}" and "${b}"); that would double the spend, keep one`,
  );
}

function noChannelColumn(): ImportError {
  return new ImportError(
    'no_channel_column',
    `月ごとの列の表ですが、媒体（チャネル）の列がありません。最初の列に媒体名を入れてください / ` +
      `the sheet has a column per month but no channel column; put the channel names in the first column`,
  );
}

/** The input of a reshape: a UTF-8 delimited file whose header is at line `skip` + 1. */
export interface WideInput {
  path: string;
  gzip: boolean;
  delimiter: string;
  skip: number;
  headers: string[];
  /** The file's last column is the original row number (the .xlsx path's __row). */
  rowColumn: boolean;
  /** The file is the user's own UTF-8 file, read in place: check that it is UTF-8 throughout. */
  checkUtf8: boolean;
}

/** Returns null when the header is not wide; otherwise writes the long CSV to `out` and returns what it read. */
export async function reshapeWide(input: WideInput, out: string): Promise<WideSheet | null> {
  const layout = wideLayout(input.headers);
  if (!layout) return null;
  const sheet: WideSheet = {
    label: input.headers[layout.labelIndex],
    months: layout.monthIndexes.map((i) => input.headers[i]),
    skipped: layout.skipped,
    totalRows: 0,
    headerOfDate: {},
    oddCells: {},
  };
  layout.dates.forEach((d, k) => (sheet.headerOfDate[d] = sheet.months[k]));
  // The parser would turn bytes that are not UTF-8 into U+FFFD without a word: scan them.
  const scanner = input.checkUtf8 ? new LineEncodingScanner() : undefined;
  const w = createWriteStream(out, { highWaterMark: 1 << 20 });
  const write = async (line: string) => {
    if (!w.write(line)) await once(w, 'drain');
  };
  const q = input.delimiter;
  try {
    await write(['date', 'channel', 'amount', '__row'].join(q) + '\n');
    for await (const { row, cells } of records(input, scanner)) {
      const lines = longLines(sheet, layout, row, cells, q);
      if (lines) await write(lines);
    }
  } finally {
    w.end();
    await once(w, 'finish');
  }
  if (scanner && scanner.scan.legacyCount > 0)
    throw await notUtf8Explained(input.path, input.gzip, undefined);
  return sheet;
}

const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

// The long lines of one wide row: one per non-empty month cell. An empty cell is no spend and
// writes nothing; a total row (合計) and a blank row write nothing either.
function longLines(
  sheet: WideSheet,
  layout: Layout,
  row: number,
  cells: string[],
  delimiter: string,
): string {
  const label = (cells[layout.labelIndex] ?? '').trim();
  if (isTotalWord(label)) {
    sheet.totalRows++;
    return '';
  }
  const filled = layout.monthIndexes.filter((i) => (cells[i] ?? '').trim() !== '');
  let out = '';
  for (const i of filled) {
    const k = layout.monthIndexes.indexOf(i);
    const text = cells[i];
    if (!PLAIN_NUMBER.test(text.trim()))
      (sheet.oddCells[row] ??= []).push({ header: sheet.months[k], text });
    out += [layout.dates[k], csvField(label), csvField(text), row].join(delimiter) + '\n';
  }
  return out;
}

// The data records of the input with their original row numbers: the row column of an .xlsx
// sheet, or the line a CSV record starts on. A CSV record with cells right of the header is an
// error, as DuckDB would make it for a long file.
async function* records(
  input: WideInput,
  scanner?: LineEncodingScanner,
): AsyncGenerator<{ row: number; cells: string[] }> {
  const file = createReadStream(input.path);
  const parser = parse({
    delimiter: input.delimiter,
    quote: '"',
    escape: '"',
    bom: true,
    from_line: input.skip + 2,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  });
  // pipeline() carries a read error into the parser, whose iteration then throws it.
  const stages: NodeJS.ReadWriteStream[] = [
    ...(input.gzip ? [createGunzip()] : []),
    ...(scanner ? [scanner] : []),
  ];
  pipeline([file, ...stages, parser]).catch(() => undefined);
  const stream = parser;
  const width = input.headers.length;
  for await (const r of stream as AsyncIterable<{
    record: string[];
    raw: string;
    info: { lines: number };
  }>) {
    if (input.rowColumn) {
      yield { row: Number(r.record[r.record.length - 1]), cells: r.record.slice(0, -1) };
      continue;
    }
    const inner = (r.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    const line = r.info.lines - inner;
    if (r.record.slice(width).some((c) => c.trim() !== '')) throw cellsBeyondHeader(line, r.raw);
    yield { row: line, cells: r.record };
  }
}

function cellsBeyondHeader(line: number, raw: string): ImportError {
  return new ImportError(
    'bad_lines',
    `${line} 行目に見出しより右の値があります / line ${line} has values right of the last header: ${raw.trim().slice(0, 80)}`,
  );
}

/**
 * Returns the validation with each error naming the wide sheet's own column: the month column of
 * an amount or date, the channel column of a channel. Two bad cells of one row with the same text
 * are told apart by taking the row's month cells in column order.
 */
export function relabelErrors(
  sheet: WideSheet | undefined,
  v: ValidationSummary,
): ValidationSummary {
  if (!sheet) return v;
  const used = new Set<{ header: string; text: string }>();
  const monthColumns = `月の列 / month columns`;
  const columnOf = (field: string, row: number, value: string | null): string => {
    if (field === 'channel') return sheet.label || '(媒体 / channel)';
    if (field.startsWith('date')) return sheet.headerOfDate[value ?? ''] ?? monthColumns;
    const text = (value ?? '').trim();
    const cell = (sheet.oddCells[row] ?? []).find((c) => !used.has(c) && c.text.trim() === text);
    if (!cell) return monthColumns;
    used.add(cell);
    return cell.header;
  };
  return {
    ...v,
    errors: v.errors.map((e) => ({ ...e, column: columnOf(e.field, e.row, e.value) })),
    counts: v.counts.map((c) => ({
      ...c,
      column: c.column === 'channel' ? sheet.label || c.column : monthColumns,
    })),
  };
}
