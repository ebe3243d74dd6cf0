// data_quality: what the imported data lacks, as of D — guest orders (no customer: in no
// per-customer figure), orders without order lines (no categories for the entry product and
// new offers), customers without an acquisition channel (unknown in the audit and the churn
// by channel), and orders dated after the day the checkup ran (a date read wrongly).
import { z } from 'zod';
import { count, dateOrNull, rate } from '../field.js';

export const dataQualitySchema = z.strictObject({
  orders: count(
    '注文数(1年)',
    'Orders this year',
    'Orders of any status dated in the year ending D.',
  ),
  guest_orders: count('顧客不明の注文', 'Guest orders', 'Of those, orders without a customer.'),
  guest_order_share: rate(
    'orders',
    '顧客不明の注文の割合',
    'Guest share of orders',
    'guest_orders / orders.',
  ),
  orders_without_items: count(
    '明細のない注文',
    'Orders without lines',
    'Of the orders, those without any order line.',
  ),
  orders_without_items_share: rate(
    'orders',
    '明細のない注文の割合',
    'Share of orders without lines',
    'orders_without_items / orders.',
  ),
  customers: count(
    '購入した顧客',
    'Customers who bought',
    'Identified customers with a purchase on or before D.',
  ),
  customers_without_channel: count(
    '獲得チャネル不明の顧客',
    'Customers without a channel',
    'Of those, customers without an acquisition channel (no customer record, or the channel empty).',
  ),
  customers_without_channel_share: rate(
    'customers',
    '獲得チャネル不明の割合',
    'Share without a channel',
    'customers_without_channel / customers.',
  ),
  future_orders: count(
    '未来の日付の注文',
    'Future-dated orders',
    'Orders dated after the day the checkup ran (local date): a date read wrongly.',
  ),
  future_latest: dateOrNull(
    '未来の日付の最遅',
    'Latest future date',
    'The latest such order date; null when there is none.',
  ),
});
export type DataQuality = z.infer<typeof dataQualitySchema>;
