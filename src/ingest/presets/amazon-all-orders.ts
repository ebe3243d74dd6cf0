// Amazon Seller Central's "All Orders" report (全注文レポート, GET_FLAT_FILE_ALL_ORDERS_DATA_BY_
// ORDER_DATE_GENERAL): tab-separated, one row per order line, times in UTC. It carries no buyer
// at all (no e-mail, no name, no phone), so every order is a guest: its sales are unattributed
// revenue and it cannot feed customer counts (the engine refuses such a file unless --allow-guests;
// the new-orders report, amazon-new-orders, has the buyer's e-mail). item-price is the line total.
import type { Preset } from './types.js';

// order-status words. The Shipped family and the not-yet-shipped words are orders the buyer placed
// and did not cancel; the words for a parcel that came back (or never arrived) are orders the
// buyer did not keep, i.e. wholly returned: neither purchase nor revenue.
const STATUSES = {
  pending: 'completed',
  'pending - waiting for pick up': 'completed',
  unshipped: 'completed',
  shipping: 'completed',
  shipped: 'completed',
  'shipped - delivered to buyer': 'completed',
  'shipped - picked up': 'completed',
  'shipped - out for delivery': 'completed',
  cancelled: 'cancelled',
  'shipped - returned to seller': 'returned',
  'shipped - returning to seller': 'returned',
  'shipped - rejected by buyer': 'returned',
  'shipped - lost in transit': 'returned',
  'shipped - damaged': 'returned',
} as const;

export const amazonAllOrders: Preset = {
  id: 'amazon-all-orders',
  label: { ja: 'Amazon 全注文レポート', en: 'Amazon All Orders report' },
  entities: ['orders', 'order-items'],
  signature: ['amazon-order-id', 'purchase-date', 'order-status', 'item-status', 'item-price'],
  shape: 'lines',
  linePrice: 'total',
  timezone: 'UTC',
  columns: {
    'amazon-order-id': 'order_id',
    'purchase-date': 'ordered_at',
    'order-status': 'status',
    'sales-channel': 'channel',
    'product-name': 'product_name',
    sku: 'sku',
    quantity: 'quantity',
    currency: 'currency',
    'item-price': 'unit_price',
    'shipping-price': 'line_shipping',
    'gift-wrap-price': 'line_gift_wrap',
    'item-promotion-discount': 'line_item_promotion',
    'ship-promotion-discount': 'line_ship_promotion',
    'item-status': 'item_status',
  },
  fields: [
    { name: 'line_shipping', type: 'money_nonneg', checkOnly: true },
    { name: 'line_gift_wrap', type: 'money_nonneg', checkOnly: true },
    // Amazon writes promotions as negative numbers in some reports and positive in others: the
    // size is what counts.
    { name: 'line_item_promotion', type: 'money_abs', checkOnly: true },
    { name: 'line_ship_promotion', type: 'money_abs', checkOnly: true },
    { name: 'item_status', type: 'text', checkOnly: true },
  ],
  statuses: STATUSES,
  // Rows that are not a sale: a line cancelled inside an order that went ahead (it makes no line
  // and no money), and a line Amazon has not priced (item-price empty: pending payment, or
  // cancelled before payment). A priced, wholly cancelled order keeps its lines and is stored as
  // cancelled; an unpriced one is skipped whole (it counts nowhere either way) and a pending one
  // comes back with its price in the next report.
  skipSql: (raw) => {
    const item = raw('item_status');
    const order = raw('status') ?? 'NULL';
    const price = raw('unit_price') ?? 'NULL';
    const unpriced = `nullif(trim(${price}), '') IS NULL`;
    if (!item) return unpriced;
    return `(${unpriced} OR (lower(trim(${item})) IN ('cancelled', 'canceled') AND lower(trim(coalesce(${order}, ''))) NOT IN ('cancelled', 'canceled')))`;
  },
  skipReason: {
    ja: '売上でない明細（出荷された注文の中の取消明細、金額のない保留・取消の明細）',
    en: 'lines that are no sale (cancelled lines of orders that shipped, unpriced pending or cancelled lines)',
  },
  // What the buyer paid: the line totals, shipping and gift wrap, less the item and shipping
  // promotions, summed over the order's lines (Amazon puts every charge on the line it belongs to).
  orderAmountSql: (agg) =>
    `coalesce(${agg.sum('unit_price')}, 0) + coalesce(${agg.sum('line_shipping')}, 0)` +
    ` + coalesce(${agg.sum('line_gift_wrap')}, 0) - coalesce(${agg.sum('line_item_promotion')}, 0)` +
    ` - coalesce(${agg.sum('line_ship_promotion')}, 0)`,
  doc: {
    system: 'Amazon Seller Central — All Orders report (全注文レポート, flat file)',
    file: '12345678901234.txt (tab-separated, UTF-8)',
    detected: 'amazon-order-id, purchase-date, order-status, item-status, item-price',
    amount:
      'Σ over the lines of item-price (the line total: quantity × unit price already) + shipping-price + gift-wrap-price − item-promotion-discount − ship-promotion-discount (sizes; the sign varies): what the buyer paid. item-tax is not added: Amazon.co.jp prices include tax',
    key: 'none: the report has no buyer column, every order is a guest (unattributed revenue; import with --allow-guests). Use the new-orders report for customers',
    statuses:
      'order-status: Pending, Pending - Waiting for Pick Up, Unshipped, Shipping, Shipped, Shipped - Delivered to Buyer / Picked Up / Out for Delivery → completed; Cancelled → cancelled; Shipped - Returned to Seller / Returning to Seller / Rejected by Buyer / Lost in Transit / Damaged → returned. Skipped: a line with item-status Cancelled in an order that is not cancelled, and a line without item-price (pending or cancelled before payment)',
  },
};
