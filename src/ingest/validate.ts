// Validation over the staging view, in set operations: the per-column reason CASEs of
// values-sql.ts, duplicate keys (rows files) and disagreeing order-level values (line files).
// Row-level findings beyond a single column go into the run's flags table
// (_row, field, code, first_row); 'duplicate_same' marks an exact repeat that simply collapses.
import type { DuckDBConnection } from '@duckdb/node-api';
import { SUMMED } from './final-sql.js';
import type { FieldSource, ImportPlan } from './plan.js';
import { fieldOf, keySql } from './plan.js';
import { reasonSql, reasonText } from './reasons.js';
import type { ImportParams, StageNames } from './stage.js';
import { keptCol, lit, paramsFor, typedCol } from './sql.js';
import { errorSql } from './values-sql.js';

/** One problem of one row, as the report shows it. */
export interface RowError {
  row: number;
  /** The user's header. */
  column: string;
  field: string;
  value: string | null;
  code: string;
  message: string;
}

export interface ValidationSummary {
  badRows: number;
  /** Exact repeats of an earlier row, collapsed into it. */
  collapsed: number;
  /** The first problems, by row. */
  errors: RowError[];
  /** Problems counted by column and reason. */
  counts: { column: string; code: string; count: number }[];
}

/** Returns the SQL reason CASE of each mapped field (over the staged typed value and kept raw text). */
export function fieldErrors(plan: ImportPlan): { field: FieldSource; sql: string }[] {
  return plan.fields.map((f) => ({
    field: f,
    sql: errorSql(f.type, keptCol(f.name), typedCol(f.name), f.required),
  }));
}

// The user's text of a field: the raw text where it was kept, else the value as read.
function valueText(field: string, alias = ''): string {
  return `COALESCE(${alias}${keptCol(field)}, CAST(${alias}${typedCol(field)} AS VARCHAR))`;
}

/** Returns the SQL condition "some column of this row is invalid". */
export function anyFieldErrorSql(plan: ImportPlan): string {
  const errs = fieldErrors(plan);
  return errs.length ? `(${errs.map((e) => `${e.sql} IS NOT NULL`).join(' OR ')})` : 'false';
}

/** What validation found so far: whether any row has a column error, whether rows were flagged. */
export interface ValidationState {
  fieldErrors: boolean;
  flags: boolean;
}

/**
 * Returns the SQL condition "this row is stored" (no column error, not flagged, not a collapsed
 * repeat). When nothing was found the condition is `true`: the store step then reads the staged
 * rows without evaluating a reason CASE per column again.
 */
export function okSql(plan: ImportPlan, names: StageNames, state: ValidationState): string {
  const parts = [];
  if (state.fieldErrors) parts.push(`NOT ${anyFieldErrorSql(plan)}`);
  if (state.flags) parts.push(`_row NOT IN (SELECT _row FROM ${names.flags})`);
  return parts.length ? parts.join(' AND ') : 'true';
}

// The rows without a column error (all rows when the first scan found none).
function validRowsSql(
  plan: ImportPlan,
  names: StageNames,
  fieldErrors: boolean,
  extra = '*',
): string {
  return `SELECT ${extra} FROM ${names.view}${fieldErrors ? ` WHERE NOT ${anyFieldErrorSql(plan)}` : ''}`;
}

/**
 * The first scan of validation: rows with a column error, rows without, and (rows files) the
 * distinct keys among the latter, so that duplicates are looked for only when there are some.
 */
export async function scanRows(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
): Promise<{ bad: number; valid: number; keys: number }> {
  // Distinct 64-bit hashes of the key count like distinct keys but cheaper; a collision (about
  // 1 in 10^7 for a million keys) only sends the import down the exact duplicate check.
  const key =
    plan.mode === 'rows'
      ? `hash(${plan.keyFields.map((k) => keySql(plan, k)).join(', ')})`
      : 'NULL';
  const sql = `SELECT count(*), count(*) FILTER (WHERE e), count(DISTINCT k) FILTER (WHERE NOT e)
    FROM (SELECT ${anyFieldErrorSql(plan)} AS e, ${key} AS k FROM ${names.view})`;
  const [total, bad, keys] = (await conn.runAndReadAll(sql, paramsFor(sql, params) as never))
    .getRows()[0]
    .map(Number);
  return { bad, valid: total - bad, keys };
}

/** Returns the SQL condition "this row is invalid" (collapsed repeats are not). */
export function badSql(plan: ImportPlan, names: StageNames, hasFlags: boolean): string {
  const flagged = hasFlags
    ? ` OR _row IN (SELECT _row FROM ${names.flags} WHERE code <> 'duplicate_same')`
    : '';
  return `(${anyFieldErrorSql(plan)}${flagged})`;
}

