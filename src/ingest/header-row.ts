// Finding the header row of a file that starts with a report title: Excel exports and hand-kept
// sheets often put "受注一覧レポート", a blank line and "出力日: 2024/05/01" above the real header.
// The guess is conservative: the first row stays the header whenever it can be one; a lower row
// is taken only when everything above it is title-like (narrow) and the rows below it fit under
// it. When neither is safe the import stops and names the --skip it suspects.
import { ImportError } from './errors.js';

/** One record of the file's start: its 1-based line (CSV) or sheet row (xlsx) and its cells. */
export interface StartRecord {
  number: number;
  cells: string[];
}

/** The record chosen as header: its index in the records, and whether it is below the first one. */
export interface HeaderChoice {
  index: number;
  detected: boolean;
}

/** Records looked at for the header (the title block of a report is a few lines). */
export const HEADER_SEARCH_ROWS = 20;
/** Rows below a candidate header checked for fitting under it. */
const FIT_ROWS = 5;
/** Records a caller should hand to findHeaderRow (fewer when the file is shorter). */
export const START_RECORDS = HEADER_SEARCH_ROWS + FIT_ROWS;

type CellKind = 'empty' | 'text' | 'value' | 'month';

const NUMBER = /^[-+△▲]?[¥￥$]?\(?[\d,]*\d(\.\d+)?\)?(円|%|個|点)?$/;
const FULL_DATE =
  /^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s*\(.\))?([\sT]\d{1,2}[:時].*)?$|^\d{8}(\d{6})?$/;
const MONTH = /^\d{4}\s*[-/.年]\s*\d{1,2}\s*月?$/;

// What a cell says about its row: text is what headers are made of; numbers and dates are data;
// a month (2024年1月, 2024-01) may be either (the headers of a wide sheet), so it counts for neither.
function cellKind(cell: string): CellKind {
  const t = cell.normalize('NFKC').trim();
  if (t === '') return 'empty';
  if (MONTH.test(t) || /^\d{4}[-/]\d{1,2}[-/]0?1$/.test(t)) return 'month';
  if (NUMBER.test(t) || FULL_DATE.test(t)) return 'value';
  return 'text';
}

interface Shape {
  nonEmpty: number;
  /** Index of the last non-empty cell + 1. */
  width: number;
  text: number;
  month: number;
}

function shapeOf(cells: string[]): Shape {
  const s: Shape = { nonEmpty: 0, width: 0, text: 0, month: 0 };
  cells.forEach((c, i) => {
    const kind = cellKind(c);
    if (kind === 'empty') return;
    s.nonEmpty++;
    s.width = i + 1;
    if (kind === 'text') s.text++;
    if (kind === 'month') s.month++;
  });
  return s;
}

// A header has at least two cells, and (months aside) at least 80 % of them are text; a row of
// months only is the header of a wide sheet whose corner cell is empty.
function headerLike(s: Shape): boolean {
  const judged = s.nonEmpty - s.month;
  if (judged === 0) return s.month >= 2;
  return s.nonEmpty >= 2 && s.text >= 1 && s.text >= 0.8 * judged;
}

// The rows below a header fit under it: there is at least one, and none is wider.
function rowsFit(shapes: Shape[], at: number): boolean {
  const below = shapes.slice(at + 1).filter((s) => s.nonEmpty > 0);
  if (below.length === 0) return false;
  return below.slice(0, FIT_ROWS).every((s) => s.width <= shapes[at].width);
}

// A title line: one cell, or two of which one at most is text ("出力日", "2024/05/01"), and fewer
// than the header has. Two text cells may be a short header itself ("顧客ID", "氏名") above data
// rows with a note right of them: never skipped on a guess.
function titleLike(s: Shape, header: Shape): boolean {
  if (s.nonEmpty === 0) return true;
  if (s.nonEmpty >= header.nonEmpty) return false;
  return s.nonEmpty === 1 || (s.nonEmpty === 2 && s.text <= 1);
}

/**
 * Returns the header among the first records of a file (blank records included, in order).
 * Throws `header_not_found` naming `--skip N` when the first record cannot be the header and no
 * lower one is safely one.
 */
export function findHeaderRow(records: StartRecord[], file = ''): HeaderChoice {
  const shapes = records.slice(0, START_RECORDS).map((r) => shapeOf(r.cells));
  const first = shapes.findIndex((s) => s.nonEmpty > 0);
  if (first < 0) return { index: 0, detected: false };
  if (headerLike(shapes[first]) && rowsFit(shapes, first)) return { index: first, detected: false };
  // The first lower record that reads as a header with the data fitting under it is taken when
  // everything above it is a title; otherwise it is only the suspect of the error.
  let suspect = -1;
  for (let i = first + 1; i < Math.min(shapes.length, HEADER_SEARCH_ROWS); i++) {
    if (!headerLike(shapes[i]) || !rowsFit(shapes, i)) continue;
    if (shapes.slice(0, i).every((s) => titleLike(s, shapes[i])))
      return { index: i, detected: true };
    suspect = i;
    break;
  }
  // As before: the first non-blank record, when it is header-like or at least as wide as the data
  // (an .xlsx may have notes right of its header; a header may have numeric names).
  const widest = Math.max(...shapes.slice(first + 1).map((s) => s.width), 0);
  if (headerLike(shapes[first]) || shapes[first].width >= widest)
    return { index: first, detected: false };
  if (suspect < 0)
    suspect = shapes.findIndex((s, i) => i > first && s.nonEmpty >= 2 && s.width === widest);
  throw headerNotFound(records[suspect >= 0 ? suspect : first].number, file);
}

function headerNotFound(row: number, file: string): ImportError {
  const name = file ? `${file}: ` : '';
  return new ImportError(
    'header_not_found',
    `${name}見出し行が見つかりません。${row} 行目が見出しなら --skip ${row - 1} を付けてください / ` +
      `${name}cannot tell which row is the header; if it is row ${row}, add --skip ${row - 1}`,
  );
}
