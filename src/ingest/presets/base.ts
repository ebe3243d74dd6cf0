// BASE (thebase.in) order CSV (管理画面 → 注文管理 → CSVダウンロード): Shift_JIS, one row per order
// line (a product, or a paid option written as its own row 商品オプション「…」), the order's buyer,
// 送料, 代引き手数料, 調整金額 and 発送状況 repeated on each of its rows. There is no customer number:
// the customer is the buyer's e-mail. Orders sold through a partner shop carry no buyer: guests.
import type { Preset } from './types.js';

// 発送状況 (BASE's order status, dispatch_status in the API): the words of an order placed and not
// cancelled are purchases. 入金待ち (unpaid convenience-store or bank payment) counts as placed,
// as Shopify's pending does: BASE cancels it itself when the payment never comes, and a later
// export then says キャンセル. BASE has no return status: a refund after dispatch is a cancellation.
const STATUSES = {
  未発送: 'completed',
  発送済み: 'completed',
  配送中: 'completed',
  入金待ち: 'completed',
  キャンセル: 'cancelled',
} as const;

export const base: Preset = {
  id: 'base',
  label: { ja: 'BASE 注文CSV', en: 'BASE orders CSV' },
  entities: ['orders', 'order-items'],
  signature: ['注文ID', '注文日時', 'メールアドレス(請求先)', '商品名', '合計金額', '発送状況'],
  shape: 'lines',
  customerKey: 'email',
  columns: {
    注文ID: 'order_id',
    注文日時: 'ordered_at',
    'メールアドレス(請求先)': 'email',
    // Claimed so that the delivery address's phone is not read as a second phone column.
    '電話番号(請求先)': 'phone',
    商品ID: 'sku',
    商品名: 'product_name',
    数量: 'quantity',
    価格: 'unit_price',
    合計金額: 'line_total',
    送料: 'shipping',
    代引き手数料: 'cod_fee',
    調整金額: 'adjustment',
    発送状況: 'status',
  },
  fields: [
    { name: 'line_total', type: 'money', checkOnly: true },
    { name: 'cod_fee', type: 'money_nonneg', checkOnly: true },
    { name: 'adjustment', type: 'money', checkOnly: true },
  ],
  statuses: STATUSES,
  // BASE's order total (the API's total): the lines' 合計金額 (価格 × 数量, options included) +
  // the order's 送料 + 代引き手数料 + the shop's 調整金額 (written on every row: taken once). The
  // CSV has no column for a coupon discount, so a coupon is not taken off (README).
  orderAmountSql: (agg) =>
    `coalesce(${agg.sum('line_total')}, 0) + coalesce(${agg.first('shipping')}, 0)` +
    ` + coalesce(${agg.first('cod_fee')}, 0) + coalesce(${agg.first('adjustment')}, 0)`,
  doc: {
    system: 'BASE — 注文CSV (注文管理 → CSVダウンロード)',
    file: 'orders.csv (Shift_JIS, one row per order line)',
    detected: '注文ID, 注文日時, メールアドレス(請求先), 商品名, 合計金額, 発送状況',
    amount:
      'Σ 合計金額 of the lines (価格 × 数量, paid options included) + 送料 + 代引き手数料 + 調整金額 of the order (repeated on each row, taken once): BASE’s order total. No coupon column in the CSV: a coupon discount is not taken off',
    key: 'メールアドレス(請求先), lower-cased; none (partner-shop orders) = guest',
    statuses:
      '発送状況: 未発送, 発送済み, 配送中, 入金待ち → completed; キャンセル → cancelled (BASE has no return status)',
  },
};
