// The store step of an import: in one transaction, for each target table, compare the staged rows
// with the stored ones by key, delete the keys whose rows changed, insert the new and changed
// rows, and record the run. Re-importing the same file finds every row unchanged and writes
// nothing but the run record; an overlapping file updates by key and never duplicates.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FinalQuery } from './final-query.js';
import { ident, paramsFor } from './sql.js';
import { inTransaction } from './db.js';

export interface StoreCounts {
  table: string;
  /** Keys (orders for line items) not stored before. */
  inserted: number;
  /** Keys stored before whose row (or lines) changed. */
  updated: number;
  /** Keys stored before with identical rows. */
  unchanged: number;
  /** Rows written to the table. */
  rowsWritten: number;
}

export interface ImportRunRecord {
  runId: string;
  entity: string;
  file: string;
  sha256: string;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** Local wall-clock times in the business timezone, 'YYYY-MM-DD HH:MM:SS'. */
  startedAt: string;
  finishedAt: string;
}

type Params = Record<string, string | number | null>;

/**
 * Returns `fn`'s result, then drops the temporary tables. When `fn` failed (a full disk aborts
 * the transaction) the drops fail too: their error must never hide the first one.
 */
async function withTemp<T>(
  conn: DuckDBConnection,
  tables: string[],
  fn: () => Promise<T>,
): Promise<T> {
  let failed = false;
  try {
    return await fn();
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    for (const t of tables)
      await conn.run(`DROP TABLE IF EXISTS ${t}`).catch((err: unknown) => {
        if (!failed) throw err;
      });
  }
}

async function count(conn: DuckDBConnection, sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
}

/** Stores every target in one transaction and records the run; returns the counts per table. */
export async function storeImport(
  conn: DuckDBConnection,
  targets: FinalQuery[],
  params: Params,
  run: ImportRunRecord,
  tempPrefix: string,
  /** Runs inside the transaction after the targets are stored (identity links). */
  after?: () => Promise<void>,
): Promise<StoreCounts[]> {
  // Stored rows have no order of their own; letting DuckDB insert them in any order lets every
  // thread write its own row groups. This session only, and put back afterwards.
  await conn.run('SET SESSION preserve_insertion_order = false');
  let failed = false;
  try {
    return await storeAll(conn, targets, params, run, tempPrefix, after);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // After a failed store (a full disk) this may fail too; the first error is the one to tell.
    await conn.run('RESET SESSION preserve_insertion_order').catch((err: unknown) => {
      if (!failed) throw err;
    });
  }
}

async function storeAll(
  conn: DuckDBConnection,
  targets: FinalQuery[],
  params: Params,
  run: ImportRunRecord,
  tempPrefix: string,
  after?: () => Promise<void>,
): Promise<StoreCounts[]> {
  return inTransaction(conn, async () => {
    const counts: StoreCounts[] = [];
    for (const [i, t] of targets.entries())
      counts.push(await storeTarget(conn, t, params, `${tempPrefix}_m${i}`, partialLines(targets)));
    await after?.();
    await conn.run(
      `INSERT INTO import_runs (run_id, entity, file, file_sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP), CAST($9 AS TIMESTAMP))`,
      [
        run.runId,
        run.entity,
        run.file,
        run.sha256,
        run.rowsRead,
        run.rowsStored,
        run.rowsRejected,
        run.startedAt,
        run.finishedAt,
      ],
    );
    return counts;
  });
}

// An import that stores order lines without building their orders (an order-items file without
// order times) brings some lines of orders kept elsewhere: it must not delete the lines it does
// not mention. A line file that builds its orders carries each order whole and replaces it.
function partialLines(targets: FinalQuery[]): boolean {
  return !targets.some((t) => t.table === 'orders');
}

async function storeTarget(
  conn: DuckDBConnection,
  t: FinalQuery,
  params: Params,
  temp: string,
  partial: boolean,
): Promise<StoreCounts> {
  const cols = t.columns.map(ident).join(', ');
  const run = (sql: string) => conn.run(sql, paramsFor(sql, params) as never);
  const empty =
    (await count(conn, `SELECT count(*) FROM (SELECT 1 FROM ${t.table} LIMIT 1)`)) === 0;
  if (empty) {
    // First import into the table: nothing to compare with, write straight from the staging view.
    await run(`INSERT INTO ${t.table} (${cols}) SELECT ${cols} FROM (${t.sql})`);
    const written = await count(conn, `SELECT count(*) FROM ${t.table}`);
    const keys = t.grouped
      ? await count(conn, `SELECT count(DISTINCT ${t.key.map(ident).join(', ')}) FROM ${t.table}`)
      : written;
    return { table: t.table, inserted: keys, updated: 0, unchanged: 0, rowsWritten: written };
  }
  if (!t.grouped) return storeKeyed(conn, t, run, temp);
  return partial ? storeLines(conn, t, run, temp) : storeGrouped(conn, t, run, temp);
}

