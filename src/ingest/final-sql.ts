// The rows to store, as SELECTs over the staging view: exactly the target table's columns (plus
// _row, the file row, for previews). The store step (src/store/import-store.ts) takes these.
import { ENTITIES, storedFields, type EntityName, type FieldType } from './entities.js';
import { fieldOf, keySql, type ImportPlan } from './plan.js';
import { ident, typedCol } from './sql.js';
import type { FinalQuery } from '../store/final-query.js';

export type { FinalQuery };

/** Returns the SQL type of a field type as stored. */
export function sqlType(type: FieldType): string {
  switch (type) {
    case 'timestamp':
      return 'TIMESTAMP';
    case 'date':
    case 'month_date':
      return 'DATE';
    case 'money':
    case 'money_abs':
    case 'money_nonneg':
    case 'quantity':
      return 'DECIMAL(18,4)';
    default:
      return 'VARCHAR';
  }
}

const PERSONAL = ['name', 'email', 'phone', 'postal_code', 'birth_date'];

/**
 * Entities whose key is not an identity but a bucket (ad spend of a date and channel): rows of one
 * key in a file are parts of one total and are summed, never taken for repeats of one row.
 */
export const SUMMED: Partial<Record<EntityName, string>> = { 'ad-spend': 'amount' };

/** Returns the final SELECT of a rows import (customers, orders, contacts, campaigns, ad-spend, leads, lead-events). */
export function finalRowsQuery(plan: ImportPlan, view: string, ok: string): FinalQuery {
  const spec = ENTITIES[plan.entity];
  const exprs: string[] = [];
  const columns: string[] = [];
  const absent: string[] = [];
  for (const f of storedFields(spec)) {
    columns.push(f.name);
    const mapped = fieldOf(plan, f.name);
    if (plan.keyFields.includes(f.name)) exprs.push(`${keySql(plan, f.name)} AS ${ident(f.name)}`);
    else if (plan.entity === 'orders' && f.name === 'status') {
      exprs.push(`${orderStatusSql(Boolean(mapped))} AS status`);
      if (!mapped) absent.push('status');
    } else if (mapped) exprs.push(`${typedCol(f.name)} AS ${ident(f.name)}`);
    else {
      exprs.push(`CAST(NULL AS ${sqlType(f.type)}) AS ${ident(f.name)}`);
      absent.push(f.name);
    }
  }
  if (plan.entity === 'customers') {
    columns.push('attributes', 'anonymized_at');
    exprs.push(
      plan.attributes.length
        ? `${typedCol('attributes')} AS attributes`
        : 'CAST(NULL AS VARCHAR) AS attributes',
    );
    exprs.push('CAST(NULL AS TIMESTAMP) AS anonymized_at');
    if (!plan.attributes.length) absent.push('attributes');
    absent.push('anonymized_at');
  }
  const rowsSql = `SELECT ${exprs.join(', ')}, _row FROM ${view} WHERE ${ok}`;
  return {
    table: spec.table,
    columns,
    key: spec.key,
    sql: SUMMED[plan.entity]
      ? summedSql(rowsSql, columns, spec.key, SUMMED[plan.entity]!)
      : rowsSql,
    absent,
    keep: absent.includes('status') ? { status: KEPT_ORDER_STATUS } : undefined,
    personal: plan.entity === 'customers' ? PERSONAL : [],
    grouped: false,
  };
}

// A file without a status column says nothing about an order's status: a stored order keeps its
// own (a cancellation stays a cancellation), but a negative amount is still a credit note.
export const KEPT_ORDER_STATUS = `CASE WHEN s.amount < 0 AND o.status <> 'cancelled' THEN 'returned' ELSE o.status END`;

// One row per key: the summed field added up in exact decimals, any other column from the key's
// first row in the file.
function summedSql(rowsSql: string, columns: string[], key: string[], summed: string): string {
  const cols = columns.map((c) =>
    key.includes(c)
      ? ident(c)
      : c === summed
        ? `CAST(sum(${ident(c)}) AS DECIMAL(18,4)) AS ${ident(c)}`
        : `arg_min(${ident(c)}, _row) AS ${ident(c)}`,
  );
  return `SELECT ${cols.join(', ')}, min(_row) AS _row FROM (${rowsSql}) GROUP BY ${key.map(ident).join(', ')}`;
}

// A negative amount is a credit note: stored as returned unless the order was cancelled (see
// docs/import-formats.md); an empty status is a completed order.
function orderStatusSql(mapped: boolean): string {
  const status = mapped ? `coalesce(${typedCol('status')}, 'completed')` : `'completed'`;
  return `CASE WHEN ${typedCol('amount')} < 0 AND ${status} <> 'cancelled' THEN 'returned' ELSE ${status} END`;
}
