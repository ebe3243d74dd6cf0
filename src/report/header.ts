// The report header: which version of the contract it follows, the as-of date D, when it was
// computed and which business it describes.
import { z } from 'zod';
import { count, date, datetime, field, key, text } from './field.js';

/** The version of the report contract; bump it with an upgrade in upgrade.ts when the shape changes. */
export const REPORT_VERSION = 4;

export const businessSchema = z.strictObject({
  name: text('事業名', 'Business', 'settings.business_name.'),
  timezone: key(
    'タイムゾーン',
    'Time zone',
    'settings.timezone: dates are local dates of this zone.',
  ),
  currency: key('通貨', 'Currency', 'settings.currency: the unit of every yen field.'),
});

export const headerShape = {
  report_version: field(z.number().int().positive(), 'number', [
    'レポートの版',
    'Report version',
    'The contract version the report follows (REPORT_VERSION when computed).',
  ]),
  as_of: date('基準日', 'As of', 'D, the as-of date (local).'),
  computed_at: datetime('計算日時', 'Computed at', 'ISO time of computation (UTC).'),
  business: businessSchema,
  min_rate_base: count(
    '判断に要る最少人数',
    'Fewest customers to judge a rate',
    'settings.diagnosis.min_rate_base when computed: a rate out of fewer customers is shown as “too few to judge” (since version 3).',
  ),
};