// One row per key: merge with the stored row (absent columns and anonymised personal data keep
// their stored values), classify, then delete changed keys and insert new and changed rows.
async function storeKeyed(
  conn: DuckDBConnection,
  t: FinalQuery,
  run: (sql: string) => Promise<unknown>,
  temp: string,
): Promise<StoreCounts> {
  const on = t.key.map((k) => `s.${ident(k)} = o.${ident(k)}`).join(' AND ');
  const existed = `o.${ident(t.key[0])} IS NOT NULL`;
  const merged = t.columns.map((c) => `${mergedColumn(t, c, existed)} AS ${ident(c)}`);
  const same = `(${t.columns.map((c) => mergedColumn(t, c, existed)).join(', ')}) IS NOT DISTINCT FROM (${t.columns.map((c) => `o.${ident(c)}`).join(', ')})`;
  await run(`CREATE TEMP TABLE ${temp} AS SELECT ${merged.join(', ')}, ${existed} AS _existed, ${existed} AND ${same} AS _same
    FROM (${t.sql}) s LEFT JOIN ${t.table} o ON ${on}`);
  return withTemp(conn, [temp], async () => {
    const keyMatch = t.key.map((k) => `${t.table}.${ident(k)} = m.${ident(k)}`).join(' AND ');
    const cols = t.columns.map(ident).join(', ');
    await run(
      `DELETE FROM ${t.table} USING ${temp} m WHERE ${keyMatch} AND m._existed AND NOT m._same`,
    );
    await run(`INSERT INTO ${t.table} (${cols}) SELECT ${cols} FROM ${temp} WHERE NOT _same`);
    const r = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (WHERE NOT _existed), count(*) FILTER (WHERE _existed AND NOT _same), count(*) FILTER (WHERE _same) FROM ${temp}`,
      )
    ).getRows()[0];
    const [inserted, updated, unchanged] = r.map(Number);
    return { table: t.table, inserted, updated, unchanged, rowsWritten: inserted + updated };
  });
}

function mergedColumn(t: FinalQuery, name: string, existed: string): string {
  const c = ident(name);
  if (name === 'attributes' && !t.absent.includes(name)) {
    // New attribute columns are merged over the stored ones (a later file may carry others).
    return `CASE WHEN o.attributes IS NULL THEN s.attributes WHEN s.attributes IS NULL THEN o.attributes
      ELSE CAST(json_merge_patch(o.attributes, s.attributes) AS VARCHAR) END`;
  }
  if (t.absent.includes(name))
    return `CASE WHEN ${existed} THEN ${t.keep?.[name] ?? `o.${c}`} ELSE s.${c} END`;
  if (t.personal.includes(name))
    return `CASE WHEN o.anonymized_at IS NOT NULL THEN o.${c} ELSE s.${c} END`;
  return `s.${c}`;
}

// Many rows per key (an order's lines): compare each order's set of lines with the stored set and
// replace the lines of new and changed orders only. An order's lines are summarised as their
// count, the exact Σ quantity × unit_price and the XOR of a 64-bit hash of each whole line (line_no
// included): no lists are built, so comparing a large file costs an aggregate, not its memory.
async function storeGrouped(
  conn: DuckDBConnection,
  t: FinalQuery,
  run: (sql: string) => Promise<unknown>,
  temp: string,
): Promise<StoreCounts> {
  const k = t.key[0];
  const digest = `count(*) AS n, sum(quantity * unit_price) AS total, bit_xor(hash(${t.columns
    .filter((c) => c !== k)
    .map(ident)
    .join(', ')})) AS h`;
  await run(`CREATE TEMP TABLE ${temp} AS SELECT * EXCLUDE (_row) FROM (${t.sql})`);
  return withTemp(conn, [temp, `${temp}_g`], async () => {
    await run(`CREATE TEMP TABLE ${temp}_g AS
      WITH n AS (SELECT ${k}, ${digest} FROM ${temp} GROUP BY ${k}),
      o AS (SELECT ${k}, ${digest} FROM ${t.table} WHERE ${k} IN (SELECT ${k} FROM n) GROUP BY ${k})
      SELECT n.${k}, o.${k} IS NOT NULL AS _existed,
        o.${k} IS NOT NULL AND (n.n, n.total, n.h) IS NOT DISTINCT FROM (o.n, o.total, o.h) AS _same
      FROM n LEFT JOIN o USING (${k})`);
    await run(
      `DELETE FROM ${t.table} WHERE ${k} IN (SELECT ${k} FROM ${temp}_g WHERE _existed AND NOT _same)`,
    );
    await run(`INSERT INTO ${t.table} (${t.columns.map(ident).join(', ')}) SELECT ${t.columns.map((c) => `s.${ident(c)}`).join(', ')}
      FROM ${temp} s JOIN ${temp}_g g USING (${k}) WHERE NOT g._same`);
    const r = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (WHERE NOT _existed), count(*) FILTER (WHERE _existed AND NOT _same), count(*) FILTER (WHERE _same),
        (SELECT count(*) FROM ${temp} s JOIN ${temp}_g g USING (${k}) WHERE NOT g._same) FROM ${temp}_g`,
      )
    ).getRows()[0];
    const [inserted, updated, unchanged, rowsWritten] = r.map(Number);
    return { table: t.table, inserted, updated, unchanged, rowsWritten };
  });
}

