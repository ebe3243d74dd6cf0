// スマレジ (Smaregi POS) — the 取引 CSV of 管理画面 › 取引履歴 › 取引一覧: one row per transaction
// (取引), no 取引明細 columns. Shared with smaregi-details.ts (the same head columns, repeated on
// every line there): 取引区分 tells sales (1) from cash-drawer and point operations, 取消区分 marks a
// transaction cancelled on the spot, a 返品 or 消込 (打消レコード) transaction has a negative 合計 and
// is a credit note on its own date. Walk-in sales carry no 会員ID: guests. Layout and sources:
// fixtures/smaregi-transactions/README.md.
import { blankSql } from '../values-sql.js';
import type { Preset, RawSql } from './types.js';

/** The head columns both スマレジ layouts map (header → field). */
export const SMAREGI_HEAD_COLUMNS: Record<string, string> = {
  取引ID: 'order_id',
  取引日時: 'ordered_at',
  // 合計 is 「取引の最終的な支払金額」: after unit, subtotal and point discounts, tax included.
  // 小計 is the tax-excluded sum of the lines before the subtotal discount: not what was paid.
  合計: 'amount',
  小計値引き: 'discount_amount',
  会員ID: 'customer_id',
  取引区分: 'smaregi_kind',
  取消区分: 'smaregi_cancel',
};

/** The preset-only fields: read by the hooks, never stored. */
export const SMAREGI_FIELDS: Preset['fields'] = [
  { name: 'smaregi_kind', type: 'text', checkOnly: true },
  { name: 'smaregi_cancel', type: 'text', checkOnly: true },
];

// スマレジ writes the codes as numbers (1, 0); a leading-number form such as 「1:通常」 reads the same.
const code = (raw: string) => `regexp_extract(${blankSql(raw)}, '^\\s*([0-9]+)', 1)`;

/**
 * Rows that are not sales: 取引区分 2 入金 and 3 出金 (the cash drawer), 4/5 預かり金, 6-8 ポイント
 * 加算/減算/失効, 11 チップ, 13/14 マイル, 16 領収証発行. Only 1 (通常: a sale, a 返品 or a 消込) is an
 * order. A row without a 取引区分 is kept (read as a sale).
 */
export function smaregiSkipSql(raw: RawSql): string {
  const kind = raw('smaregi_kind');
  return kind ? `coalesce(NULLIF(${code(kind)}, ''), '1') <> '1'` : 'false';
}

/** The status word: 取消区分 0 通常 / 1 取消 (a cancelled transaction stays in the history). */
export function smaregiStatusSql(raw: RawSql): string {
  const cancel = raw('smaregi_cancel');
  return cancel ? `NULLIF(${code(cancel)}, '')` : 'NULL';
}

/** 取消区分 → stored status. A negative 合計 (返品, 打消レコード) becomes a credit note (returned). */
export const SMAREGI_STATUSES: Preset['statuses'] = { '0': 'completed', '1': 'cancelled' };

export const SMAREGI_SKIP_REASON = {
  ja: '売上ではない取引（取引区分が1以外: 入金・出金・預かり金・ポイント操作など）',
  en: 'not a sale (取引区分 other than 1: cash in/out, deposits, point operations, …)',
};

const SMAREGI_DOC_AMOUNT =
  '合計 (the final amount paid: after unit, subtotal and point discounts, tax included), not 小計 (tax-excluded, before the subtotal discount); a 返品 or 消込 transaction has a negative 合計: a credit note on its own date';
const SMAREGI_DOC_STATUSES =
  '取消区分 0 → completed, 1 (取消) → cancelled; a negative 合計 (返品, 打消区分 2 打消レコード) → returned credit note; 取引区分 other than 1 (2 入金, 3 出金, 4/5 預かり金, 6-8 ポイント, 11 チップ, 13/14 マイル, 16 領収証) → row skipped';

export const smaregiTransactions: Preset = {
  id: 'smaregi-transactions',
  label: {
    ja: 'スマレジ 取引CSV（取引単位）',
    en: 'Smaregi transactions CSV (one row per transaction)',
  },
  entities: ['orders', 'order-items'],
  signature: ['取引ID', '取引日時', '取引区分', '取消区分', '合計', '会員ID'],
  // The detail export carries the same head columns: it is smaregi-details.
  without: ['取引明細ID'],
  shape: 'rows',
  columns: SMAREGI_HEAD_COLUMNS,
  fields: SMAREGI_FIELDS,
  statuses: SMAREGI_STATUSES,
  statusSql: smaregiStatusSql,
  skipSql: smaregiSkipSql,
  skipReason: SMAREGI_SKIP_REASON,
  // Every row is a store (POS) sale; Shopify's exports call that source 'pos' too.
  constants: { channel: 'pos' },
  doc: {
    system: 'スマレジ — 取引履歴 CSV (one row per transaction)',
    file: 'transaction_YYYYMMDD.csv (管理画面 › 取引履歴 › 取引一覧 › CSVダウンロード)',
    detected: '取引ID, 取引日時, 取引区分, 取消区分, 合計, 会員ID, without 取引明細ID',
    amount: SMAREGI_DOC_AMOUNT,
    key: "会員ID (スマレジ's member id, the key of its 会員 export); empty = walk-in guest",
    statuses: SMAREGI_DOC_STATUSES,
  },
};
