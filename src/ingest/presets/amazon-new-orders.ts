// Amazon Seller Central's order report (注文レポート, the "new orders" flat file,
// GET_FLAT_FILE_ORDERS_DATA): tab-separated, one row per order item, times in UTC, Shift_JIS until
// 2021-11 and UTF-8 after (the reader tells them apart). The buyer is buyer-email, the masked
// address Amazon gives each buyer (stable per buyer and seller); item-price is the line total.
// The report lists orders once they are paid and has no status column: a later cancellation or
// return is not in it (the All Orders report has the statuses, but no buyer).
import type { Preset } from './types.js';

export const amazonNewOrders: Preset = {
  id: 'amazon-new-orders',
  label: { ja: 'Amazon 注文レポート', en: 'Amazon order report (new orders)' },
  entities: ['orders', 'order-items'],
  // item-price tells it from the unshipped-orders report, which has the same ids and no money.
  signature: [
    'order-id',
    'order-item-id',
    'purchase-date',
    'buyer-email',
    'quantity-purchased',
    'item-price',
  ],
  shape: 'lines',
  linePrice: 'total',
  timezone: 'UTC',
  customerKey: 'email',
  columns: {
    'order-id': 'order_id',
    'purchase-date': 'ordered_at',
    'buyer-email': 'email',
    sku: 'sku',
    'product-name': 'product_name',
    'quantity-purchased': 'quantity',
    currency: 'currency',
    'item-price': 'unit_price',
    'sales-channel': 'channel',
    'shipping-price': 'line_shipping',
    'gift-wrap-price': 'line_gift_wrap',
    'item-promotion-discount': 'line_item_promotion',
    'ship-promotion-discount': 'line_ship_promotion',
  },
  fields: [
    { name: 'line_shipping', type: 'money_nonneg', checkOnly: true },
    { name: 'line_gift_wrap', type: 'money_nonneg', checkOnly: true },
    // The promotions' sign is not documented (samples show both): the size is what counts.
    { name: 'line_item_promotion', type: 'money_abs', checkOnly: true },
    { name: 'line_ship_promotion', type: 'money_abs', checkOnly: true },
  ],
  // Every order in the report is paid: there is no status column to map.
  constants: { status: 'completed' },
  // What the buyer paid: line totals + shipping + gift wrap − promotions, summed over the lines.
  orderAmountSql: (agg) =>
    `coalesce(${agg.sum('unit_price')}, 0) + coalesce(${agg.sum('line_shipping')}, 0)` +
    ` + coalesce(${agg.sum('line_gift_wrap')}, 0) - coalesce(${agg.sum('line_item_promotion')}, 0)` +
    ` - coalesce(${agg.sum('line_ship_promotion')}, 0)`,
  doc: {
    system: 'Amazon Seller Central — order report (注文レポート, new orders flat file)',
    file: '12345678901234.txt (tab-separated; Shift_JIS before 2021-11, UTF-8 after)',
    detected: 'order-id, order-item-id, purchase-date, buyer-email, quantity-purchased, item-price',
    amount:
      'Σ over the lines of item-price (the line total) + shipping-price + gift-wrap-price − item-promotion-discount − ship-promotion-discount (sizes): what the buyer paid; item-tax is not added (Amazon.co.jp prices include tax), points-granted is not taken off (the buyer paid in full)',
    key: 'buyer-email (Amazon’s masked address, lower-cased); empty (withheld) = guest',
    statuses:
      'none in the file: every row is a paid order (completed). Cancellations and returns after payment are not in this report',
  },
};
