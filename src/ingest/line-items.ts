// Line-item files (Online Retail, POS and cart exports, Shopify): one row per order line. The
// orders are built from their lines in one GROUP BY: amount = Σ quantity × unit_price in exact
// decimals (or the order total when the file has one), order-level values from the first line that
// has them, the order time the earliest line's.
//
// Credit notes: an order whose id starts with the --credit-prefix (Online Retail's "C"), whose
// lines all have negative quantities, or whose sum is negative is a return: status `returned`
// with a negative amount, reducing revenue on its own date. A status word 返品/returned on a
// positive order marks the order itself returned (neither purchase nor revenue); キャンセル a
// cancelled order.
import { ENTITIES } from './entities.js';
import { KEPT_ORDER_STATUS, type FinalQuery } from './final-sql.js';
import { fieldOf, type ImportPlan } from './plan.js';
import type { OrderAgg } from './presets/types.js';
import { typedCol } from './sql.js';

// arg_min(…, _row) FILTER (non-null): the value of the first line that has one.
function first(plan: ImportPlan, field: string, type: string): string {
  return fieldOf(plan, field)
    ? `arg_min(${typedCol(field)}, _row) FILTER (WHERE ${typedCol(field)} IS NOT NULL)`
    : `CAST(NULL AS ${type})`;
}

// A line's total: quantity × unit price, or the price column itself where it holds the line
// total (Amazon's item-price).
function lineTotalSql(plan: ImportPlan): string {
  return plan.presetDef?.linePrice === 'total'
    ? typedCol('unit_price')
    : `${typedCol('quantity')} * ${typedCol('unit_price')}`;
}

/** Returns the unit price SQL of a line (derived from the line total when the file has totals). */
export function unitPriceSql(plan: ImportPlan): string {
  if (plan.presetDef?.linePrice !== 'total') return typedCol('unit_price');
  const q = typedCol('quantity');
  return `CAST(CASE WHEN ${q} = 0 THEN ${typedCol('unit_price')} ELSE ${typedCol('unit_price')} / ${q} END AS DECIMAL(18,4))`;
}

// The order-level aggregates a preset's orderAmountSql reads.
function orderAgg(plan: ImportPlan): OrderAgg {
  return {
    first: (f) => first(plan, f, 'VARCHAR').replace(/CAST\(NULL AS VARCHAR\)/, 'NULL'),
    sum: (f) => (fieldOf(plan, f) ? `sum(${typedCol(f)})` : 'NULL'),
    has: (f) => Boolean(fieldOf(plan, f)),
  };
}

/** Returns the final SELECT of the orders built from the lines of a line-item file. */
export function ordersFromLines(plan: ImportPlan, view: string, ok: string): FinalQuery {
  const total = first(plan, 'amount', 'DECIMAL(18,4)');
  const hook = plan.presetDef?.orderAmountSql;
  const orderTotal = hook ? hook(orderAgg(plan)) : total;
  const credit = plan.creditPrefix
    ? `starts_with(${typedCol('order_id')}, $credit_prefix)`
    : 'false';
  const inner = `SELECT ${typedCol('order_id')} AS order_id,
    ${first(plan, 'customer_id', 'VARCHAR')} AS customer_id,
    min(${typedCol('ordered_at')}) AS ordered_at,
    coalesce(${orderTotal}, sum(${lineTotalSql(plan)})) AS amt,
    ${first(plan, 'discount_amount', 'DECIMAL(18,4)')} AS discount_amount,
    ${first(plan, 'shipping', 'DECIMAL(18,4)')} AS shipping,
    ${first(plan, 'status', 'VARCHAR')} AS status_word,
    bool_and(${typedCol('quantity')} < 0) AS all_negative,
    bool_or(${credit}) AS credit,
    ${first(plan, 'channel', 'VARCHAR')} AS channel,
    ${first(plan, 'coupon_code', 'VARCHAR')} AS coupon_code,
    min(_row) AS _row
  FROM ${view} WHERE ${ok} GROUP BY ${typedCol('order_id')}`;
  const sql = `SELECT order_id, customer_id, ordered_at,
    CAST(CASE WHEN status_word IS DISTINCT FROM 'cancelled' AND credit THEN -abs(amt) ELSE amt END AS DECIMAL(18,4)) AS amount,
    discount_amount, shipping,
    CASE WHEN status_word = 'cancelled' THEN 'cancelled'
         WHEN credit OR all_negative OR amt < 0 OR status_word = 'returned' THEN 'returned'
         ELSE 'completed' END AS status,
    channel, coupon_code, _row
  FROM (${inner})`;
  const absent = ['discount_amount', 'shipping', 'channel', 'coupon_code'].filter(
    (f) => !fieldOf(plan, f),
  );
  if (!fieldOf(plan, 'customer_id')) absent.push('customer_id');
  // Without a status column the file says nothing of a stored order's status (a cancellation
  // stays one); a credit note is still returned.
  const keepStatus = !fieldOf(plan, 'status');
  if (keepStatus) absent.push('status');
  return {
    table: ENTITIES.orders.table,
    columns: ENTITIES.orders.fields.filter((f) => !f.checkOnly).map((f) => f.name),
    key: ['order_id'],
    sql,
    absent,
    keep: keepStatus ? { status: KEPT_ORDER_STATUS } : undefined,
    personal: [],
    grouped: false,
  };
}

/** Returns the final SELECT of the order lines (line_no counts the lines of an order in file order). */
export function itemsFromLines(plan: ImportPlan, view: string, ok: string): FinalQuery {
  const col = (f: string, type: string) =>
    fieldOf(plan, f) ? typedCol(f) : `CAST(NULL AS ${type})`;
  const sql = `SELECT ${typedCol('order_id')} AS order_id,
    CAST(row_number() OVER (PARTITION BY ${typedCol('order_id')} ORDER BY _row) AS INTEGER) AS line_no,
    ${typedCol('sku')} AS sku, ${col('product_name', 'VARCHAR')} AS product_name, ${col('category', 'VARCHAR')} AS category,
    ${typedCol('quantity')} AS quantity, ${unitPriceSql(plan)} AS unit_price, _row
  FROM ${view} WHERE ${ok}`;
  return {
    table: ENTITIES['order-items'].table,
    columns: ['order_id', 'line_no', 'sku', 'product_name', 'category', 'quantity', 'unit_price'],
    key: ['order_id'],
    sql,
    absent: [],
    personal: [],
    grouped: true,
  };
}
