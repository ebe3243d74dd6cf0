// .xlsx files: exceljs's streaming reader turns one worksheet into a temporary UTF-8 CSV that the
// DuckDB path reads like any other file. The spreadsheet's own row numbers travel in an extra last
// column, so errors name the row the user sees even when blank rows were skipped.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { ImportError } from './errors.js';

export interface XlsxResult {
  headers: string[];
  sheet: string;
  /** Data rows written (blank rows skipped). */
  rows: number;
  /** Header row number in the sheet (1-based). */
  headerRow: number;
  /** Non-empty cells right of the last header, which are not read. */
  cellsBeyondHeader: number;
}

/** Returns the text of a cell as a person would read it (dates as local YYYY-MM-DD[ HH:MM:SS]). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
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
      result = { headers: [], sheet: name, rows: 0, headerRow: 0, cellsBeyondHeader: 0 };
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.every((v) => v.trim() === '') || row.number <= (opts.skip ?? 0)) continue;
        if (result.headers.length === 0) {
          result.headers = trimTrailingEmpty(values);
          result.headerRow = row.number;
          await write([...result.headers, '__row'].map(csvField).join(',') + '\n');
          continue;
        }
        const width = result.headers.length;
        result.cellsBeyondHeader += values.slice(width).filter((v) => v.trim() !== '').length;
        const cells = Array.from({ length: width }, (_, i) => csvField(values[i] ?? ''));
        await write(cells.join(',') + `,${row.number}\n`);
        result.rows++;
      }
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

function trimTrailingEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1].trim() === '') end--;
  return values.slice(0, end);
}
