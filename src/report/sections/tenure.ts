// retention_by_tenure: of the customers who bought in their k-th year since the first purchase,
// the share who bought again in year k+1 (SPEC §3); only fully elapsed transitions count.
import { z } from 'zod';
import { count, field, rate } from '../field.js';

export const tenureRetentionSchema = z.strictObject({
  tenure_year: count(
    '継続年数(年目)',
    'Tenure year',
    'The year retained into: 2 means first-year buyers who bought in their 2nd year.',
  ),
  base: count('母数', 'Base', 'Customers who bought in year k − 1 of their tenure.'),
  retained: count('維持した顧客', 'Retained', 'Of those, customers who bought in year k.'),
  retention_rate: rate(
    'base',
    '顧客維持率',
    'Retention rate',
    'retained / base; null without a base.',
  ),
  target: field(z.number().nullable(), 'rate', [
    '目標',
    'Target',
    'The settings’ target for years 2 and 3 (retention_targets); null for later years.',
  ]),
});
export type TenureRetention = z.infer<typeof tenureRetentionSchema>;
export const retentionByTenureSchema = z.array(tenureRetentionSchema);
