// Files in two encodings: a Shift_JIS file with one line pasted from a UTF-8 source, or the other
// way round. Transcoding the whole file as one encoding would store that line garbled (山田 as
// 螻ｱ逕ｰ) with nothing said, so each line is classified as it streams past: non-ASCII bytes that
// are valid UTF-8 and decode to Japanese are a UTF-8 line; non-ASCII bytes that are not valid
// UTF-8 are a legacy (Shift_JIS) line. Real Shift_JIS text is almost never valid UTF-8 with
// Japanese in it (its kanji lead bytes 0x88–0x9F are UTF-8 continuation bytes), and half-width
// katakana pairs that happen to be valid UTF-8 decode to Latin letters, which do not count.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { ImportError } from './errors.js';

/** A line the scan kept: its 1-based number and its first bytes. */
export interface ScannedLine {
  line: number;
  bytes: Buffer;
}

/** What the scan found: lines of each kind (the first few kept) and their counts. */
export interface LineScan {
  utf8Count: number;
  legacyCount: number;
  utf8: ScannedLine[];
  legacy: ScannedLine[];
}

const KEEP_LINES = 5;
const KEEP_BYTES = 400;

// Hiragana, katakana, CJK punctuation and ideographs, full-width and half-width forms.
function isJapanese(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xff01 && cp <= 0xff9f)
  );
}

/**
 * A pass-through byte stream that classifies each line (see the file comment). The UTF-8 check
 * is a byte loop over locals (files are scanned whole while they are transcoded, so it must be
 * cheap); once a line is known not to be UTF-8 the loop jumps to its end.
 */
export class LineEncodingScanner extends Transform {
  readonly scan: LineScan = { utf8Count: 0, legacyCount: 0, utf8: [], legacy: [] };
  private line = 1;
  // The reading of a line cut at a chunk's end: non-ASCII seen, not UTF-8, Japanese seen, and
  // the UTF-8 sequence in progress (continuation bytes expected, code point, smallest legal value).
  private nonAscii = false;
  private invalid = false;
  private japanese = false;
  private need = 0;
  private cp = 0;
  private min = 0;
  /** The first bytes of a line cut at the end of the previous chunk. */
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.feed(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.nonAscii) this.keep(this.invalid || this.need > 0, this.japanese, Buffer.alloc(0));
    done();
  }

  /** Classifies the lines of `chunk`, carrying a line cut at the chunk's end into the next. */
  feed(chunk: Buffer): void {
    let { nonAscii, invalid, japanese, need, cp, min } = this;
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i];
      if (b === 0x0a) {
        if (nonAscii) this.keep(invalid || need > 0, japanese, chunk.subarray(start, i));
        else if (this.carry.length) this.carry = Buffer.alloc(0);
        this.line++;
        nonAscii = invalid = japanese = false;
        need = 0;
        start = i + 1;
      } else if (invalid) {
        const nl = chunk.indexOf(0x0a, i);
        i = (nl < 0 ? n : nl) - 1;
      } else if (need === 0) {
        if (b < 0x80) continue;
        nonAscii = true;
        // A lead byte: 110xxxxx, 1110xxxx or 11110xxx (C0, C1 and F5–FF are never UTF-8).
        need =
          b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        if (need === 0) invalid = true;
        cp = b & (0x7f >> (need + 1));
        min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
      } else if (b < 0x80 || b > 0xbf) {
        invalid = true;
      } else {
        cp = (cp << 6) | (b & 0x3f);
        if (--need === 0) {
          if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) invalid = true;
          else if (isJapanese(cp)) japanese = true;
        }
      }
    }
    Object.assign(this, { nonAscii, invalid, japanese, need, cp, min });
    if (start < n && this.carry.length < KEEP_BYTES) {
      const room = KEEP_BYTES - this.carry.length;
      this.carry = Buffer.concat([this.carry, chunk.subarray(start, start + room)]);
    }
  }

  // Counts a line with non-ASCII bytes by kind and keeps the first few (the current line number).
  private keep(invalid: boolean, japanese: boolean, tail: Buffer): void {
    const kind = invalid ? 'legacy' : japanese ? 'utf8' : null;
    if (kind) {
      this.scan[kind === 'utf8' ? 'utf8Count' : 'legacyCount']++;
      const list = this.scan[kind];
      if (list.length < KEEP_LINES) {
        const bytes = Buffer.concat([this.carry, tail]).subarray(0, KEEP_BYTES);
        list.push({ line: this.line, bytes });
      }
    }
    this.carry = Buffer.alloc(0);
  }
}

