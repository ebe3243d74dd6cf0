// Column projection while a legacy-encoded file is transcoded. A 楽天 export has about 140
// columns and the import reads a fifth of them; DuckDB must still tokenise every one, and the
// transcoder must decode and write them all. Dropping the unread columns from the byte stream
// before decoding cuts both. It is safe on the raw bytes of Shift_JIS and EUC-JP: every byte of a
// multi-byte character is ≥ 0x40 (Shift_JIS trail bytes) or ≥ 0x80, so a byte equal to `"`, the
// delimiter, CR or LF is always that character.
//
// The projector is strict: anything it is not sure DuckDB would read the same way (a record with
// another number of fields than the header, a quote inside an unquoted field, text after a closing
// quote, a bare CR, an empty line) throws ProjectionAbort, and the caller transcodes the whole
// file instead. So a file with problems is read, and its errors are reported, exactly as before.
//
// Each output record carries one extra last field: `1` when a dropped field held something, else
// empty. A row is blank (not data) only when every one of its fields is empty, including dropped
// ones, and that field keeps the test honest.
import { Transform, type TransformCallback } from 'node:stream';

/** Thrown when the file's shape is not one the projector reads with certainty. */
export class ProjectionAbort extends Error {
  constructor(reason: string) {
    super(`column projection abandoned: ${reason}`);
  }
}

/** The header of the extra last field (a name no export uses). */
export const DROPPED_FLAG_HEADER = '_kenshin_dropped';

export interface ProjectionOptions {
  /** 0-based indexes of the columns to keep, in any order (written in file order). */
  keep: number[];
  /** Fields in every record (the header's width). */
  width: number;
  /** The delimiter's byte (`,` or tab). */
  delimiter: number;
  /** Physical lines above the header passed through unchanged (a report title). */
  skipLines: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

// Field states: at the start of a field, inside an unquoted field, inside quotes, just after a
// quote inside quotes (either the closing quote or the first of an escaped pair).
const START = 0;
const PLAIN = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

/** A byte transform that keeps only the chosen columns of a delimited file (see the file comment). */
export class ColumnProjector extends Transform {
  private readonly kept: Uint8Array;
  private readonly firstKept: number;
  private readonly width: number;
  private readonly delim: number;
  private skip: number;
  private state = START;
  private field = 0;
  private fieldLen = 0;
  private droppedNonEmpty = false;
  private afterCr = false;
  private header = true;

