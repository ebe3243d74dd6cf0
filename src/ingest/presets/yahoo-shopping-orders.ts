// Yahoo!ショッピング, ストアクリエイターPro 注文管理 → 注文データのダウンロード: the order file, one row per
// order (the items come in a file of their own, yahoo-shopping-items.ts, linked by OrderId).
// Layout, sources and decisions: fixtures/yahoo-shopping/README.md.
import { lit } from '../sql.js';
import { blankSql } from '../values-sql.js';
import type { Preset } from './types.js';

/**
 * OrderStatus, as a code (the export and the 注文API write 1–5) or as the word ストアクリエイターPro
 * shows. Every order not cancelled is a sale, 予約中 (a pre-order) and 保留 (on hold) included: an
 * order that is never fulfilled ends as 4 キャンセル, and the next export says so. 新規注文 / 新規予約
 * are how the screen shows 処理中 / 予約中 before the store has opened them.
 */
const STATUSES = {
  '1': 'completed',
  '2': 'completed',
  '3': 'completed',
  '4': 'cancelled',
  '5': 'completed',
  予約中: 'completed',
  新規予約: 'completed',
  処理中: 'completed',
  新規注文: 'completed',
  保留: 'completed',
  完了: 'completed',
  キャンセル: 'cancelled',
  // Our own word for a cancellation after shipping or for 返品 (statusSql), never in the file itself.
  返品: 'returned',
} as const;

export const yahooShoppingOrders: Preset = {
  id: 'yahoo-shopping-orders',
  label: { ja: 'Yahoo!ショッピング 注文データ', en: 'Yahoo! Shopping order data (orders)' },
  entities: ['orders', 'order-items'],
  signature: ['OrderId', 'OrderTime', 'OrderStatus', 'TotalPrice', 'BillMailAddress'],
  // The item file has LineId and no OrderTime (yahoo-shopping-items.ts).
  without: ['LineId'],
  shape: 'rows',
  // Yahoo gives the buyer's own address (BillMailAddress), not a masked one.
  customerKey: 'email',
  columns: {
    OrderId: 'order_id',
    OrderTime: 'ordered_at',
    TotalPrice: 'amount',
    ShipCharge: 'shipping',
    Discount: 'discount_amount',
    OrderStatus: 'status',
    BillMailAddress: 'email',
    ShipDate: 'ship_date',
    CancelReason: 'cancel_reason',
  },
  fields: [
    { name: 'ship_date', type: 'text', checkOnly: true },
    { name: 'cancel_reason', type: 'text', checkOnly: true },
  ],
  statuses: STATUSES,
  // A return is an order moved to 4 キャンセル with キャンセル理由 110 (返品), when the template has
  // CancelReason, or one cancelled after its ShipDate was set.
  statusSql: (raw) => {
    const status = raw('status') ?? 'NULL';
    const shipped = raw('ship_date');
    const reason = raw('cancel_reason');
    const returned = [
      shipped ? `${blankSql(shipped)} IS NOT NULL` : null,
      reason ? `trim(${reason}) = '110'` : null,
    ].filter(Boolean);
    if (returned.length === 0) return status;
    return `CASE WHEN trim(${status}) IN ('4', ${lit('キャンセル')}) AND (${returned.join(' OR ')}) THEN ${lit('返品')} ELSE ${status} END`;
  },
  constants: { channel: 'yahoo' },
  doc: {
    system: 'Yahoo!ショッピング — ストアクリエイターPro 注文データ (order file)',
    file: 'ストアクリエイターPro 注文管理 → 注文データのダウンロード, order CSV (Shift_JIS)',
    detected: 'OrderId, OrderTime, OrderStatus, TotalPrice, BillMailAddress; not LineId',
    amount:
      'TotalPrice (合計金額: items after store coupons + ShipCharge + PayCharge + GiftWrapCharge − Discount). ' +
      'UsePoint and TotalMallCouponDiscount are not deducted: points and Yahoo-funded mall coupons are paid to the store by Yahoo, ' +
      'and an order paid with points is a sale of its full value',
    key: 'BillMailAddress, lower-cased (the buyer’s own address); empty = guest',
    statuses:
      'OrderStatus: 1 予約中, 2 処理中 (新規注文), 3 保留, 5 完了 → completed; 4 キャンセル → cancelled, ' +
      'or returned when CancelReason is 110 (返品) or ShipDate is set (cancelled after shipping)',
  },
};
