// A CSV file written in large chunks: rows are concatenated into a short string (~16 K chars),
// which is encoded into a 1 MiB Buffer, which is handed to a write stream when full, so tens of
// millions of rows cost a few thousand writes. The short string keeps every row young for the
// GC (a rope of a million characters gets promoted and the GC then dominates), and encoding a
// batch at a time avoids the per-call cost of Buffer.write on every row.
// The stream's buffer is kept a few chunks deep so generation and disk writes overlap (the
// generator yields to the event loop now and then); when it is full the generator awaits 'drain'
// (backpressure) instead of piling rows up in memory.
import { createWriteStream, type WriteStream } from 'node:fs';

const CHUNK_BYTES = 1 << 20;
const BATCH_CHARS = 16 << 10;
const STREAM_BUFFER_BYTES = 8 << 20;

/** One output file. */
export class CsvSink {
  /** Data rows written (header excluded). */
  rows = 0;
  /** Bytes written, header included. */
  bytes = 0;
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private batch = '';
  private readonly stream: WriteStream;
  private waiting: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private error: Error | null = null;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { highWaterMark: STREAM_BUFFER_BYTES });
    // Keep the first error (disk full, …) and wake anyone waiting; drained() and close() throw it.
    this.stream.on('error', (err) => {
      this.error ??= err;
      this.wake?.();
    });
    this.stream.on('drain', () => this.wake?.());
    this.pos = this.buf.write(header.join(',') + '\n', 0);
  }

  /** Appends one row; `line` must already end with a newline. */
  row(line: string): void {
    this.batch += line;
    this.rows++;
    if (this.batch.length >= BATCH_CHARS) this.encode();
  }

  /** True while the stream's buffer is full: the caller should await drained() before more rows. */
  get blocked(): boolean {
    return this.waiting !== null || this.error !== null;
  }

  /** Resolves when the stream has room again; rejects with the stream's error. */
  async drained(): Promise<void> {
    if (this.waiting) await this.waiting;
    if (this.error) throw this.error;
  }

  /** Writes the remaining rows and closes the file; rejects with the stream's error. */
  async close(): Promise<void> {
    this.encode();
    this.flush();
    if (!this.error) await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.error) throw this.error;
  }

  /** Closes the file without waiting, after a failure elsewhere. */
  destroy(): void {
    this.stream.destroy();
  }

  // Moves the batch into the Buffer, handing the Buffer to the stream first if it might not fit.
  private encode(): void {
    const worst = 3 * this.batch.length; // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (worst > CHUNK_BYTES)
      throw new RangeError(`${this.path}: a row longer than ${CHUNK_BYTES / 3} characters`);
    if (this.pos + worst > CHUNK_BYTES) this.flush();
    this.pos += this.buf.write(this.batch, this.pos);
    this.batch = '';
  }

  // Hands the filled part of the Buffer to the stream. The stream keeps it until written, so
  // the next rows go into a new Buffer.
  private flush(): void {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.pos = 0;
    this.queue(chunk);
  }

  private queue(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.stream.write(chunk) && !this.waiting) {
      this.waiting = new Promise<void>((resolve) => {
        this.wake = () => {
          this.waiting = null;
          this.wake = null;
          resolve();
        };
      });
    }
  }
}

/** Returns a promise that resolves when none of the sinks is blocked, or null when none is now. */
export function drainAll(sinks: readonly CsvSink[]): Promise<void> | null {
  let wait: Promise<void> | null = null;
  for (const s of sinks) if (s.blocked) wait = (wait ?? Promise.resolve()).then(() => s.drained());
  return wait;
}
