// Writing CSV files the way Japanese Excel and DM vendors expect (SPEC §8): RFC 4180 quoting,
// CRLF line ends, UTF-8 with a BOM or Shift_JIS (CP932). Rows are written as they come, in
// batches, so a caller can stream a million rows without holding them.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { isFormulaLike } from './cell-safety.js';

export type CsvEncoding = 'utf8-bom' | 'utf8' | 'sjis';
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['utf8-bom', 'utf8', 'sjis'];
export type CsvValue = string | number | bigint | boolean | null | undefined;

export interface CsvStats {
  path: string;
  encoding: CsvEncoding;
  /** Data rows written (the header not counted). */
  rows: number;
  bytes: number;
  /** Characters Shift_JIS cannot represent, written as '?'. */
  replaced: number;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FLUSH_CHARS = 1 << 18;

/**
 * Returns one field, quoted when it holds a comma, a quote, CR or LF (RFC 4180); null is empty.
 * Text a spreadsheet would read as a formula (= + - @ tab CR first) gets a leading single quote
 * and is quoted (OWASP CSV injection); numbers, and text that is a number, are left as they are.
 */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  if (typeof v === 'string' && isFormulaLike(s)) return `"'${s.replaceAll('"', '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Returns one record with its CRLF line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

// JIS X 0208 code points that CP932 spells differently (text typed on a Mac or decoded as
// plain Shift_JIS): mapped to their CP932 twins, not replaced.
const JIS_TO_CP932: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 wave dash → ～
  '\u2016': '\u2225', // ‖ → ∥
  '\u2212': '\uFF0D', // − minus → －
  '\u00A2': '\uFFE0', // ¢
  '\u00A3': '\uFFE1', // £
  '\u00AC': '\uFFE2', // ¬
  '\u2014': '\u2015', // — em dash → ―
};
const JIS_TWINS = new RegExp(`[${Object.keys(JIS_TO_CP932).join('')}]`, 'g');
const QUESTION = 0x3f;

/** Returns how many times `code` occurs in `bytes`. */
function countByte(bytes: Uint8Array, code: number): number {
  let n = 0;
  for (let i = bytes.indexOf(code); i >= 0; i = bytes.indexOf(code, i + 1)) n++;
  return n;
}

/**
 * Returns `text` in CP932 and how many characters had to be replaced with '?'. iconv-lite writes
 * one '?' for each character CP932 lacks, and 0x3F is never the second byte of a CP932 pair, so
 * the replacements are the '?' bytes out minus the '?' characters in.
 */
export function encodeCp932(text: string): { bytes: Buffer; replaced: number } {
  const safe = text.replace(JIS_TWINS, (ch) => JIS_TO_CP932[ch]);
  const bytes = iconv.encode(safe, 'cp932');
  let given = 0;
  for (let i = safe.indexOf('?'); i >= 0; i = safe.indexOf('?', i + 1)) given++;
  return { bytes, replaced: countByte(bytes, QUESTION) - given };
}

/**
 * A CSV file being written. It goes to a temporary file beside the target and is renamed into
 * place on close, so a failed export never leaves a half-written list of personal data.
 */
export class CsvFileWriter {
  private buf = '';
  private rows = 0;
  private bytes = 0;
  private replaced = 0;

  private constructor(
    readonly path: string,
    readonly encoding: CsvEncoding,
    private readonly tmp: string,
    private readonly fh: FileHandle,
  ) {}

  /** Returns a writer for `path` (the BOM is written at once for utf8-bom). */
  static async open(path: string, encoding: CsvEncoding): Promise<CsvFileWriter> {
    if (!CSV_ENCODINGS.includes(encoding)) throw new Error(`unknown CSV encoding: ${encoding}`);
    const tmp = `${path}.${process.pid}.tmp`;
    const w = new CsvFileWriter(path, encoding, tmp, await open(tmp, 'w'));
    if (encoding === 'utf8-bom') await w.put(UTF8_BOM);
    return w;
  }

  /** Writes the header record (not counted as a row). */
  async writeHeader(values: readonly CsvValue[]): Promise<void> {
    await this.add(csvLine(values));
  }

  /** Writes one data record. */
  async writeRow(values: readonly CsvValue[]): Promise<void> {
    this.rows++;
    await this.add(csvLine(values));
  }

  /** Flushes and closes the temporary file; returns what was written (the target is not there yet). */
  async finish(): Promise<CsvStats> {
    await this.flush();
    await this.fh.close();
    return {
      path: this.path,
      encoding: this.encoding,
      rows: this.rows,
      bytes: this.bytes,
      replaced: this.replaced,
    };
  }

  /** Moves the finished file into place. */
  async commit(): Promise<void> {
    await rename(this.tmp, this.path);
  }

  /** Finishes and commits; returns what was written. */
  async close(): Promise<CsvStats> {
    const stats = await this.finish();
    await this.commit();
    return stats;
  }

  /** Discards the file (after an error). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }

  private async add(line: string): Promise<void> {
    this.buf += line;
    if (this.buf.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buf) return;
    let bytes: Buffer;
    if (this.encoding === 'sjis') {
      const enc = encodeCp932(this.buf);
      bytes = enc.bytes;
      this.replaced += enc.replaced;
    } else {
      bytes = Buffer.from(this.buf, 'utf8');
    }
    this.buf = '';
    await this.put(bytes);
  }

  private async put(bytes: Buffer): Promise<void> {
    // FileHandle.write may write less than asked; loop until all is out.
    for (let off = 0; off < bytes.length;)
      off += (await this.fh.write(bytes, off, bytes.length - off)).bytesWritten;
    this.bytes += bytes.length;
  }
}

/** Writes a whole CSV (header, then rows from any iterable) and returns what was written. */
export async function writeCsv(
  path: string,
  header: readonly CsvValue[],
  rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>,
  encoding: CsvEncoding = 'utf8-bom',
): Promise<CsvStats> {
  const w = await CsvFileWriter.open(path, encoding);
  try {
    await w.writeHeader(header);
    for await (const r of rows) await w.writeRow(r);
    return await w.close();
  } catch (err) {
    await w.abort();
    throw err;
  }
}
