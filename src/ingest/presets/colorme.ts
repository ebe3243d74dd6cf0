// カラーミーショップ — 受注データ CSV (受注管理 › 受注一覧 › CSVダウンロード). One row per 受注明細, the
// 売上's columns repeated on each. The 売上 has no single status: three states, as in the API's sale
// (paid, delivered, canceled), one column each. Layout, sources and what is not confirmed:
// fixtures/colorme/README.md.
import type { Preset, RawSql } from './types.js';

const cell = (raw: RawSql, field: string): string => {
  const sql = raw(field);
  return sql ? `NULLIF(trim(${sql}), '')` : 'NULL';
};

export const colorme: Preset = {
  id: 'colorme',
  label: { ja: 'カラーミーショップ 受注データCSV', en: 'Color Me Shop order data CSV' },
  entities: ['orders', 'order-items'],
  // キャンセル is in the signature: without it a cancelled sale would read as a sale.
  signature: ['売上ID', '受注日時', '合計金額', '税込販売価格', '販売個数', 'キャンセル'],
  shape: 'lines',
  // Every sale carries the buyer's e-mail, members' and non-members' alike. 顧客ID is not the key:
  // whether a non-member who buys again keeps one 顧客ID is not publicly documented (README), and
  // the e-mail links to the 顧客ID anyway once a customers file keyed by it is imported.
  customerKey: 'email',
  columns: {
    売上ID: 'order_id',
    受注日時: 'ordered_at',
    // 合計金額 is the API's total_price (注文総額): goods, tax, shipping, fee, gift charges, less
    // point and coupon discounts.
    合計金額: 'amount',
    配送料: 'shipping',
    その他割引額: 'discount_amount',
    購入者メールアドレス: 'email',
    型番: 'sku',
    商品名: 'product_name',
    販売個数: 'quantity',
    // 販売価格 is before tax when the shop shows prices 税抜; 税込販売価格 (price_with_tax) is what the
    // customer paid for one unit.
    税込販売価格: 'unit_price',
    入金状況: 'paid',
    発送状況: 'delivered',
    キャンセル: 'canceled',
  },
  fields: [
    { name: 'paid', type: 'text', checkOnly: true },
    { name: 'delivered', type: 'text', checkOnly: true },
    { name: 'canceled', type: 'text', checkOnly: true },
  ],
  linePrice: 'unit',
  // The cancel mark wins (a shipped sale can be cancelled: a whole return); else the shipping
  // state, else the payment state. An unknown mark in any of them is an error, never a sale.
  statusSql: (raw) =>
    `COALESCE(${cell(raw, 'canceled')}, ${cell(raw, 'delivered')}, ${cell(raw, 'paid')})`,
  statuses: {
    キャンセル: 'cancelled',
    キャンセル済み: 'cancelled',
    発送済み: 'completed',
    未発送: 'completed', // placed and not cancelled: still an order
    入金済み: 'completed',
    未入金: 'completed',
    // The API's words (sale.canceled / delivered / paid), for files built from it.
    canceled: 'cancelled',
    delivered: 'completed',
    paid: 'completed',
  },
  doc: {
    system: 'カラーミーショップ — 受注データ CSV (one row per 受注明細, 売上 columns repeated)',
    file: '受注管理 › 受注一覧 › CSVダウンロード',
    detected: '売上ID, 受注日時, 合計金額, 税込販売価格, 販売個数, キャンセル',
    amount:
      '合計金額 (total_price: goods with tax, shipping, fee, gift charges, less point and coupon discounts). ' +
      '商品合計金額 is the goods before tax',
    key: '購入者メールアドレス (lower-cased), members and non-members alike; none = guest',
    statuses:
      'キャンセル set → cancelled (also a whole return: there is no return state); otherwise 発送済み/未発送, 入金済み/未入金 → completed',
  },
};
