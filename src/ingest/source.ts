// Turning whatever file the user has into a UTF-8 delimited file that DuckDB's read_csv can read,
// plus what we learnt on the way: format, compression, encoding, delimiter and the header row.
// Only .xlsx, non-UTF-8 files and wide ad-spend sheets are rewritten (to a temporary file); UTF-8
// CSV/TSV, gzipped or not, are read by DuckDB in place. Without --skip the header row is found
// below a report title (header-row.ts).
//
// Opening and rewriting are two steps (openSource, readySource) so that a Shift_JIS file is
// transcoded only once the import knows which columns it reads: the others are dropped on the way
// (projection.ts), which makes a 110-column 楽天 export much quicker to read (docs/benchmarks.md).
// prepareSource does both for callers that read every column.
import { access, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  decodeSample,
  detectEncoding,
  firstInvalidUtf8Line,
  readSample,
  transcodeToUtf8,
  type FileEncoding,
} from './encoding.js';
import { ImportError } from './errors.js';
import { ProjectionAbort, type ProjectionOptions } from './projection.js';
import { EXIT } from '../domain/errors.js';
import { findHeaderRow, START_RECORDS, type HeaderChoice, type StartRecord } from './header-row.js';
import { mixedEncodingError } from './mixed-encoding.js';
import { isTotalWord, reshapeWide, type WideSheet } from './wide.js';
import { xlsxToCsv } from './xlsx.js';

export interface SourceOptions {
  encoding?: FileEncoding;
  delimiter?: string;
  sheet?: string;
  /** Lines (CSV) or rows (xlsx) above the header, e.g. a report title; found when not given. */
  skip?: number;
  /** Read a sheet with a column per month (ad spend) as (date, channel, amount) rows. */
  wide?: boolean;
  /** Input bytes read while rewriting a file, of `total` bytes. */
  onBytes?: (done: number, total: number) => void;
}

export interface SourceFile {
  /** The file the user named. */
  path: string;
  format: 'csv' | 'xlsx';
  gzip: boolean;
  encoding: FileEncoding;
  bom: boolean;
  /** UTF-8 was assumed from a plain-ASCII sample; the body may still prove it wrong. */
  asciiGuess: boolean;
  delimiter: string;
  headers: string[];
  /** 1-based line (CSV) or sheet row (xlsx) of the header in the user's file. */
  headerRow: number;
  /** The header was found below a report title (no --skip given). */
  headerDetected: boolean;
  /** What DuckDB reads: the original file or a temporary UTF-8 copy. */
  csvPath: string;
  /** csvPath is gzip-compressed. */
  csvGzip: boolean;
  /** Lines above the header in csvPath. */
  csvSkip: number;
  /**
   * csvPath holds only these columns of `headers` (0-based, in file order), then a last field set
   * when a dropped column held anything (projection.ts). Unset: every column.
   */
  csvColumns?: number[];
  /** Set until readySource has rewritten the file (a legacy encoding waiting for its columns). */
  pending?: { dir: () => Promise<string>; size: number; opts: SourceOptions };
  /** csvPath carries the spreadsheet row number as an extra last column (xlsx). */
  rowColumn: boolean;
  /** Characters that could not be decoded (each stored as U+FFFD). */
  replacements: number;
  sheet?: string;
  /** Set when a wide sheet (a column per month) was reshaped into long rows (wide.ts). */
  wide?: WideSheet;
  warnings: string[];
  /** Removes the temporary files. */
  cleanup(): Promise<void>;
}

/** What the import result tells of how the file was read, beyond format and encoding. */
export interface SourceFacts {
  /** 1-based line (CSV) or sheet row (xlsx) of the header. */
  headerRow: number;
  /** The header was found below a report title. */
  headerDetected: boolean;
  /** A wide sheet: its channel column, its month columns and what was left out. */
  wide?: { label: string; months: string[]; skipped: string[]; totalRows: number };
}

