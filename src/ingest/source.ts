// Turning whatever file the user has into a UTF-8 delimited file that DuckDB's read_csv can read,
// plus what we learnt on the way: format, compression, encoding, delimiter and the header row.
// Only .xlsx and non-UTF-8 files are rewritten (to a temporary file); UTF-8 CSV/TSV, gzipped or
// not, are read by DuckDB in place.
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
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
import { xlsxToCsv } from './xlsx.js';

export interface SourceOptions {
  encoding?: FileEncoding;
  delimiter?: string;
  sheet?: string;
  /** Lines (CSV) or rows (xlsx) above the header, e.g. a report title. */
  skip?: number;
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
  /** What DuckDB reads: the original file or a temporary UTF-8 copy. */
  csvPath: string;
  /** csvPath is gzip-compressed. */
  csvGzip: boolean;
  /** Lines above the header in csvPath. */
  csvSkip: number;
  /** csvPath carries the spreadsheet row number as an extra last column (xlsx). */
  rowColumn: boolean;
  /** Characters that could not be decoded (each stored as U+FFFD). */
  replacements: number;
  sheet?: string;
  warnings: string[];
  /** Removes the temporary files. */
  cleanup(): Promise<void>;
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

/** Prepares `path` for DuckDB (transcoding or converting into a temporary directory when needed). */
export async function prepareSource(path: string, opts: SourceOptions = {}): Promise<SourceFile> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile())
    throw new ImportError('file_not_found', `ファイルがありません / file not found: ${path}`);
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
    if (ext === '.xlsx' || ext === '.xlsm')
      return await fromXlsx(path, await tempDir(), opts, cleanup);
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
      csvPath: path,
      csvGzip: gzip,
      csvSkip: opts.skip ?? 0,
      rowColumn: false,
      replacements: 0,
      warnings: [],
      cleanup,
    };
    readHeader(source, text, opts, /\.(tsv|tab)$/i.test(path.replace(/\.gz$/i, '')));
    if (detected.encoding !== 'utf8') await transcode(source, await tempDir(), info.size, opts);
    return source;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Returns the error of a file that is not UTF-8 where UTF-8 was named or assumed. */
export function notUtf8(path: string, line: number | undefined): ImportError {
  return new ImportError(
    'invalid_encoding',
    `${basename(path)} の ${line ?? '?'} 行目が UTF-8 ではありません。--encoding sjis などで文字コードを指定してください / ` +
      `line ${line ?? '?'} is not valid UTF-8; name the encoding with --encoding (sjis, cp932, eucjp, utf8)`,
  );
}

function readHeader(
  source: SourceFile,
  text: string,
  opts: SourceOptions,
  tabByName: boolean,
): void {
  const lines = text.split(/\r?\n/);
  const headerLine = lines[opts.skip ?? 0] ?? '';
  if (headerLine.trim() === '') {
    throw new ImportError(
      'empty_file',
      `見出し行がありません / no header line${opts.skip ? ` after skipping ${opts.skip} lines` : ''}: ${source.path}`,
    );
  }
  source.delimiter = opts.delimiter ?? detectDelimiter(headerLine, tabByName);
  source.headers = parseHeader(text, source.delimiter, opts.skip ?? 0);
}

async function transcode(
  source: SourceFile,
  dir: string,
  size: number,
  opts: SourceOptions,
): Promise<void> {
  const out = join(dir, basename(source.path).replace(/(\.gz)?$/i, '') + '.utf8.csv');
  const { replacements } = await transcodeToUtf8(
    source.path,
    out,
    source.encoding,
    source.gzip,
    (done) => opts.onBytes?.(done, size),
  );
  source.csvPath = out;
  source.csvGzip = false;
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
