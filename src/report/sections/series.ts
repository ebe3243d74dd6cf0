// series: the daily series of the list diagnosis — active customers A(d) and trailing 365-day
// revenue for each of the 730 days ending D.
import { z } from 'zod';
import { count, date, yen } from '../field.js';

export const seriesPointSchema = z.strictObject({
  date: date('日付', 'Date', 'The day d.'),
  active_customers: count(
    '稼働顧客数',
    'Active customers',
    'A(d): customers with a purchase in the 365 days ending d.',
  ),
  trailing_revenue: yen(
    '年商(直近365日)',
    'Trailing revenue',
    'Revenue of identified customers in the 365 days ending d.',
  ),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;
export const seriesSchema = z.array(seriesPointSchema);
