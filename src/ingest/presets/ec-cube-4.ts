// EC-CUBE 4 — 受注CSV (管理画面 › 受注管理 › 受注一覧 › CSVダウンロード › 受注CSV). One row per 受注明細
// (OrderItem): the order's columns are repeated on each of its rows, and besides the product rows an
// order has a 送料 row per shipment, a 手数料 row and, when used, 割引 (coupon) and ポイント rows,
// told apart by 明細区分. Layout and sources: fixtures/ec-cube-4/README.md.
import type { Preset, RawSql } from './types.js';

const NULL = 'NULL';

// A column's trimmed text, NULL when empty or when the file has no such column.
const cell = (raw: RawSql, field: string): string => {
  const sql = raw(field);
  return sql ? `NULLIF(trim(${sql}), '')` : NULL;
};

// mtb_order_status by id (stable: the names can be renamed in マスタデータ管理) and by its default
// names (read only when the id column is empty). 7 決済処理中 and 8 購入処理中 are not here: they
// are skipped (see skipSql), so an unexpected id is an error, never a silent sale.
const STATUSES = {
  '1': 'completed', // 新規受付: the order is placed (paid or awaiting a transfer)
  '4': 'completed', // 対応中
  '5': 'completed', // 発送済み
  '6': 'completed', // 入金済み
  '3': 'cancelled', // 注文取消し
  '9': 'returned', // 返品: the whole order, its amount unchanged — neither purchase nor revenue
  新規受付: 'completed',
  入金待ち: 'completed', // EC-CUBE 3's id 2; kept for shops that renamed a status to it
  入金済み: 'completed',
  対応中: 'completed',
  取り寄せ中: 'completed', // EC-CUBE 3's name of id 4
  発送済み: 'completed',
  注文取消し: 'cancelled',
  キャンセル: 'cancelled',
  返品: 'returned',
} as const;

export const ecCube4: Preset = {
  id: 'ec-cube-4',
  label: { ja: 'EC-CUBE 4 受注CSV', en: 'EC-CUBE 4 order CSV' },
  entities: ['orders', 'order-items'],
  // 明細区分 exists from EC-CUBE 4.0 on (dtb_csv ids 103/104); 支払合計 and 注文詳細ID tell the
  // 受注CSV from other carts' files that also have 注文番号.
  signature: ['注文番号', '注文詳細ID', '支払合計', '受注日', '対応状況(ID)', '明細区分(ID)'],
  shape: 'lines',
  // Every EC-CUBE order carries the buyer's e-mail, members' and guest checkouts' alike, while
  // 会員ID is empty for a guest checkout: the e-mail is the one key all orders have. A customers
  // file (会員CSV, keyed by 会員ID, with メールアドレス) links these keys to the 会員ID.
  customerKey: 'email',
  columns: {
    注文番号: 'order_id',
    メールアドレス: 'email',
    受注日: 'ordered_at',
    支払合計: 'amount',
    値引き: 'discount_amount',
    // The first 送料 is the order's (Order.delivery_fee_total); the second, near the end, is the
    // fee of the 出荷 the row belongs to (Shipping.shipping_delivery_fee), empty on rows without one.
    '送料#1': 'shipping',
    '送料#2': 'shipment_shipping',
    商品コード: 'sku',
    商品名: 'product_name',
    個数: 'quantity',
    // 価格 is OrderItem.price: the price of one unit, before tax (税率 is a column of its own).
    価格: 'unit_price',
    '対応状況(ID)': 'status_id',
    '対応状況(名称)': 'status_name',
    '明細区分(ID)': 'item_type_id',
    '明細区分(名称)': 'item_type',
  },
  fields: [
    { name: 'status_id', type: 'text', checkOnly: true },
    { name: 'status_name', type: 'text', checkOnly: true },
    { name: 'item_type_id', type: 'text', checkOnly: true },
    { name: 'item_type', type: 'text', checkOnly: true },
    { name: 'shipment_shipping', type: 'money_nonneg', checkOnly: true },
  ],
  linePrice: 'unit',
  statuses: STATUSES,
  statusSql: (raw) => `COALESCE(${cell(raw, 'status_id')}, ${cell(raw, 'status_name')})`,
  // Not data: rows whose 明細区分 is not 1 商品 (2 送料, 3 手数料, 4 割引, 5 税, 6 ポイント — already in
  // the order's 支払合計), and every row of an order still at 8 購入処理中 or 7 決済処理中 (a cart at
  // checkout or at the payment page: no 受注日 yet, not an order).
  skipSql: (raw) => {
    const typeId = cell(raw, 'item_type_id');
    const typeName = cell(raw, 'item_type');
    const statusId = cell(raw, 'status_id');
    const statusName = cell(raw, 'status_name');
    const notProduct = `COALESCE(${typeId} <> '1', ${typeName} <> '商品', false)`;
    const notOrder = `COALESCE(${statusId} IN ('7', '8'), ${statusName} IN ('決済処理中', '購入処理中'), false)`;
    return `(${notProduct} OR ${notOrder})`;
  },
  skipReason: {
    ja: '商品以外の明細（送料・手数料・割引・税・ポイント）と未確定の注文（購入処理中・決済処理中）',
    en: 'rows that are not products (shipping, fee, discount, tax, points) and unfinished orders (checkout or payment in progress)',
  },
  doc: {
    system: 'EC-CUBE 4 — 受注CSV (one row per 受注明細, order columns repeated)',
    file: 'order_YYYYMMDDHHMMSS.csv (管理画面 › 受注管理 › 受注一覧 › CSVダウンロード › 受注CSV)',
    detected: '注文番号, 注文詳細ID, 支払合計, 受注日, 対応状況(ID), 明細区分(ID)',
    amount:
      '支払合計 (what the customer pays: products with tax, shipping and fees, less discounts and points). ' +
      '小計 is the products only; 合計 equals 支払合計 in EC-CUBE 4 but was before points in 2.x; ' +
      'the 送料/手数料/割引/ポイント rows are already in it and are skipped',
    key: 'メールアドレス (lower-cased): members and guest checkouts alike; 会員ID is empty for guests. Linked to 会員ID through a customers file',
    statuses:
      '対応状況(ID) (名称 if the id is empty): 1 新規受付, 4 対応中, 5 発送済み, 6 入金済み → completed; ' +
      '3 注文取消し → cancelled; 9 返品 → returned; 7 決済処理中, 8 購入処理中 → rows skipped (not orders yet)',
  },
};
