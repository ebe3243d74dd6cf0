// スマレジ (Smaregi POS) — the 取引明細 CSV: one row per transaction line, the transaction's head
// columns (取引ID, 合計, 会員ID, 取引区分, 取消区分, …) repeated on each of its lines. The export a shop
// analyses customers and products with; its per-transaction sibling is smaregi-transactions.ts,
// whose head-column rules this preset shares. Layout and sources: fixtures/smaregi-details/README.md.
import {
  SMAREGI_FIELDS,
  SMAREGI_HEAD_COLUMNS,
  SMAREGI_SKIP_REASON,
  SMAREGI_STATUSES,
  smaregiSkipSql,
  smaregiStatusSql,
  smaregiTransactions,
} from './smaregi-transactions.js';
import type { Preset } from './types.js';

export const smaregiDetails: Preset = {
  id: 'smaregi-details',
  label: {
    ja: 'スマレジ 取引明細CSV（明細単位）',
    en: 'Smaregi transaction details CSV (one row per line)',
  },
  entities: ['orders', 'order-items'],
  signature: ['取引ID', '取引日時', '取引区分', '取消区分', '合計', '会員ID', '取引明細ID', '数量'],
  shape: 'lines',
  columns: {
    ...SMAREGI_HEAD_COLUMNS,
    // 商品コード is the shop's code (JAN); 商品ID is スマレジ's internal number.
    商品コード: 'sku',
    商品名: 'product_name',
    部門名: 'category',
    数量: 'quantity',
    // 販売単価 is the price of one unit as sold; 値引き後計 is the line's total after its unit
    // discount. The order amount is 合計 (the head column), so the unit price is only the line's.
    販売単価: 'unit_price',
  },
  linePrice: 'unit',
  fields: SMAREGI_FIELDS,
  statuses: SMAREGI_STATUSES,
  statusSql: smaregiStatusSql,
  // A cash-drawer transaction has one row with empty 取引明細 columns: skipped before it could
  // fail as a line without SKU or quantity.
  skipSql: smaregiSkipSql,
  skipReason: SMAREGI_SKIP_REASON,
  constants: { channel: 'pos' },
  doc: {
    ...smaregiTransactions.doc,
    system: 'スマレジ — 取引明細 CSV (one row per line, head columns repeated)',
    file: 'transaction_detail_YYYYMMDD.csv (管理画面 › 取引履歴 › CSVダウンロード, 明細を含む)',
    detected: '取引ID, 取引日時, 取引区分, 取消区分, 合計, 会員ID, 取引明細ID, 数量',
  },
};
