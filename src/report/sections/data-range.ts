// data_range: how much purchase history the business has as of D and whether promotion data
// exists — the guards of the year-on-year rules (docs/diagnoses.md, "Not crying wolf").
import { z } from 'zod';
import { count, dateOrNull, days } from '../field.js';

export const dataRangeSchema = z.strictObject({
  first_purchase: dateOrNull(
    '最初の購入日',
    'First purchase',
    'Date of the first purchase on or before D; null without purchases.',
  ),
  history_days: days(
    '購買履歴の日数',
    'Days of history',
    'Days from the first purchase to D, both included (0 without purchases).',
  ),
  contacts_total: count(
    '配布の記録数',
    'Contacts recorded',
    'Contacts recorded at any date (0: no promotion data imported).',
  ),
  implausible_orders: count(
    'ありえない日付の注文',
    'Implausibly dated orders',
    'Orders dated before 1990-01-01 (e.g. 1900-01-01 placeholders): left out of every figure.',
  ),
  implausible_first: dateOrNull(
    'ありえない日付の最古',
    'Earliest implausible date',
    'The earliest such order date; null when there is none.',
  ),
});
export type DataRange = z.infer<typeof dataRangeSchema>;