async function scalar(conn: DuckDBConnection, sql: string, params: ImportParams): Promise<number> {
  return Number((await conn.runAndReadAll(sql, paramsFor(sql, params) as never)).getRows()[0][0]);
}

async function exec(conn: DuckDBConnection, sql: string, params: ImportParams): Promise<void> {
  await conn.run(sql, paramsFor(sql, params) as never);
}

/** Flags duplicate keys among the valid rows of a rows import; returns how many rows were flagged. */
export async function flagDuplicates(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  fieldErrors: boolean,
): Promise<number> {
  // Rows of one ad-spend date and channel are summed (final-sql.ts), not duplicates.
  if (SUMMED[plan.entity]) return 0;
  const keys = plan.keyFields.map((k, i) => `${keySql(plan, k)} AS _k${i}`);
  const keyCols = plan.keyFields.map((_, i) => `_k${i}`);
  const valid = validRowsSql(plan, names, fieldErrors, `${keys.join(', ')}, *`);
  const compared = [
    ...plan.fields.filter((f) => !f.checkOnly).map((f) => typedCol(f.name)),
    ...(plan.attributes.length ? [typedCol('attributes')] : []),
  ];
  const same = compared.length
    ? `(${compared.map((c) => `d.${c}`).join(', ')}) IS NOT DISTINCT FROM (${compared.map((c) => `f.${c}`).join(', ')})`
    : 'true';
  const sql = `INSERT INTO ${names.flags}
WITH v AS (${valid}),
dk AS (SELECT ${keyCols.join(', ')} FROM v GROUP BY ALL HAVING count(*) > 1),
d AS (SELECT v.*, min(v._row) OVER (PARTITION BY ${keyCols.map((k) => `v.${k}`).join(', ')}) AS _first FROM v SEMI JOIN dk USING (${keyCols.join(', ')}))
SELECT d._row, ${lit(plan.keyFields.join(', '))}, CASE WHEN ${same} THEN 'duplicate_same' ELSE 'duplicate_key' END, d._first
FROM d JOIN d AS f ON f._row = d._first WHERE d._row <> d._first`;
  await exec(conn, sql, params);
  return scalar(conn, `SELECT count(*) FROM ${names.flags}`, params);
}

/** Order-level fields whose values must agree across the lines of one order. */
const ORDER_LEVEL = [
  'customer_id',
  'status',
  'amount',
  'discount_amount',
  'shipping',
  'channel',
  'coupon_code',
];

/**
 * Flags the lines of orders with no order time on any line, and lines that disagree with the
 * first line of their order on an order-level field; returns the count of flagged lines.
 */
export async function flagOrderConflicts(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  fieldErrors: boolean,
): Promise<number> {
  const fields = ORDER_LEVEL.filter((f) => fieldOf(plan, f)).map(typedCol);
  const valid = validRowsSql(plan, names, fieldErrors);
  const distinct = fields.map((f) => `count(DISTINCT ${f}) > 1`);
  const [[conflicts, timeless]] = (
    await conn.runAndReadAll(
      `SELECT count(*) FILTER (WHERE conflict), count(*) FILTER (WHERE timeless) FROM (
        SELECT ${distinct.length ? distinct.join(' OR ') : 'false'} AS conflict, count(f_ordered_at) = 0 AS timeless
        FROM (${valid}) GROUP BY f_order_id)`,
      paramsFor(valid, params) as never,
    )
  ).getRows();
  if (Number(timeless) > 0) {
    await exec(
      conn,
      `INSERT INTO ${names.flags} SELECT _row, 'ordered_at', 'required', NULL FROM (${valid})
       WHERE f_order_id IN (SELECT f_order_id FROM (${valid}) GROUP BY f_order_id HAVING count(f_ordered_at) = 0)`,
      params,
    );
  }
  if (Number(conflicts) === 0)
    return Number(timeless) > 0 ? scalar(conn, `SELECT count(*) FROM ${names.flags}`, params) : 0;
  for (const f of fields) {
    const sql = `INSERT INTO ${names.flags}
WITH v AS (${valid}),
firsts AS (SELECT f_order_id, arg_min(${f}, _row) AS val, min(_row) AS first_row FROM v WHERE ${f} IS NOT NULL GROUP BY f_order_id)
SELECT v._row, ${lit(f.slice(2))}, 'order_conflict', firsts.first_row FROM v JOIN firsts USING (f_order_id)
WHERE v.${f} IS NOT NULL AND v.${f} <> firsts.val`;
    await exec(conn, sql, params);
  }
  return scalar(conn, `SELECT count(*) FROM ${names.flags}`, params);
}

