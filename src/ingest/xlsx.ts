// .xlsx files: exceljs's streaming reader turns one worksheet into a temporary UTF-8 CSV that the
// DuckDB path reads like any other file. The spreadsheet's own row numbers travel in an extra last
// column, so errors name the row the user sees even when blank rows were skipped. Cells come out as
// Excel shows them where that matters for ids: a number formatted 0000000 or 000-0000 keeps its
// leading zeros. Without --skip, the header row is found below a report title (header-row.ts).
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { ImportError } from './errors.js';
import { findHeaderRow, START_RECORDS, type StartRecord } from './header-row.js';

export interface XlsxResult {
  headers: string[];
  sheet: string;
  /** Data rows written (blank rows skipped). */
  rows: number;
  /** Header row number in the sheet (1-based). */
  headerRow: number;
  /** The header was found below the first non-blank row (a report title above it). */
  headerDetected: boolean;
  /** Non-empty cells right of the last header, which are not read. */
  cellsBeyondHeader: number;
}

/**
 * Returns the text of a cell as a person would read it: dates as local YYYY-MM-DD[ HH:MM:SS],
 * numbers without float noise, and integers under a zero-padding number format as shown.
 */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === 'number') {
    const shown = numFmt ? formatNumber(value, numFmt) : null;
    if (shown !== null) return shown;
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue, numFmt);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/**
 * Returns a non-negative integer as a digit-only number format shows it (0000000 → 0012345,
 * 000-0000 → 060-0001, Excel's 郵便番号 format [<=999]000;[<=99999]000-00;000-0000), or null
 * for any other format: those change how a number looks (1,234.00, 12%), not which id it is, and
 * the number itself is what the importer wants.
 */
export function formatNumber(value: number, numFmt: string): string | null {
  if (!Number.isSafeInteger(value) || value < 0) return null;
  const section = pickSection(splitSections(numFmt), value);
  if (section === null) return null;
  const tokens = digitTokens(section);
  if (!tokens || !tokens.some((t) => t === '0')) return null;
  return fillPlaceholders(tokens, String(value));
}

// The sections of a format (positive;negative;zero or conditional ones), quotes respected.
function splitSections(fmt: string): string[] {
  const out = [''];
  let quoted = false;
  for (const ch of fmt) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

// The section Excel uses for a non-negative value: the first whose [<=N]-style condition holds,
// else the first unconditional one (the zero section for 0 in a three-part format).
function pickSection(sections: string[], value: number): string | null {
  const cond = /^\[(<=|>=|<>|<|>|=)(\d+(?:\.\d+)?)\]/;
  const tests: Record<string, (a: number, b: number) => boolean> = {
    '<=': (a, b) => a <= b,
    '>=': (a, b) => a >= b,
    '<': (a, b) => a < b,
    '>': (a, b) => a > b,
    '=': (a, b) => a === b,
    '<>': (a, b) => a !== b,
  };
  const plain = sections.map((s) => s.replace(/\[\$-[0-9A-Fa-f]+\]/g, ''));
  if (plain.some((s) => cond.test(s))) {
    for (const s of plain) {
      const m = cond.exec(s);
      if (!m) return s;
      if (tests[m[1]](value, Number(m[2]))) return s.slice(m[0].length);
    }
    return null;
  }
  return value === 0 && plain.length >= 3 ? plain[2] : plain[0];
}

// The tokens of a digit-only section: '0' and '#' placeholders and literal text ("K", \-, -, space,
// parentheses); null when the section has anything else (decimals, separators, %, colours, text @).
function digitTokens(section: string): string[] | null {
  const tokens: string[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '0' || ch === '#') tokens.push(ch);
    else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return null;
      tokens.push('L' + section.slice(i + 1, end));
      i = end;
    } else if (ch === '\\' && i + 1 < section.length) tokens.push('L' + section[++i]);
    else if ('-() '.includes(ch)) tokens.push('L' + ch);
    else return null;
  }
  return tokens;
}

// Digits fill the placeholders from the right; a '0' without a digit shows 0, a '#' nothing;
// digits beyond the placeholders go in front of the first one, as Excel does.
function fillPlaceholders(tokens: string[], digits: string): string {
  const out: string[] = [];
  let d = digits.length;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.startsWith('L')) out.push(t.slice(1));
    else out.push(d > 0 ? digits[--d] : t === '0' ? '0' : '');
  }
  const first = tokens.findIndex((t) => !t.startsWith('L'));
  const text = out.reverse();
  if (d > 0) text.splice(first, 0, digits.slice(0, d));
  return text.join('');
}

