// The rows to store, as SELECTs over the staging view: exactly the target table's columns (plus
// _row, the file row, for previews). The store step (src/store/import-store.ts) takes these.
import { ENTITIES, storedFields, type FieldType } from './entities.js';
import { fieldOf, keySql, type ImportPlan } from './plan.js';
import { ident, typedCol } from './sql.js';

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
  /** Columns that keep their stored value when the customer was anonymised (SPEC §9). */
  personal: string[];
  /** Rows share a key (order lines): an order's lines are compared and replaced as a whole. */
  grouped: boolean;
}

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
    else if (plan.entity === 'orders' && f.name === 'status')
      exprs.push(`${orderStatusSql(Boolean(mapped))} AS status`);
    else if (mapped) exprs.push(`${typedCol(f.name)} AS ${ident(f.name)}`);
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
  return {
    table: spec.table,
    columns,
    key: spec.key,
    sql: `SELECT ${exprs.join(', ')}, _row FROM ${view} WHERE ${ok}`,
    absent,
    personal: plan.entity === 'customers' ? PERSONAL : [],
    grouped: false,
  };
}

// A negative amount is a credit note: stored as returned unless the order was cancelled (see
// docs/import-formats.md); an empty status is a completed order.
function orderStatusSql(mapped: boolean): string {
  const status = mapped ? `coalesce(${typedCol('status')}, 'completed')` : `'completed'`;
  return `CASE WHEN ${typedCol('amount')} < 0 AND ${status} <> 'cancelled' THEN 'returned' ELSE ${status} END`;
}