/** Flags the other lines of orders that have an invalid line, so no order is stored half (reject-file mode). */
export async function flagOrdersWithBadLines(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  hasFlags: boolean,
): Promise<void> {
  const sql = `INSERT INTO ${names.flags}
WITH bad AS (SELECT f_order_id, min(_row) AS first_row FROM ${names.view} WHERE ${badSql(plan, names, hasFlags)} AND f_order_id IS NOT NULL GROUP BY f_order_id)
SELECT v._row, 'order_id', 'order_has_bad_line', bad.first_row FROM ${names.view} v JOIN bad USING (f_order_id)
WHERE NOT ${badSql(plan, names, hasFlags)}`;
  await exec(conn, sql, params);
}

// Every problem as (row, field, header, value, code, first_row): one SELECT per column plus the flags.
function problemsSql(
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  hasFlags: boolean,
): string {
  const parts = fieldErrors(plan).map(({ field, sql }, i) => {
    params[`h${i}`] = field.header;
    return `SELECT _row, ${lit(field.name)} AS field, $h${i} AS header, ${valueText(field.name)} AS value, ${sql} AS code, NULL::BIGINT AS first_row
FROM ${names.view} WHERE ${sql} IS NOT NULL`;
  });
  if (hasFlags) {
    const rawOf = plan.fields
      .map((f) => `WHEN ${lit(f.name)} THEN ${valueText(f.name, 'v.')}`)
      .join(' ');
    const headerOf = plan.fields.map((f, i) => `WHEN ${lit(f.name)} THEN $h${i}`).join(' ');
    parts.push(`SELECT v._row, g.field, CASE split_part(g.field, ',', 1) ${headerOf} ELSE g.field END, CASE split_part(g.field, ',', 1) ${rawOf} ELSE NULL END, g.code, g.first_row
FROM ${names.flags} g JOIN ${names.view} v USING (_row) WHERE g.code <> 'duplicate_same'`);
  }
  return parts.length
    ? parts.join('\nUNION ALL\n')
    : `SELECT NULL::BIGINT AS _row, '' AS field, '' AS header, '' AS value, '' AS code, NULL::BIGINT AS first_row WHERE false`;
}

/** Returns the count of invalid rows, the first `limit` problems and the counts by column and reason. */
export async function summarise(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  hasFlags: boolean,
  limit: number,
): Promise<ValidationSummary> {
  const badRows = await scalar(
    conn,
    `SELECT count(*) FROM ${names.view} WHERE ${badSql(plan, names, hasFlags)}`,
    params,
  );
  const collapsed = hasFlags
    ? await scalar(
        conn,
        `SELECT count(*) FROM ${names.flags} WHERE code = 'duplicate_same'`,
        params,
      )
    : 0;
  if (badRows === 0) return { badRows, collapsed, errors: [], counts: [] };
  const problems = problemsSql(plan, names, params, hasFlags);
  const firstSql = `SELECT _row, field, header, value, code, first_row FROM (${problems}) ORDER BY _row, field LIMIT ${Math.max(0, limit | 0)}`;
  const errors = (await conn.runAndReadAll(firstSql, paramsFor(firstSql, params) as never))
    .getRows()
    .map((r) => ({
      row: Number(r[0]),
      field: String(r[1]),
      column: String(r[2]),
      value: r[3] === null ? null : String(r[3]),
      code: String(r[4]),
      message: reasonText(String(r[4]), String(r[1]), r[5] as bigint | null),
    }));
  const countSql = `SELECT header, code, count(*) FROM (${problems}) GROUP BY ALL ORDER BY 3 DESC, 1, 2`;
  const counts = (await conn.runAndReadAll(countSql, paramsFor(countSql, params) as never))
    .getRows()
    .map((r) => ({
      column: String(r[0]),
      code: String(r[1]),
      count: Number(r[2]),
    }));
  return { badRows, collapsed, errors, counts };
}

/** Returns SQL of the reason text of a row for the reject file ("header: message; …"). */
export function rowReasonSql(
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  hasFlags: boolean,
): string {
  const parts = fieldErrors(plan).map(({ field, sql }, i) => {
    params[`h${i}`] = field.header;
    return `CASE WHEN ${sql} IS NOT NULL THEN $h${i} || ': ' || ${reasonSql(sql, lit(field.name), 'NULL')} END`;
  });
  if (hasFlags) {
    parts.push(
      `(SELECT string_agg(${reasonSql('g.code', 'g.field', 'g.first_row')}, '; ') FROM ${names.flags} g WHERE g._row = v._row AND g.code <> 'duplicate_same')`,
    );
  }
  return parts.length ? `concat_ws('; ', ${parts.join(', ')})` : `''`;
}
