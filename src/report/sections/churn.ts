// churn_breakdown: of the retention base (buyers of the year ending D−365), who did not buy in
// the year ending D — by the ladder level and recency band they had at D−365, by acquisition
// channel and by entry product (the category of the first order). Top 20 values each.
import { z } from 'zod';
import { count, key, rate } from '../field.js';

export const churnRowSchema = z.strictObject({
  value: key(
    '値',
    'Value',
    'The level, band (0-30, 31-90, 91-180, 181-365 days), channel or product; unknown when missing.',
  ),
  base: count('母数', 'Base', 'Buyers of the year ending D−365 with this value.'),
  churned: count('離脱', 'Churned', 'Of those, customers without a purchase in the year ending D.'),
  churn_rate: rate('base', '離脱率', 'Churn rate', 'churned / base; null without a base.'),
});
export type ChurnRow = z.infer<typeof churnRowSchema>;

export const churnBreakdownSchema = z.strictObject({
  by_ladder_level: z.array(churnRowSchema),
  by_recency_band: z.array(churnRowSchema),
  by_channel: z.array(churnRowSchema),
  by_entry_product: z.array(churnRowSchema),
});
export type ChurnBreakdown = z.infer<typeof churnBreakdownSchema>;