// exceljs turns an Excel serial date into a Date at that wall-clock time in UTC, so the UTC fields
// are the local date and time the user typed.
function formatExcelDate(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds() + (d.getUTCMilliseconds() >= 500 ? 1 : 0);
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${p(h)}:${p(m)}:${p(Math.min(s, 59))}`;
}

function csvField(text: string): string {
  return text === '' ? '' : `"${text.replace(/"/g, '""')}"`;
}

/** Writes the chosen worksheet (by name, else the first) of an .xlsx file to `out` as CSV; returns what it found. */
export async function xlsxToCsv(
  path: string,
  out: string,
  opts: { sheet?: string; skip?: number } = {},
): Promise<XlsxResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const w = createWriteStream(out, { highWaterMark: 1 << 20 });
  const write = async (line: string) => {
    if (!w.write(line)) await once(w, 'drain');
  };
  const seen: string[] = [];
  let result: XlsxResult | undefined;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name;
      seen.push(name);
      if (result || (opts.sheet !== undefined && name !== opts.sheet)) {
        for await (const _row of sheet) void _row; // drain: the zip is read in order
        continue;
      }
      result = await writeSheet(sheet, name, write, opts, basename(path));
    }
  } catch (err) {
    w.destroy();
    if (err instanceof ImportError) throw err;
    throw new ImportError(
      'unreadable_xlsx',
      `Excel ファイルを読めません / cannot read the .xlsx file: ${(err as Error).message}`,
    );
  }
  w.end();
  await once(w, 'finish');
  if (!result) {
    throw new ImportError(
      'sheet_not_found',
      `シート「${opts.sheet}」がありません / no sheet "${opts.sheet}". シート / sheets: ${seen.join(', ')}`,
    );
  }
  if (result.headers.length === 0)
    throw new ImportError(
      'empty_file',
      `シート「${result.sheet}」が空です / sheet "${result.sheet}" is empty`,
    );
  return result;
}

// Cell texts of a row by column (holes as ''), each under its own number format.
function rowTexts(row: ExcelJS.Row): string[] {
  const out: string[] = [];
  row.eachCell((cell, col) => {
    out[col - 1] = cellText(cell.value, cell.numFmt);
  });
  return Array.from(out, (v) => v ?? '');
}

/**
 * Writes one worksheet's header and data rows (blank rows skipped) as CSV. With --skip the header
 * is the first non-blank row after the skipped ones, as the user said; without it, the first
 * non-blank rows are held back until findHeaderRow has chosen the header among them.
 */
async function writeSheet(
  sheet: AsyncIterable<ExcelJS.Row>,
  name: string,
  write: (line: string) => Promise<void>,
  opts: { skip?: number },
  file: string,
): Promise<XlsxResult> {
  const result: XlsxResult = {
    headers: [],
    sheet: name,
    rows: 0,
    headerRow: 0,
    headerDetected: false,
    cellsBeyondHeader: 0,
  };
  const held: StartRecord[] = [];
  const setHeader = async (r: StartRecord) => {
    result.headers = trimTrailingEmpty(r.cells);
    result.headerRow = r.number;
    await write([...result.headers, '__row'].map(csvField).join(',') + '\n');
  };
  const writeRow = async (r: StartRecord) => {
    const width = result.headers.length;
    result.cellsBeyondHeader += r.cells.slice(width).filter((v) => v.trim() !== '').length;
    const cells = Array.from({ length: width }, (_, i) => csvField(r.cells[i] ?? ''));
    await write(cells.join(',') + `,${r.number}\n`);
    result.rows++;
  };
  // Chooses the header among the held rows, then writes the rows below it.
  const release = async () => {
    const choice = findHeaderRow(held, file);
    result.headerDetected = choice.detected;
    await setHeader(held[choice.index]);
    for (const r of held.slice(choice.index + 1)) await writeRow(r);
    held.length = 0;
  };
  for await (const row of sheet) {
    const r = { number: row.number, cells: rowTexts(row) };
    if (r.cells.every((v) => v.trim() === '') || row.number <= (opts.skip ?? 0)) continue;
    if (result.headerRow > 0) await writeRow(r);
    else if (opts.skip !== undefined) await setHeader(r);
    else {
      held.push(r);
      if (held.length >= START_RECORDS) await release();
    }
  }
  if (held.length > 0) await release();
  return result;
}

function trimTrailingEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1].trim() === '') end--;
  return values.slice(0, end);
}
