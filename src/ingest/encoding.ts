// Character encodings of the files Japanese businesses actually have: UTF-8 with or without BOM,
// Shift_JIS / CP932 (Excel's "CSV"), EUC-JP (old Unix systems) and UTF-16 (Excel's "Unicode text").
// DuckDB reads only UTF-8, so anything else is transcoded, streaming, to a temporary UTF-8 file.
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import type { FileEncoding } from './encoding-names.js';
import { ImportError } from './errors.js';
import { LineEncodingScanner, type LineScan } from './mixed-encoding.js';
import type { ProjectionOptions } from './projection.js';
import { projectorStage } from './projection-worker.js';

export { ENCODING_FLAGS, type FileEncoding } from './encoding-names.js';

const ICONV_NAMES: Record<FileEncoding, string> = {
  utf8: 'utf8',
  cp932: 'cp932',
  eucjp: 'euc-jp',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
};

export interface DetectedEncoding {
  encoding: FileEncoding;
  /** The file starts with a byte-order mark. */
  bom: boolean;
  /** The sample was plain ASCII: UTF-8 is a guess that the rest of the file may contradict. */
  asciiOnly: boolean;
}

/** Returns the encoding of a file from its first bytes (about 64 KiB); `complete` when the sample is the whole file. */
export function detectEncoding(sample: Uint8Array, complete = false): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf8', bom: true, asciiOnly: false };
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf16le', bom: true, asciiOnly: false };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf16be', bom: true, asciiOnly: false };
  if (sample.every((b) => b < 0x80)) return { encoding: 'utf8', bom: false, asciiOnly: true };
  if (isValidUtf8(sample, !complete)) return { encoding: 'utf8', bom: false, asciiOnly: false };
  const guess = Encoding.detect(sample, ['SJIS', 'EUCJP']);
  if (guess === 'SJIS') return { encoding: 'cp932', bom: false, asciiOnly: false };
  if (guess === 'EUCJP') return { encoding: 'eucjp', bom: false, asciiOnly: false };
  // Not valid UTF-8 and not a clean Japanese encoding either: Excel's CP932 with a stray byte is by
  // far the most common case, and the transcoder reports every byte it could not read.
  const looseGuess = Encoding.detect(sample);
  if (looseGuess === 'EUCJP') return { encoding: 'eucjp', bom: false, asciiOnly: false };
  return { encoding: 'cp932', bom: false, asciiOnly: false };
}

/** Returns true when the bytes are valid UTF-8; `partialTail` allows a sequence cut at the end. */
export function isValidUtf8(bytes: Uint8Array, partialTail = false): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partialTail });
    return true;
  } catch {
    return false;
  }
}

/** Returns the 1-based line of the first byte sequence that is not UTF-8, or 0 when all are valid. */
export function firstInvalidUtf8Line(bytes: Uint8Array, partialTail = false): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isValidUtf8(bytes.subarray(start, i), partialTail && i === bytes.length)) return line;
      line++;
      start = i + 1;
    }
  }
  return 0;
}

/** Returns up to `size` bytes from the start of the file, decompressed when `gzip`. */
export async function readSample(
  path: string,
  gzip: boolean,
  size = 64 * 1024,
): Promise<{ bytes: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  const input = createReadStream(path, gzip ? {} : { end: size });
  const stream = gzip ? input.pipe(createGunzip()) : input;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total > size) break;
    }
  } catch (err) {
    throw new ImportError(
      'unreadable_file',
      `ファイルを読めません / cannot read the file: ${(err as Error).message}`,
    );
  } finally {
    input.destroy();
    stream.destroy();
  }
  return { bytes: Buffer.concat(chunks).subarray(0, size), complete: total <= size };
}