/** Returns the facts of a prepared source for the import result. */
export function sourceFacts(s: SourceFile): SourceFacts {
  const facts: SourceFacts = { headerRow: s.headerRow, headerDetected: s.headerDetected };
  if (s.wide) {
    const { label, months, skipped, totalRows } = s.wide;
    facts.wide = { label, months, skipped, totalRows };
  }
  return facts;
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Returns the delimiter that splits the header line into the most fields (quotes respected); ',' on a tie. */
export function detectDelimiter(headerLine: string, preferTab = false): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  if (preferTab && counts.get('\t')! > 0) return '\t';
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Returns the header fields of a decoded text (the first record after `skip` lines). */
export function parseHeader(text: string, delimiter: string, skip = 0): string[] {
  const records = parse(text, {
    delimiter,
    quote: '"',
    escape: '"',
    from_line: skip + 1,
    to: 1,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  return (records[0] ?? []).map((h) => h.trim());
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    await fh.read(buf, 0, 2, 0);
    return buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Opens `path`: format, encoding, delimiter and header. An .xlsx is converted and a wide sheet
 * reshaped here; a legacy-encoded CSV waits for readySource.
 */
export async function openSource(path: string, opts: SourceOptions = {}): Promise<SourceFile> {
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new ImportError('file_not_found', `ファイルがありません / file not found: ${path}`);
  if (info.isDirectory())
    throw new ImportError(
      'file_is_directory',
      `「${path}」はフォルダです。取り込むファイルを指定してください / "${path}" is a folder; name the file to import`,
    );
  if (!info.isFile())
    throw new ImportError('file_not_found', `ファイルがありません / file not found: ${path}`);
  await access(path, constants.R_OK).catch(() => {
    throw new ImportError(
      'file_permission',
      `「${path}」を読む権限がありません。所有者と権限を確認してください / no permission to read "${path}"; check its owner and mode`,
      EXIT.resources,
    );
  });
  if (info.size === 0)
    throw new ImportError('empty_file', `ファイルが空です / the file is empty: ${path}`);
  const ext = extname(path.replace(/\.gz$/i, '')).toLowerCase();
  if (ext === '.xls') {
    throw new ImportError(
      'xls_unsupported',
      `古い .xls 形式は読めません。.xlsx か CSV で保存し直してください / the old .xls format is not supported; save as .xlsx or CSV`,
    );
  }
  let tmp: string | undefined;
  const tempDir = async () => (tmp ??= await mkdtemp(join(tmpdir(), 'kenshin-import-')));
  const cleanup = async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
  try {
    const source =
      ext === '.xlsx' || ext === '.xlsm'
        ? await fromXlsx(path, await tempDir(), opts, cleanup)
        : await fromDelimited(path, info.size, tempDir, opts, cleanup);
    // A wide sheet's columns are only known after reshaping, which reads the whole file.
    if (opts.wide) {
      await readySource(source);
      await reshapeIfWide(source, await tempDir());
    }
    return source;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Prepares `path` for DuckDB with every column (opened, then transcoded or converted when needed). */
export async function prepareSource(path: string, opts: SourceOptions = {}): Promise<SourceFile> {
  return readySource(await openSource(path, opts));
}

/**
 * Rewrites an opened source for DuckDB when it must be (a legacy encoding). With `keep`, only
 * those columns (0-based indexes of `headers`) are written; a file whose shape the projection is
 * not sure of is transcoded whole instead. Cleans up and rethrows on failure.
 */
export async function readySource(source: SourceFile, keep?: number[]): Promise<SourceFile> {
  const pending = source.pending;
  if (!pending) return source;
  try {
    const dir = await pending.dir();
    const project = keep && projectionOf(source, keep);
    try {
      await transcode(source, dir, pending.size, pending.opts, project);
    } catch (err) {
      if (!(err instanceof ProjectionAbort)) throw err;
      await transcode(source, dir, pending.size, pending.opts);
    }
    source.pending = undefined;
    return source;
  } catch (err) {
    await source.cleanup();
    throw err;
  }
}

// The projection of a legacy-encoded delimited source, or undefined when it would not pay or
// is not safe (UTF-16; a delimiter other than comma or tab; nearly every column read).
function projectionOf(source: SourceFile, keep: number[]): ProjectionOptions | undefined {
  const width = source.headers.length;
  const cols = [...new Set(keep)].filter((i) => i >= 0 && i < width).sort((a, b) => a - b);
  if (source.encoding !== 'cp932' && source.encoding !== 'eucjp') return undefined;
  if (source.delimiter !== ',' && source.delimiter !== '\t') return undefined;
  if (cols.length === 0 || cols.length * 4 > width * 3) return undefined;
  return {
    keep: cols,
    width,
    delimiter: source.delimiter.charCodeAt(0),
    skipLines: source.csvSkip,
  };
}

// A CSV/TSV (gzipped or not): its encoding, delimiter and header; transcoded when not UTF-8.
async function fromDelimited(
  path: string,
  size: number,
  tempDir: () => Promise<string>,
  opts: SourceOptions,
  cleanup: () => Promise<void>,
): Promise<SourceFile> {
  const gzip = /\.gz$/i.test(path) || (await isGzip(path));
  const sample = await readSample(path, gzip);
  const detected = opts.encoding
    ? { encoding: opts.encoding, bom: false, asciiOnly: false }
    : detectEncoding(sample.bytes, sample.complete);
  const badLine =
    detected.encoding === 'utf8' ? firstInvalidUtf8Line(sample.bytes, !sample.complete) : 0;
  if (badLine > 0) throw notUtf8(path, badLine);
  const text = decodeSample(sample.bytes, detected.encoding, sample.complete);
  const source: SourceFile = {
    path,
    format: 'csv',
    gzip,
    encoding: detected.encoding,
    bom: detected.bom,
    asciiGuess: detected.asciiOnly,
    delimiter: '',
    headers: [],
    headerRow: 1,
    headerDetected: false,
    csvPath: path,
    csvGzip: gzip,
    csvSkip: opts.skip ?? 0,
    rowColumn: false,
    replacements: 0,
    warnings: [],
    cleanup,
  };
  readHeader(source, text, opts, /\.(tsv|tab)$/i.test(path.replace(/\.gz$/i, '')));
  if (detected.encoding !== 'utf8') source.pending = { dir: tempDir, size, opts };
  return source;
}

/** Returns the error of a file that is not UTF-8 where UTF-8 was named or assumed. */
export function notUtf8(path: string, line: number | undefined): ImportError {
  return new ImportError(
    'invalid_encoding',
    `${basename(path)} の ${line ?? '?'} 行目が UTF-8 ではありません。--encoding sjis などで文字コードを指定してください / ` +
      `line ${line ?? '?'} is not valid UTF-8; name the encoding with --encoding (sjis, cp932, eucjp, utf8)`,
  );
}

// The header line: the one after --skip lines, else the one findHeaderRow chooses among the first
// records. The delimiter is read from the header line as before; see headerBelowTitle for a file
// whose first line is a title without any delimiter.
function readHeader(
  source: SourceFile,
  text: string,
  opts: SourceOptions,
  tabByName: boolean,
): void {
  const lines = text.split(/\r?\n/);
  if (opts.skip !== undefined) {
    const headerLine = lines[opts.skip] ?? '';
    if (headerLine.trim() === '') throw noHeader(source.path, opts.skip);
    source.delimiter = opts.delimiter ?? detectDelimiter(headerLine, tabByName);
    source.headerRow = opts.skip + 1;
  } else {
    const start = lines.slice(0, START_RECORDS);
    const first = start.find((l) => l.trim() !== '');
    if (first === undefined) throw noHeader(source.path, 0);
    source.delimiter = opts.delimiter ?? detectDelimiter(first, tabByName);
    const records = startRecords(text, source.delimiter);
    let choice = findHeaderRow(records, basename(source.path));
    source.headerRow = records[choice.index]?.number ?? 1;
    const below = opts.delimiter ? null : headerBelowTitle(text, start, first, tabByName);
    if (below && !choice.detected) {
      [choice, source.delimiter, source.headerRow] = [below.choice, below.delimiter, below.row];
    }
    source.headerDetected = choice.detected;
  }
  source.csvSkip = source.headerRow - 1;
  source.headers = parseHeader(text, source.delimiter, source.csvSkip);
}

const hasDelimiter = (line: string) => DELIMITERS.some((d) => line.includes(d));

// A title line without any delimiter ("受注一覧") tells nothing of the delimiter: the first line
// that has one is tried instead, and its header is taken only when found below the title and the
// rows under it split into exactly as many fields (a one-column file whose values hold a ';' must
// not turn into a ';'-separated one).
function headerBelowTitle(
  text: string,
  start: string[],
  first: string,
  tabByName: boolean,
): { choice: HeaderChoice; delimiter: string; row: number } | null {
  const other = hasDelimiter(first) ? undefined : start.find(hasDelimiter);
  if (other === undefined) return null;
  const delimiter = detectDelimiter(other, tabByName);
  const records = startRecords(text, delimiter);
  let choice: HeaderChoice;
  try {
    choice = findHeaderRow(records, '');
  } catch {
    return null;
  }
  const header = records[choice.index];
  const rows = records.slice(choice.index + 1).filter((r) => r.cells.some((c) => c.trim()));
  const even =
    rows.length > 0 && rows.slice(0, 5).every((r) => r.cells.length === header.cells.length);
  return choice.detected && even ? { choice, delimiter, row: header.number } : null;
}

function noHeader(path: string, skip: number): ImportError {
  return new ImportError(
    'empty_file',
    `見出し行がありません / no header line${skip ? ` after skipping ${skip} lines` : ''}: ${path}`,
  );
}

// The first records of a decoded sample with the line each starts on (blank lines are records).
function startRecords(text: string, delimiter: string): StartRecord[] {
  const head = text
    .split('\n')
    .slice(0, START_RECORDS * 20)
    .join('\n');
  const records = parse(head, {
    delimiter,
    quote: '"',
    escape: '"',
    to: START_RECORDS,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  return records.map((r) => ({
    number: r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length,
    cells: r.record,
  }));
}

async function transcode(
  source: SourceFile,
  dir: string,
  size: number,
  opts: SourceOptions,
  project?: ProjectionOptions,
): Promise<void> {
  const out = join(dir, basename(source.path).replace(/(\.gz)?$/i, '') + '.utf8.csv');
  const { replacements, scan } = await transcodeToUtf8(
    source.path,
    out,
    source.encoding,
    source.gzip,
    (done) => opts.onBytes?.(done, size),
    project,
  );
  // A UTF-8 line in a Shift_JIS file would be stored garbled: stop and name it.
  const mixed = scan && mixedEncodingError(source.path, scan);
  if (mixed) throw mixed;
  source.csvPath = out;
  source.csvGzip = false;
  source.csvColumns = project?.keep;
  source.replacements = replacements;
  if (replacements > 0) {
    source.warnings.push(
      `${source.encoding} として読めない文字が ${replacements} 個あり、「\uFFFD」に置き換えました / ` +
        `${replacements} characters could not be read as ${source.encoding} and became "\uFFFD"`,
    );
  }
}

async function fromXlsx(
  path: string,
  dir: string,
  opts: SourceOptions,
  cleanup: () => Promise<void>,
): Promise<SourceFile> {
  const out = join(dir, 'sheet.csv');
  const x = await xlsxToCsv(path, out, { sheet: opts.sheet, skip: opts.skip });
  const warnings: string[] = [];
  if (x.cellsBeyondHeader > 0) {
    warnings.push(
      `見出しのない列の値 ${x.cellsBeyondHeader} 個は読みません / ${x.cellsBeyondHeader} cells right of the last header are not read`,
    );
  }
  return {
    path,
    format: 'xlsx',
    gzip: false,
    encoding: 'utf8',
    bom: false,
    asciiGuess: false,
    delimiter: ',',
    headers: x.headers,
    headerRow: x.headerRow,
    headerDetected: x.headerDetected,
    csvPath: out,
    csvGzip: false,
    csvSkip: 0,
    rowColumn: true,
    replacements: 0,
    sheet: x.sheet,
    warnings,
    cleanup,
  };
}

// A sheet with a column per month becomes a long temporary file (date, channel, amount, row) in
// the source's delimiter, with the original row numbers as the row column (wide.ts).
async function reshapeIfWide(source: SourceFile, dir: string): Promise<void> {
  const out = join(dir, 'wide-long.csv');
  const sheet = await reshapeWide(
    {
      path: source.csvPath,
      gzip: source.csvGzip,
      delimiter: source.delimiter,
      skip: source.csvSkip,
      headers: source.headers,
      rowColumn: source.rowColumn,
      checkUtf8: source.format === 'csv' && source.csvPath === source.path,
    },
    out,
  );
  if (!sheet) return;
  Object.assign(source, {
    wide: sheet,
    headers: ['date', 'channel', 'amount'],
    csvPath: out,
    csvGzip: false,
    csvSkip: 0,
    rowColumn: true,
  });
  source.warnings.push(...wideWarnings(sheet));
}

// What a wide sheet left out: totals (they would double the spend) and other columns.
function wideWarnings(sheet: WideSheet): string[] {
  const out: string[] = [];
  const totals = sheet.skipped.filter(isTotalWord);
  const others = sheet.skipped.filter((h) => !isTotalWord(h));
  if (totals.length || sheet.totalRows) {
    const ja = [
      totals.length ? `合計の列（${totals.join(', ')}）` : '',
      sheet.totalRows ? `合計の行 ${sheet.totalRows} 行` : '',
    ].filter(Boolean);
    const en = [
      totals.length ? `the total column ${totals.join(', ')}` : '',
      sheet.totalRows ? `${sheet.totalRows} total row${sheet.totalRows > 1 ? 's' : ''}` : '',
    ].filter(Boolean);
    out.push(
      `${ja.join('と')}は取り込みません（費用が二重になるため） / not imported, as they would double the spend: ${en.join(' and ')}`,
    );
  }
  if (others.length) {
    out.push(
      `媒体でも月でもない列は取り込みません: ${others.join(', ')} / columns that are neither the channel nor a month are not imported: ${others.join(', ')}`,
    );
  }
  return out;
}

/** Re-reads a source whose plain-ASCII start hid another encoding further down, transcoding it all. */
export async function retranscode(
  source: SourceFile,
  encoding: FileEncoding,
  opts: SourceOptions = {},
): Promise<SourceFile> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-import-'));
  const size = (await stat(source.path)).size;
  const next: SourceFile = {
    ...source,
    encoding,
    asciiGuess: false,
    cleanup: async () => {
      await source.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await transcode(next, dir, size, opts);
  return next;
}