/**
 * The key of one order line in a partial lines file: the order, the SKU and which occurrence of
 * that SKU within the order it is (in file order; stored lines in line_no order). A POS that scans
 * an item twice has two lines of one SKU, and they stay two.
 */
const LINE_KEY = ['order_id', 'sku'];

// Some lines of orders (an order-items file without order times): each line is matched with the
// stored line of the same key and updated in place (keeping its line_no), a line not stored yet
// is added after the order's last line, and stored lines the file does not have are kept.
async function storeLines(
  conn: DuckDBConnection,
  t: FinalQuery,
  run: (sql: string) => Promise<unknown>,
  temp: string,
): Promise<StoreCounts> {
  const on = [...LINE_KEY, '_occ'].map((k) => `o.${ident(k)} = s.${ident(k)}`).join(' AND ');
  const occ = (order: string) =>
    `row_number() OVER (PARTITION BY ${LINE_KEY.map(ident).join(', ')} ORDER BY ${order}) AS _occ`;
  const values = t.columns.filter((c) => !LINE_KEY.includes(c) && c !== 'line_no');
  const same = `(${values.map((c) => `s.${ident(c)}`).join(', ')}) IS NOT DISTINCT FROM (${values.map((c) => `o.${ident(c)}`).join(', ')})`;
  await run(
    `CREATE TEMP TABLE ${temp} AS SELECT * EXCLUDE (line_no), ${occ('_row')} FROM (${t.sql})`,
  );
  return withTemp(conn, [temp, `${temp}_l`], async () => {
    await run(`CREATE TEMP TABLE ${temp}_l AS
      WITH o AS (SELECT *, ${occ('line_no')} FROM ${t.table} WHERE order_id IN (SELECT order_id FROM ${temp})),
      top AS (SELECT order_id, max(line_no) AS top FROM o GROUP BY order_id)
      SELECT s.*, o.line_no AS _old, top.top IS NOT NULL AS _had, o.line_no IS NOT NULL AND ${same} AS _same,
        coalesce(o.line_no, coalesce(top.top, 0) + CAST(row_number() OVER (PARTITION BY s.order_id, o.line_no IS NULL ORDER BY s._row) AS INTEGER)) AS line_no
      FROM ${temp} s LEFT JOIN o ON ${on} LEFT JOIN top ON top.order_id = s.order_id`);
    await run(
      `DELETE FROM ${t.table} USING ${temp}_l m WHERE ${t.table}.order_id = m.order_id AND ${t.table}.line_no = m._old AND NOT m._same`,
    );
    const cols = t.columns.map(ident).join(', ');
    await run(`INSERT INTO ${t.table} (${cols}) SELECT ${cols} FROM ${temp}_l WHERE NOT _same`);
    const r = (
      await conn.runAndReadAll(
        `SELECT count(*) FILTER (WHERE NOT had), count(*) FILTER (WHERE had AND changed), count(*) FILTER (WHERE had AND NOT changed), coalesce(sum(written), 0)
        FROM (SELECT bool_or(_had) AS had, bool_or(NOT _same) AS changed, count(*) FILTER (WHERE NOT _same) AS written FROM ${temp}_l GROUP BY order_id)`,
      )
    ).getRows()[0];
    const [inserted, updated, unchanged, rowsWritten] = r.map(Number);
    return { table: t.table, inserted, updated, unchanged, rowsWritten };
  });
}
