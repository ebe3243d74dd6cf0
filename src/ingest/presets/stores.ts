// STORES (stores.jp) order CSV (オーダー → CSVダウンロード): Shift_JIS, one row per item of an
// order (アイテム名, 種類, 個数), the order's status, buyer (…(購入者)), 配送料 and 合計 repeated on each
// of its rows. No customer number: the customer is the buyer's e-mail; an order without one
// (entered by hand) is a guest. Only part of the layout is confirmed publicly (README).
import type { Preset } from './types.js';

// ステータス: 入金待ち (convenience-store or bank payment not yet made) counts as an order placed,
// as Shopify's pending does (STORES cancels it when the deadline passes). STORES has no return
// status: a refund is a cancellation.
const STATUSES = {
  入金待ち: 'completed',
  未発送: 'completed',
  発送済み: 'completed',
  キャンセル: 'cancelled',
} as const;

export const stores: Preset = {
  id: 'stores',
  label: { ja: 'STORES オーダーCSV', en: 'STORES orders CSV' },
  entities: ['orders', 'order-items'],
  // Headers read by public code that handles this export (README); the buyer block is 購入者.
  signature: ['オーダー番号', 'アイテム名', '個数', '氏(購入者)', '氏(配送先)'],
  shape: 'lines',
  customerKey: 'email',
  columns: {
    オーダー番号: 'order_id',
    オーダー日: 'ordered_at',
    オーダー日時: 'ordered_at',
    ステータス: 'status',
    メールアドレス: 'email',
    // Claimed so that the delivery address's phone is not read as a second phone column.
    '電話番号(購入者)': 'phone',
    品番: 'sku',
    アイテム名: 'product_name',
    個数: 'quantity',
    価格: 'unit_price',
    配送料: 'shipping',
    クーポン割引: 'discount_amount',
    合計: 'amount',
  },
  statuses: STATUSES,
  doc: {
    system: 'STORES — オーダーCSV (オーダー → CSVダウンロード)',
    file: '20250901093000.csv (Shift_JIS, one row per item)',
    detected: 'オーダー番号, アイテム名, 個数, 氏(購入者), 氏(配送先)',
    amount:
      '合計 of the order (written on each of its rows, read once): what the buyer pays, with 配送料 and fees, after クーポン割引. Not 小計 (the items alone). Lines: 価格 × 個数',
    key: 'メールアドレス (the buyer’s), lower-cased; none = guest',
    statuses: 'ステータス: 入金待ち, 未発送, 発送済み → completed; キャンセル → cancelled',
  },
};