  constructor(opts: ProjectionOptions) {
    super();
    if (opts.keep.length === 0) throw new RangeError('no column to keep');
    this.width = opts.width;
    this.kept = new Uint8Array(opts.width);
    for (const i of opts.keep) {
      if (i < 0 || i >= opts.width)
        throw new RangeError(`column ${i} outside 0..${opts.width - 1}`);
      this.kept[i] = 1;
    }
    this.firstKept = Math.min(...opts.keep);
    this.delim = opts.delimiter;
    this.skip = opts.skipLines;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      done(null, this.feed(chunk));
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.afterCr) throw new ProjectionAbort('bare CR at the end');
      if (this.state === QUOTED) throw new ProjectionAbort('unclosed quote at the end');
      // A last record without a line end ends as if it had one: the same checks and flag.
      if (this.field > 0 || this.fieldLen > 0) {
        done(null, this.feed(Buffer.from([LF])));
        return;
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** Returns the projected bytes of `chunk`; the state carries over to the next chunk. */
  feed(chunk: Buffer): Buffer {
    // Output outgrows input only by the flag field (2 bytes) per record, the header by its name;
    // a whole record in the chunk takes at least `width` bytes (its delimiters and LF), and the
    // chunk may end one record and start another. Sized tight: chunks are large and many.
    const records = Math.ceil(chunk.length / this.width) + 2;
    const out = Buffer.allocUnsafe(chunk.length + 2 * records + DROPPED_FLAG_HEADER.length + 4);
    let o = 0;
    let i = 0;
    const n = chunk.length;
    while (this.skip > 0 && i < n) {
      const b = chunk[i++];
      out[o++] = b;
      if (b === LF) this.skip--;
    }
    // The hot loop works on locals (property access per byte costs more than the work itself)
    // and copies byte by byte.
    const kept = this.kept;
    const delim = this.delim;
    const width = this.width;
    const firstKept = this.firstKept;
    let state = this.state;
    let field = this.field;
    let fieldLen = this.fieldLen;
    let keep = kept[field] === 1;
    let dropped = this.droppedNonEmpty;
    if (this.afterCr && i < n) {
      if (chunk[i] !== LF) throw new ProjectionAbort('bare CR');
      this.afterCr = false;
      i++;
    }
    while (i < n) {
      if (state === QUOTED) {
        // A byte loop, not indexOf: most quoted fields are "" and a native call costs more.
        let j = i;
        while (j < n && chunk[j] !== QUOTE) j++;
        const end = j < n ? j + 1 : n;
        if (keep) {
          for (let k = i; k < end; k++) out[o++] = chunk[k];
        }
        fieldLen += end - i;
        i = end;
        if (j < n) state = QUOTE_SEEN;
        continue;
      }
      const b = chunk[i++];
      if (state === START && !keep && b === QUOTE && chunk[i] === QUOTE && chunk[i + 1] === delim) {
        // The commonest field of a wide export: a dropped, empty "" and its delimiter, in one step.
        i += 2;
        if (++field >= width) throw new ProjectionAbort('more fields than the header');
        keep = kept[field] === 1;
        if (keep && field !== firstKept) out[o++] = delim;
        continue;
      }
      if (state === QUOTE_SEEN && b === QUOTE) {
        // An escaped quote ("") inside quotes.
        state = QUOTED;
        fieldLen++;
        if (keep) out[o++] = b;
        continue;
      }
      if (b === delim || b === LF || b === CR) {
        // The field ends. A dropped field that held anything ("" is nothing) sets the flag.
        if (!keep && fieldLen > 0 && !(state === QUOTE_SEEN && fieldLen === 2)) dropped = true;
        state = START;
        fieldLen = 0;
        if (b === delim) {
          if (++field >= width) throw new ProjectionAbort('more fields than the header');
          keep = kept[field] === 1;
          if (keep && field !== firstKept) out[o++] = delim;
          continue;
        }
        if (field !== width - 1) {
          throw new ProjectionAbort(field === 0 ? 'empty line' : 'fewer fields than the header');
        }
        this.droppedNonEmpty = dropped;
        o = this.endRecord(out, o, b === CR);
        field = 0;
        keep = kept[0] === 1;
        dropped = false;
        if (b === CR) {
          if (i === n) this.afterCr = true;
          else if (chunk[i++] !== LF) throw new ProjectionAbort('bare CR');
        }
        continue;
      }
      if (state === QUOTE_SEEN) throw new ProjectionAbort('text after a closing quote');
      if (state === START) state = b === QUOTE ? QUOTED : PLAIN;
      else if (b === QUOTE) throw new ProjectionAbort('quote inside an unquoted field');
      fieldLen++;
      if (keep) out[o++] = b;
    }
    this.state = state;
    this.field = field;
    this.fieldLen = fieldLen;
    this.droppedNonEmpty = dropped;
    return out.subarray(0, o);
  }

  // Writes the record's tail (the flag field, the line end) and starts the next record.
  private endRecord(out: Buffer, o: number, crlf: boolean): number {
    out[o++] = this.delim;
    if (this.header)
      for (let k = 0; k < DROPPED_FLAG_HEADER.length; k++)
        out[o++] = DROPPED_FLAG_HEADER.charCodeAt(k);
    else if (this.droppedNonEmpty) out[o++] = 0x31;
    if (crlf) out[o++] = CR;
    out[o++] = LF;
    this.header = false;
    this.field = 0;
    this.droppedNonEmpty = false;
    return o;
  }
}
