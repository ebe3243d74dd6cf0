// What an import tells the user besides errors: the first rows as they will be stored (dry run)
// and warnings about values that were stored but deserve a look (never a silent fallback).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FinalQuery } from './final-sql.js';
import { fieldOf, type ImportPlan } from './plan.js';
import { ident, keptCol, paramsFor, typedCol } from './sql.js';
import type { ImportParams, StageNames } from './stage.js';
import { anyFieldErrorSql } from './validate.js';
import { blankSql, knownChannelSql } from './values-sql.js';

export interface Preview {
  table: string;
  columns: string[];
  rows: (string | null)[][];
}

/** Returns the first `n` rows of each target as they will be stored (values as text). */
export async function preview(
  conn: DuckDBConnection,
  targets: FinalQuery[],
  params: ImportParams,
  n: number,
): Promise<Preview[]> {
  const out: Preview[] = [];
  for (const t of targets) {
    // Then by the first column: the rows of one wide-sheet row (one per month) come in date order.
    const sql = `SELECT ${t.columns.map((c) => `CAST(${ident(c)} AS VARCHAR)`).join(', ')} FROM (${t.sql}) ORDER BY _row${t.grouped ? ', line_no' : ''}, 1 LIMIT ${n | 0}`;
    const rows = (await conn.runAndReadAll(sql, paramsFor(sql, params) as never)).getRows();
    out.push({
      table: t.table,
      columns: t.columns,
      rows: rows.map((r) => r.map((v) => (v === null ? null : String(v)))),
    });
  }
  return out;
}

async function rows(
  conn: DuckDBConnection,
  sql: string,
  params: ImportParams,
): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql, paramsFor(sql, params) as never)).getRows();
}

/** Returns warnings (Japanese / English) about values stored in a way the user should know of. */
export async function importWarnings(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  fieldErrors: boolean,
): Promise<string[]> {
  const out: string[] = [];
  const valid = `FROM ${names.view} WHERE ${fieldErrors ? `NOT ${anyFieldErrorSql(plan)}` : 'true'}`;
  const channel = fieldOf(plan, 'channel');
  if (plan.entity === 'contacts' && channel) {
    // Canonical words never reach the kept raw text; the others were looked up in the slow pass.
    const raw = keptCol('channel');
    const unknown = await rows(
      conn,
      `SELECT ${blankSql(raw)} AS w, count(*) ${valid} AND ${blankSql(raw)} IS NOT NULL AND NOT ${knownChannelSql(raw)} GROUP BY 1 ORDER BY 2 DESC LIMIT 5`,
      params,
    );
    if (unknown.length) {
      const list = unknown.map((r) => `${r[0]} (${r[1]})`).join(', ');
      out.push(
        `不明なチャネルは other として取り込みます: ${list} / unknown channels are stored as other: ${list}`,
      );
    }
  }
  if (plan.entity === 'orders' && plan.mode === 'rows') {
    const status = fieldOf(plan, 'status')
      ? `coalesce(${typedCol('status')}, 'completed')`
      : `'completed'`;
    const [[n]] = await rows(
      conn,
      `SELECT count(*) ${valid} AND ${typedCol('amount')} < 0 AND ${status} = 'completed'`,
      params,
    );
    if (Number(n) > 0) {
      out.push(
        `金額が負の注文 ${n} 件は返品（赤伝）として取り込みます / ${n} orders with a negative amount are stored as returned (credit notes)`,
      );
    }
  }
  if (plan.mode === 'items') {
    const [[n]] = await rows(
      conn,
      `SELECT count(DISTINCT ${typedCol('order_id')}) ${valid} AND ${typedCol('order_id')} NOT IN (SELECT order_id FROM orders)`,
      params,
    );
    if (Number(n) > 0) {
      out.push(
        `注文が未登録の明細があります（${n} 注文）。先に orders を取り込んでください / lines of ${n} orders not in the store yet; import the orders too`,
      );
    }
  }
  return out;
}
