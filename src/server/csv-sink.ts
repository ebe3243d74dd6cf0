// A segment export written straight into an HTTP response: the same CSV rules as the file
// export (outputs/csv-export.ts: RFC 4180, CRLF, UTF-8 with BOM or CP932), streamed in batches
// with back-pressure, so a million-row list never sits in memory.
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { csvLine, encodeCp932, type CsvEncoding } from '../outputs/csv-export.js';
import type { RowSink } from '../store/segments.js';

const FLUSH_CHARS = 1 << 17;

export class HttpCsvSink implements RowSink {
  /** The response body: pass it to reply.send(). */
  readonly stream = new PassThrough();
  private buf = '';
  private rows = 0;
  private replaced = 0;

  constructor(private readonly encoding: CsvEncoding) {
    if (encoding === 'utf8-bom') this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Writes the header record. */
  async writeHeader(values: readonly (string | null)[]): Promise<void> {
    await this.add(csvLine(values));
  }

  /** Writes one member. */
  async writeRow(values: readonly (string | null)[]): Promise<void> {
    this.rows++;
    await this.add(csvLine(values));
  }

  /** Ends the response; returns the rows written and the characters CP932 could not hold. */
  async close(): Promise<{ rows: number; replaced: number }> {
    const out = await this.finish();
    await this.commit();
    return out;
  }

  /**
   * Sends every row but keeps the response open: the download completes only at commit, after
   * the export's audit row is stored, so no client holds a list whose export was not logged.
   */
  async finish(): Promise<{ rows: number; replaced: number }> {
    await this.flush();
    return { rows: this.rows, replaced: this.replaced };
  }

  /** Ends the response. */
  async commit(): Promise<void> {
    this.stream.end();
  }

  /** Breaks the response off, so the client sees a failed download rather than a short list. */
  async abort(): Promise<void> {
    this.stream.destroy(new Error('export failed'));
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
    } else bytes = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    // A client that went away must not hold the database connection: stop the export.
    if (this.stream.destroyed) throw new Error('the client closed the download');
    if (!this.stream.write(bytes)) await drainOrClose(this.stream);
  }
}

/** Resolves when the stream drains or closes (a closed stream never drains). */
async function drainOrClose(s: PassThrough): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([
      once(s, 'drain', { signal: ac.signal }),
      once(s, 'close', { signal: ac.signal }),
    ]);
  } finally {
    ac.abort();
  }
}
