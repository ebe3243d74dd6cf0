// Shopify's orders export (Admin → Orders → Export). One row per line item; only an order's first
// row carries the totals, the financial status and the cancellation. It has no customer id: the
// customer is the e-mail address, and orders without one (e.g. POS walk-in sales) are guests.
import { lit } from '../sql.js';
import { blankSql } from '../values-sql.js';
import type { Preset } from './types.js';

// Financial status → stored status. pending / authorized are orders placed and not cancelled; a
// whole refund is a returned order (neither purchase nor revenue), a partial one stays a purchase
// of the amount kept (orderAmountSql).
const FINANCIAL = {
  paid: 'completed',
  partially_paid: 'completed',
  partially_refunded: 'completed',
  pending: 'completed',
  authorized: 'completed',
  refunded: 'returned',
  voided: 'cancelled',
  expired: 'cancelled',
} as const;

export const shopify: Preset = {
  id: 'shopify',
  label: { ja: 'Shopify 注文エクスポート', en: 'Shopify orders export' },
  entities: ['orders', 'order-items'],
  signature: ['Name', 'Financial Status', 'Lineitem quantity', 'Lineitem price', 'Lineitem name'],
  shape: 'lines',
  customerKey: 'email',
  columns: {
    Name: 'order_id',
    Email: 'email',
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
  },
  fields: [
    { name: 'financial_status', type: 'text', checkOnly: true },
    { name: 'cancelled_at', type: 'timestamp', checkOnly: true },
    { name: 'refunded_amount', type: 'money_nonneg', checkOnly: true },
  ],
  statuses: FINANCIAL,
  // Cancelled at set wins over the financial status (a paid order can be cancelled and refunded).
  statusSql: (raw) => {
    const financial = raw('financial_status') ?? 'NULL';
    const cancelled = raw('cancelled_at');
    return cancelled
      ? `CASE WHEN ${blankSql(cancelled)} IS NOT NULL THEN ${lit('voided')} ELSE ${financial} END`
      : financial;
  },
  orderAmountSql: (agg) =>
    `${agg.first('amount')} - CASE WHEN lower(${agg.first('financial_status')}) = 'partially_refunded' THEN coalesce(${agg.first('refunded_amount')}, 0) ELSE 0 END`,
  doc: {
    system: 'Shopify — Orders export',
    file: 'orders_export_1.csv',
    detected: 'Name, Financial Status, Lineitem quantity, Lineitem price, Lineitem name',
    amount:
      'Total (what the customer paid: after discounts, with shipping and taxes), less Refunded Amount when partially refunded',
    key: 'Email (lower-cased); none = guest',
    statuses:
      'Financial Status: paid, partially_paid, partially_refunded, pending, authorized → completed; refunded → returned; voided, expired or Cancelled at set → cancelled',
  },
};
