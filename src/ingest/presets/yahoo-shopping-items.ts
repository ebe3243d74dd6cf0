// Yahoo!ショッピング, ストアクリエイターPro 注文データ: the item file, one row per order line (OrderId,
// LineId, ItemId, Title, Quantity, UnitPrice). It carries no order time: imported with
// `import order-items` after the order file (yahoo-shopping-orders.ts), it replaces the lines of
// those orders. Layout, sources and decisions: fixtures/yahoo-shopping/README.md.
import type { Preset } from './types.js';

export const yahooShoppingItems: Preset = {
  id: 'yahoo-shopping-items',
  label: { ja: 'Yahoo!ショッピング 注文データ（商品）', en: 'Yahoo! Shopping order data (items)' },
  entities: ['order-items'],
  signature: ['OrderId', 'LineId', 'ItemId', 'Quantity', 'UnitPrice'],
  // The order file has OrderTime and no LineId (yahoo-shopping-orders.ts).
  without: ['OrderTime'],
  shape: 'lines',
  columns: {
    OrderId: 'order_id',
    // The product, not its variation (SubCode): entry products and cross-sell are read per product.
    ItemId: 'sku',
    Title: 'product_name',
    Quantity: 'quantity',
    // The price of one unit as sold, after a store coupon (OriginalPrice is before it).
    UnitPrice: 'unit_price',
  },
  doc: {
    system: 'Yahoo!ショッピング — ストアクリエイターPro 注文データ (item file)',
    file: 'ストアクリエイターPro 注文管理 → 注文データのダウンロード, item CSV (Shift_JIS)',
    detected: 'OrderId, LineId, ItemId, Quantity, UnitPrice; not OrderTime',
    amount:
      'none: the order amount is the order file’s TotalPrice; the lines (UnitPrice × Quantity, after store coupons) are the order’s items',
    key: 'none: the customer is on the order file',
    statuses: 'none: the status is on the order file',
  },
};
