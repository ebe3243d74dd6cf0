// What the store step (import-store.ts) takes to write one target table: the importer builds it
// (src/ingest/final-sql.ts) over its staging view, the store writes it.

/** What the store step needs to write one target table. */
export interface FinalQuery {
  table: string;
  /** Target columns in table order. */
  columns: string[];
  key: string[];
  /** SELECT producing `columns` and _row. */
  sql: string;
  /** Columns the file did not have: an existing row keeps its stored value. */
  absent: string[];
  /**
   * An absent column whose kept value still depends on the file (SQL over the stored row `o` and
   * the file's row `s`): an order's stored status becomes returned when the file makes its amount
   * negative.
   */
  keep?: Record<string, string>;
  /** Columns that keep their stored value when the customer was anonymised (SPEC §9). */
  personal: string[];
  /**
   * Rows share a key (order lines): with their orders, an order's lines are compared and replaced
   * as a whole; alone (order-items without order times), line by line (src/store/import-store.ts).
   */
  grouped: boolean;
}
