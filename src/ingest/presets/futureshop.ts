// futureshop — 受注データ CSV (運用 › 受注管理 › 検索結果をダウンロード, futureshop形式). One row per
// ordered item, the order's columns (受注コード, 注文日時, 請求合計金額, …) repeated on each. The
// columns are those a shop ticks in 受注データ取得項目設定; this preset reads the ones an
// order-management link (ネクストエンジン) asks for, plus ステータス. Layout, sources and what is
// not confirmed: fixtures/futureshop/README.md.
import type { Preset } from './types.js';

export const futureshop: Preset = {
  id: 'futureshop',
  label: { ja: 'futureshop 受注データCSV', en: 'futureshop order data CSV' },
  entities: ['orders', 'order-items'],
  // ステータス is in the signature on purpose: without it every order would read as a sale, so a
  // file without the column is not taken for this preset (and fails loudly instead).
  signature: ['受注コード', '注文日時', '請求合計金額', '販売単価', '購入数量', 'ステータス'],
  shape: 'lines',
  // The export has no member number among these columns; every web order carries the buyer's
  // e-mail (メイン), members' and guests' alike. (サブ) and (モバイル) are other addresses of the
  // same buyer, not keys.
  customerKey: 'email',
  columns: {
    受注コード: 'order_id',
    注文日時: 'ordered_at',
    請求合計金額: 'amount',
    送料: 'shipping',
    '割引合計金額(商品)': 'discount_amount',
    'メールアドレス(メイン)': 'email',
    商品番号: 'sku',
    商品名: 'product_name',
    購入数量: 'quantity',
    // 販売単価 is one unit's price, tax included (futureshop shows prices 税込).
    販売単価: 'unit_price',
    ステータス: 'status',
  },
  linePrice: 'unit',
  statuses: {
    通常処理: 'completed', // the normal flow: unpaid, paid and shipped orders alike
    通常処理中: 'completed',
    保留: 'completed', // on hold: still the customer's order, not cancelled
    保留中: 'completed',
    キャンセル: 'cancelled', // also a whole return: futureshop has no 返品 status
  },
  doc: {
    system:
      'futureshop — 受注データ CSV (futureshop形式, one row per item, order columns repeated)',
    file: '受注管理 › 検索結果をダウンロード (columns as ticked in 受注データ取得項目設定)',
    detected: '受注コード, 注文日時, 請求合計金額, 販売単価, 購入数量, ステータス',
    amount:
      '請求合計金額 (what the customer is billed: goods with tax, shipping and fees, less discounts and points used). ' +
      '商品合計金額 is the goods only, before discounts and points',
    key: 'メールアドレス(メイン) (lower-cased); none = guest',
    statuses:
      'ステータス: 通常処理, 保留 → completed; キャンセル → cancelled (a whole return is cancelled; a partial one edits the amounts)',
  },
};
