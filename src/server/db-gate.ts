// One DuckDB connection runs one statement at a time and a transaction (BEGIN … COMMIT) belongs
// to the whole connection, so requests take turns: each `run` waits for the previous to end.
// Reads of the latest report never come here (report-cache.ts serves them from memory).
import type { DuckDBConnection } from '@duckdb/node-api';

export class DbGate {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly conn: DuckDBConnection) {}

  /** Returns the result of `fn`, run alone on the connection (queued behind earlier calls). */
  run<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const out = this.tail.then(() => fn(this.conn));
    // The queue continues whether this call succeeds or fails.
    this.tail = out.catch(() => undefined);
    return out;
  }
}
