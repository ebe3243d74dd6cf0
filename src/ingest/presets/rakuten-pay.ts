// 楽天 RMS 受注データダウンロード in the 楽天ペイ受注 layout (注文番号, ステータス, サブステータスID, …): one
// row per 商品 line, the order's columns repeated on each. Layout, sources and decisions:
// fixtures/rakuten-pay/README.md.
import { lit } from '../sql.js';
import { blankSql } from '../values-sql.js';
import type { Preset } from './types.js';

/**
 * ステータス, as the RMS writes it (the word) or as the 楽天ペイ受注API numbers it (the code). Every
 * order not cancelled is a sale, the ones still in progress included (as Shopify's pending): 楽天
 * cancels an unconfirmed order itself, and that re-export then says キャンセル確定. キャンセル確定待ち
 * is a cancellation the shop has applied for: counted cancelled now rather than sold until 楽天
 * confirms it. 返品 is not a status in 楽天ペイ: a return is cancelled after shipping (see statusSql).
 */
const STATUSES = {
  注文確認待ち: 'completed',
  楽天処理中: 'completed',
  発送待ち: 'completed',
  変更確定待ち: 'completed',
  発送済: 'completed',
  支払手続き中: 'completed',
  支払手続き済: 'completed',
  キャンセル確定待ち: 'cancelled',
  キャンセル確定: 'cancelled',
  '100': 'completed',
  '200': 'completed',
  '300': 'completed',
  '400': 'completed',
  '500': 'completed',
  '600': 'completed',
  '700': 'completed',
  '800': 'cancelled',
  '900': 'cancelled',
  // Our own word for a cancellation after shipping (statusSql), never in the file itself.
  返品: 'returned',
} as const;

export const rakutenPay: Preset = {
  id: 'rakuten-pay',
  label: { ja: '楽天 RMS 受注データ（楽天ペイ）', en: 'Rakuten RMS orders (Rakuten Pay layout)' },
  entities: ['orders', 'order-items'],
  signature: [
    '注文番号',
    'ステータス',
    'サブステータスID',
    '合計金額',
    '請求金額',
    '商品管理番号',
    '個数',
  ],
  // The legacy 通常購入 layout says 受注番号 / 受注ステータス (rakuten-legacy.ts).
  without: ['受注番号', '受注ステータス'],
  shape: 'lines',
  // 楽天 masks the buyer's e-mail, and nothing public says the mask is the same on a buyer's next
  // order: the person is the orderer's name + phone. The name and the phone come in several
  // columns; listing one field for several headers joins them in this order.
  customerKey: 'name_phone',
  columns: {
    注文番号: 'order_id',
    注文日時: 'ordered_at',
    合計金額: 'amount',
    店舗発行クーポン利用額: 'discount_amount',
    送料合計: 'shipping',
    ステータス: 'status',
    注文者姓: 'name',
    注文者名: 'name',
    注文者電話番号1: 'phone',
    注文者電話番号2: 'phone',
    注文者電話番号3: 'phone',
    注文者メールアドレス: 'email',
    商品管理番号: 'sku',
    商品名: 'product_name',
    個数: 'quantity',
    単価: 'unit_price',
    発送完了報告日時: 'shipped_reported_at',
  },
  fields: [{ name: 'shipped_reported_at', type: 'timestamp', checkOnly: true }],
  statuses: STATUSES,
  // A return is processed as キャンセル申請 → 返品受領 → キャンセル確定 on a shipped order, so a
  // cancellation whose shipment was reported is a return (neither purchase nor revenue either way,
  // but it is stored and counted as returned).
  statusSql: (raw) => {
    const status = raw('status') ?? 'NULL';
    const shipped = raw('shipped_reported_at');
    if (!shipped) return status;
    return `CASE WHEN trim(${status}) IN (${lit('キャンセル確定')}, '900') AND ${blankSql(shipped)} IS NOT NULL THEN ${lit('返品')} ELSE ${status} END`;
  },
  // 合計金額 (商品 + 送料 + ラッピング, before coupons and points) less the shop's own coupons.
  orderAmountSql: (agg) => `${agg.first('amount')} - coalesce(${agg.first('discount_amount')}, 0)`,
  // The API writes -9999 for amounts not yet fixed (送料未確定); the order is then valued by its lines.
  sentinels: { amount: ['-9999'], shipping: ['-9999'], discount_amount: ['-9999'] },
  constants: { channel: 'rakuten' },
  doc: {
    system: '楽天 RMS — 受注データダウンロード, 楽天ペイ受注 layout',
    file: 'RMS 受注管理 → 受注データダウンロード (CSV, Shift_JIS; the file name varies)',
    detected:
      '注文番号, ステータス, サブステータスID, 合計金額, 請求金額, 商品管理番号, 個数; not 受注番号 / 受注ステータス',
    amount:
      '合計金額 − 店舗発行クーポン利用額. 合計金額 is 商品 + 送料 + ラッピング (tax included, COD fee excluded), before coupons and points. ' +
      'Not 請求金額: it is what the buyer still pays after ポイント利用額 and クーポン利用総額 — points and 楽天-funded coupons are paid to the shop by 楽天, ' +
      'so 請求金額 understates the sale and an order paid wholly with points would be 0 (not a purchase). The shop’s own coupons are a real discount and are deducted',
    key: 'Orderer name (注文者姓 + 注文者名) + phone (注文者電話番号1–3): 楽天 masks the e-mail (…@pc.fw.rakuten.ne.jp) and its stability per buyer is not documented; no phone = guest',
    statuses:
      'ステータス: 注文確認待ち, 楽天処理中, 発送待ち, 変更確定待ち, 発送済, 支払手続き中, 支払手続き済 (100–700) → completed; ' +
      'キャンセル確定待ち, キャンセル確定 (800, 900) → cancelled; キャンセル確定 with 発送完了報告日時 set (cancelled after shipping) → returned',
  },
};
