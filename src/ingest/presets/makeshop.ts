// MakeShop — 注文データ CSV (注文管理 › 注文一覧 › 注文データダウンロード with a 注文出力用テンプレート,
// one row per ordered product, the order's columns repeated on each). The columns are the
// template's items, named as in MakeShop's item list (日付, 注文時間, 注文番号, 処理状況, …).
// Layout, sources and what is not confirmed: fixtures/makeshop/README.md.
import type { Preset } from './types.js';

export const makeshop: Preset = {
  id: 'makeshop',
  label: { ja: 'MakeShop 注文データCSV', en: 'MakeShop order data CSV' },
  entities: ['orders', 'order-items'],
  // 注文時間 (hhmmss beside 日付) and 処理状況 are MakeShop's item names; 処理状況 is in the
  // signature so that a template without it is never read as all sales.
  signature: ['日付', '注文時間', '注文番号', '処理状況', '販売価格', '数量', '合計金額'],
  shape: 'lines',
  // 会員ID is empty for a visitor (ビジター) purchase, while every web order carries 注文者メール
  // アドレス: the e-mail is the one key all orders have. A customers file keyed by 会員ID with the
  // e-mail links these keys to the 会員ID.
  customerKey: 'email',
  columns: {
    注文番号: 'order_id',
    // 日付 is the order's date (2022/8/10); its time is 注文時間 (103309) in a column of its own.
    // The figures count local dates, so the date alone is the order's time (midnight).
    日付: 'ordered_at',
    処理状況: 'status',
    合計金額: 'amount',
    送料: 'shipping',
    クーポン割引額: 'discount_amount',
    注文者メールアドレス: 'email',
    独自商品コード: 'sku',
    商品名: 'product_name',
    数量: 'quantity',
    // 販売価格 is one unit's price, tax included.
    販売価格: 'unit_price',
  },
  linePrice: 'unit',
  statuses: {
    未処理: 'completed', // placed, not yet shipped
    配送: 'completed', // shipped
    注文キャンセル: 'cancelled',
    // Sent back to the shop (refused, not collected, unknown address): the order never became a
    // sale, its amount unchanged — stored as a whole return, neither purchase nor revenue.
    返送: 'returned',
  },
  doc: {
    system:
      'MakeShop — 注文データ CSV (注文出力用テンプレート, one row per product, order columns repeated)',
    file: '注文管理 › 注文一覧 › 注文データダウンロード (template with the items listed in fixtures/makeshop/README.md)',
    detected: '日付, 注文時間, 注文番号, 処理状況, 販売価格, 数量, 合計金額',
    amount:
      '合計金額 (what the customer pays: goods with tax, shipping and fees, less points and coupons). ' +
      '商品合計金額 is the goods only',
    key: '注文者メールアドレス (lower-cased): members and visitors alike; none = guest. Linked to 会員ID through a customers file',
    statuses:
      '処理状況: 未処理, 配送 → completed; 注文キャンセル → cancelled; 返送 → returned (sent back: not a sale)',
  },
};