/** Returns the text of a sample: decoded, without BOM, cut at the last complete line when partial. */
export function decodeSample(
  sample: Uint8Array,
  encoding: FileEncoding,
  complete: boolean,
): string {
  let text = iconv.decode(Buffer.from(sample), ICONV_NAMES[encoding]);
  text = text.replace(/^\uFEFF/, '');
  if (!complete) {
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  return text;
}

/** Counts U+FFFD (bytes the decoder could not map) in a decoded text stream. */
class ReplacementCounter extends Transform {
  replacements = 0;
  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    for (let i = chunk.indexOf('\uFFFD'); i >= 0; i = chunk.indexOf('\uFFFD', i + 1))
      this.replacements++;
    done(null, chunk);
  }
}

/**
 * Decodes Shift_JIS with the platform's decoder (ICU, WHATWG "Shift_JIS", which is Windows-31J:
 * the NEC and IBM extensions of CP932 included). It gives the same character as iconv-lite's cp932
 * for every valid double-byte code (checked over the whole table) and decodes about five times
 * faster; only undecodable bytes differ in how many U+FFFD they become.
 */
class ShiftJisDecoder extends Transform {
  private readonly decoder = new TextDecoder('shift_jis');
  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(done: TransformCallback): void {
    done(null, this.decoder.decode());
  }
}

/**
 * Writes the file as UTF-8 (no BOM) to `out`, streaming; returns the count of characters that
 * could not be decoded (each became U+FFFD) and, for Shift_JIS, which lines are UTF-8 instead
 * (mixed-encoding.ts). `onBytes` receives the input bytes read so far. With `project`, only
 * those columns are written (projection.ts; Shift_JIS and EUC-JP only, whose bytes allow it).
 */
export async function transcodeToUtf8(
  path: string,
  out: string,
  encoding: FileEncoding,
  gzip: boolean,
  onBytes?: (bytesRead: number) => void,
  project?: ProjectionOptions,
): Promise<{ replacements: number; scan?: LineScan }> {
  if (project && encoding !== 'cp932' && encoding !== 'eucjp')
    throw new RangeError(`column projection is not safe on ${encoding}`);
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onBytes) input.on('data', () => onBytes(input.bytesRead));
  const counter = new ReplacementCounter();
  // Only Shift_JIS is scanned: EUC-JP's byte pairs are valid UTF-8 too often to tell them apart.
  const scanner = encoding === 'cp932' ? new LineEncodingScanner() : undefined;
  const stages: NodeJS.ReadWriteStream[] = [];
  if (gzip) stages.push(createGunzip());
  if (scanner) stages.push(scanner);
  if (project) stages.push(projectorStage(project));
  stages.push(
    encoding === 'cp932'
      ? new ShiftJisDecoder()
      : (iconv.decodeStream(ICONV_NAMES[encoding], {
          stripBOM: true,
        }) as unknown as NodeJS.ReadWriteStream),
  );
  stages.push(counter);
  await pipeline([input, ...stages, createWriteStream(out, { highWaterMark: 1 << 20 })]);
  return { replacements: counter.replacements, scan: scanner?.scan };
}

// The hashing loop, run in a worker thread: the import's own thread is busy transcoding while
// the file is hashed, and 1 GiB of SHA-256 is about 1.3 s of CPU there. Plain CommonJS
// evaluated as is, so it needs no build step or loader.
const HASH_WORKER = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (c) => hash.update(c))
  .on('error', (e) => parentPort.postMessage({ error: e.message }))
  .on('end', () => parentPort.postMessage({ hex: hash.digest('hex') }));
`;

/** Returns the SHA-256 (hex) of the file's bytes as given (compressed files hashed compressed), computed off the main thread. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // The worker inherits the parent's flags; `--input-type=module` (a script given with -e, as
    // the bench runner does) would make this CommonJS source a module, where require is undefined.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: path, execArgv });
    worker.once('message', (m: { hex?: string; error?: string }) => {
      void worker.terminate();
      if (m.hex) resolve(m.hex);
      else reject(new Error(m.error ?? 'hash failed'));
    });
    worker.once('error', reject);
    // A worker that ends without an answer (killed, out of memory) must not leave the import waiting.
    worker.once('exit', (code) => reject(new Error(`the hash worker stopped (exit ${code})`)));
  });
}
