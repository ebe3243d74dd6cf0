// Shopify's orders export (Admin → Orders → Export), read without a mapping. It has one row per
// line item; only an order's first row carries the totals, the financial status and the
// cancellation. It has no customer id: the customer is the e-mail address (lower-cased), and
// orders without an e-mail (e.g. POS sales to walk-in customers) are guest orders.
import type { FieldSpec } from './entities.js';
import { normaliseHeader } from './headers.js';
import { lit } from './sql.js';
import { blankSql } from './values-sql.js';

/** Shopify header → canonical (or Shopify-only) field. */
export const SHOPIFY_PRESET: Record<string, string> = {
  Name: 'order_id',
  Email: 'customer_id',
  'Created at': 'ordered_at',
  Total: 'amount',
  Shipping: 'shipping',
  'Discount Amount': 'discount_amount',
  'Discount Code': 'coupon_code',
  Source: 'channel',
  Currency: 'currency',
  'Lineitem sku': 'sku',
  'Lineitem name': 'product_name',
  'Lineitem quantity': 'quantity',
  'Lineitem price': 'unit_price',
  'Financial Status': 'financial_status',
  'Cancelled at': 'cancelled_at',
  'Refunded Amount': 'refunded_amount',
};

/** Fields only a Shopify export has; they shape status and amount and are not stored. */
export const SHOPIFY_FIELDS: FieldSpec[] = [
  { name: 'financial_status', type: 'text', checkOnly: true },
  { name: 'cancelled_at', type: 'timestamp', checkOnly: true },
  { name: 'refunded_amount', type: 'money_nonneg', checkOnly: true },
];

const SIGNATURE = [
  'Name',
  'Financial Status',
  'Lineitem quantity',
  'Lineitem price',
  'Lineitem name',
].map(normaliseHeader);

/** Returns true when the headers are those of a Shopify orders export. */
export function isShopifyExport(headers: string[]): boolean {
  const have = new Set(headers.map(normaliseHeader));
  return SIGNATURE.every((h) => have.has(h));
}

// Financial status → our status word. pending / authorized are orders placed and not cancelled;
// a whole refund is a returned order (neither purchase nor revenue), a partial one stays a
// purchase of the amount kept.
const FINANCIAL: Record<string, string> = {
  paid: 'completed',
  partially_paid: 'completed',
  partially_refunded: 'completed',
  pending: 'completed',
  authorized: 'completed',
  refunded: 'returned',
  voided: 'cancelled',
  expired: 'cancelled',
};

/** Returns the raw-text SQL of the status word of a Shopify row (cancelled when Cancelled at is set). */
export function shopifyStatusSql(financialRaw: string, cancelledRaw: string | undefined): string {
  const k = `lower(${blankSql(financialRaw)})`;
  const words = Object.entries(FINANCIAL)
    .map(([w, s]) => `WHEN ${lit(w)} THEN ${lit(s)}`)
    .join(' ');
  const cancelled = cancelledRaw
    ? `WHEN ${blankSql(cancelledRaw)} IS NOT NULL THEN 'cancelled' `
    : '';
  return `CASE ${cancelled}WHEN ${k} IS NULL THEN NULL ELSE CASE ${k} ${words} ELSE ${financialRaw} END END`;
}

/** Returns the raw-text SQL of a line's SKU: the SKU, else the product name (Shopify allows items without SKU). */
export function shopifySkuSql(skuRaw: string, nameRaw: string | undefined): string {
  return nameRaw ? `COALESCE(${blankSql(skuRaw)}, ${blankSql(nameRaw)})` : skuRaw;
}

/** Returns the order amount SQL over first-row values: Total less the refunded part of a partial refund. */
export function shopifyAmountSql(amount: string, financial: string, refunded: string): string {
  return `${amount} - CASE WHEN lower(${financial}) = 'partially_refunded' THEN coalesce(${refunded}, 0) ELSE 0 END`;
}