/** Scans a whole file (decompressed when `gzip`) line by line. */
export async function scanFileLines(path: string, gzip: boolean): Promise<LineScan> {
  const scanner = new LineEncodingScanner();
  const stages: NodeJS.ReadWriteStream[] = gzip ? [createGunzip()] : [];
  const sink = new Writable({ write: (_c, _e, done) => done() });
  await pipeline([createReadStream(path, { highWaterMark: 1 << 20 }), ...stages, scanner, sink]);
  return scanner.scan;
}

// A kept line as text in its own encoding, trimmed for a message.
function lineText(l: ScannedLine, encoding: 'utf8' | 'cp932'): string {
  const text = encoding === 'utf8' ? l.bytes.toString('utf8') : iconv.decode(l.bytes, 'cp932');
  return text.replace(/\r$/, '').slice(0, 120);
}

function listLines(lines: ScannedLine[], total: number, encoding: 'utf8' | 'cp932'): string {
  const list = lines.map((l) => `  ${l.line} 行目 / line ${l.line}: ${lineText(l, encoding)}`);
  if (total > lines.length)
    list.push(`  … ほか ${total - lines.length} 行 / and ${total - lines.length} more`);
  return list.join('\n');
}

const ONE_ENCODING_JA =
  'ファイル全体を一つの文字コードで保存し直してください（Excel なら「CSV UTF-8」か「CSV (コンマ区切り)」で保存）';
const ONE_ENCODING_EN =
  'save the whole file in one encoding (in Excel: "CSV UTF-8" or "CSV (Comma delimited)")';

/**
 * Returns the error of a file read as Shift_JIS in which some lines are UTF-8, or null when
 * there are none. The lines named are the fewer kind: a Shift_JIS file with one UTF-8 line
 * names that line; a UTF-8 file with one Shift_JIS line (taken for Shift_JIS) names that one.
 */
export function mixedEncodingError(path: string, scan: LineScan): ImportError | null {
  if (scan.utf8Count === 0) return null;
  const file = basename(path);
  const oddUtf8 = scan.utf8Count <= scan.legacyCount;
  const [odd, count] = oddUtf8 ? [scan.utf8, scan.utf8Count] : [scan.legacy, scan.legacyCount];
  const lines = odd.map((l) => l.line).join(', ');
  const head = oddUtf8
    ? `${file} は Shift_JIS ですが、${lines} 行目は UTF-8 で書かれています。${ONE_ENCODING_JA} / ` +
      `${file} is Shift_JIS but line ${lines} is written in UTF-8; ${ONE_ENCODING_EN}`
    : `${file} は UTF-8 ですが、${lines} 行目は Shift_JIS で書かれています。${ONE_ENCODING_JA} / ` +
      `${file} is UTF-8 but line ${lines} is written in Shift_JIS; ${ONE_ENCODING_EN}`;
  return new ImportError(
    'mixed_encoding',
    `${head}\n${listLines(odd, count, oddUtf8 ? 'utf8' : 'cp932')}`,
  );
}

/**
 * Returns the error of a UTF-8 file in which DuckDB met bytes that are not UTF-8: the lines,
 * found by scanning the file, shown as Shift_JIS. `duckdbLine` is DuckDB's own line number,
 * used when the scan finds nothing (a stray byte that is no Japanese encoding either).
 */
export async function notUtf8Explained(
  path: string,
  gzip: boolean,
  duckdbLine: number | undefined,
): Promise<ImportError> {
  const scan = await scanFileLines(path, gzip);
  const file = basename(path);
  const first = scan.legacy[0]?.line ?? duckdbLine ?? '?';
  const rest = scan.utf8Count > 0 ? 'ほかの行は UTF-8 です。' : '';
  const restEn = scan.utf8Count > 0 ? ' while the other lines are UTF-8' : '';
  const list = scan.legacy.length ? `\n${listLines(scan.legacy, scan.legacyCount, 'cp932')}` : '';
  // Naming the encoding helps only a file that has no UTF-8 Japanese at all.
  const flag =
    scan.utf8Count > 0
      ? ['', '']
      : [
          '（すべて Shift_JIS なら --encoding sjis）',
          ' (or add --encoding sjis if it is all Shift_JIS)',
        ];
  return new ImportError(
    'invalid_encoding',
    `${file} の ${first} 行目が UTF-8 ではありません（下は Shift_JIS として読んだもの）。${rest}${ONE_ENCODING_JA}${flag[0]} / ` +
      `line ${first} of ${file} is not UTF-8 (shown below as Shift_JIS)${restEn}; ${ONE_ENCODING_EN}${flag[1]}${list}`,
  );
}
