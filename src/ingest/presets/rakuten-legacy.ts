// The legacy 楽天 RMS 通常購入 受注CSV (受注番号, 受注ステータス, …), written before 楽天ペイ: one row per 商品
// line, the order's columns repeated, and -99999 for amounts not yet fixed. Layout, sources and
// decisions: fixtures/rakuten-legacy/README.md.
import { lit } from '../sql.js';
import { blankSql } from '../values-sql.js';
import type { Preset } from './types.js';

/**
 * 受注ステータス. Every order not cancelled is a sale, those still waiting (新規受付, 入金待ち, 保留)
 * included: a shop that gives up on one moves it to キャンセル, and the next export says so. 返品 is
 * not a status of the legacy RMS; a return is cancelled after shipping (statusSql).
 */
const STATUSES = {
  新規受付: 'completed',
  発送前入金待ち: 'completed',
  発送待ち: 'completed',
  発送後入金待ち: 'completed',
  処理済: 'completed',
  // Some tools and screens write it with the okurigana.
  処理済み: 'completed',
  保留: 'completed',
  キャンセル: 'cancelled',
  // Our own word for a cancellation after shipping (statusSql), never in the file itself.
  返品: 'returned',
} as const;

// The legacy RMS writes this where an amount is not fixed yet (送料 still to be set, …).
const INVALID = ['-99999'];

export const rakutenLegacy: Preset = {
  id: 'rakuten-legacy',
  label: { ja: '楽天 RMS 受注CSV（旧形式・通常購入）', en: 'Rakuten RMS orders (legacy layout)' },
  entities: ['orders', 'order-items'],
  signature: ['受注番号', '受注ステータス', '合計金額(-99999=無効値)', '注文者名字', '個数'],
  // The 楽天ペイ layout (rakuten-pay.ts) says 注文番号 / ステータス / サブステータスID.
  without: ['注文番号', 'サブステータスID'],
  shape: 'lines',
  // メールアドレス is masked by 楽天 (あんしんメルアド) and not documented as stable per buyer: the
  // person is the orderer's name + phone, each read from several columns (joined in this order).
  customerKey: 'name_phone',
  columns: {
    受注番号: 'order_id',
    注文日時: 'ordered_at',
    '合計金額(-99999=無効値)': 'amount',
    店舗発行クーポン利用額: 'discount_amount',
    '送料(-99999=無効値)': 'shipping',
    受注ステータス: 'status',
    注文者名字: 'name',
    注文者名前: 'name',
    注文者電話番号１: 'phone',
    注文者電話番号２: 'phone',
    注文者電話番号３: 'phone',
    メールアドレス: 'email',
    商品番号: 'sku',
    商品名: 'product_name',
    個数: 'quantity',
    単価: 'unit_price',
    お荷物伝票番号: 'tracking_number',
  },
  fields: [{ name: 'tracking_number', type: 'text', checkOnly: true }],
  statuses: STATUSES,
  // A cancelled order that carries a parcel number was shipped first: a return.
  statusSql: (raw) => {
    const status = raw('status') ?? 'NULL';
    const slip = raw('tracking_number');
    if (!slip) return status;
    return `CASE WHEN trim(${status}) = ${lit('キャンセル')} AND ${blankSql(slip)} IS NOT NULL THEN ${lit('返品')} ELSE ${status} END`;
  },
  // 合計金額 less the shop's own coupons; -99999 (not fixed yet) leaves the order valued by its lines.
  orderAmountSql: (agg) => `${agg.first('amount')} - coalesce(${agg.first('discount_amount')}, 0)`,
  sentinels: { amount: INVALID, shipping: INVALID, discount_amount: INVALID },
  constants: { channel: 'rakuten' },
  doc: {
    system: '楽天 RMS — 受注CSV, legacy 通常購入 layout (before 楽天ペイ)',
    file: 'RMS → データダウンロード → 通常購入データ (CSV, Shift_JIS)',
    detected:
      '受注番号, 受注ステータス, 合計金額(-99999=無効値), 注文者名字, 個数; not 注文番号 / サブステータスID',
    amount:
      '合計金額(-99999=無効値) − 店舗発行クーポン利用額. 合計金額 is 合計 (items, tax included) + 消費税 + 送料 + 代引料, before points and coupons; ' +
      'not 請求金額 (after ポイント利用額 and クーポン利用額: points and 楽天-funded coupons are paid to the shop by 楽天). ' +
      '-99999 (not fixed yet, e.g. 送料 still to be set) is no value: the order is then Σ 単価 × 個数',
    key: 'Orderer name (注文者名字 + 注文者名前) + phone (注文者電話番号１–３): the e-mail is masked by 楽天; no phone = guest',
    statuses:
      '受注ステータス: 新規受付, 発送前入金待ち, 発送待ち, 発送後入金待ち, 処理済, 保留 → completed; キャンセル → cancelled, ' +
      'or returned when お荷物伝票番号 is set (cancelled after shipping)',
  },
};
