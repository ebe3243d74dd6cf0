// five_numbers_assessment: the five numbers of the month of D rated against the thresholds of
// five_numbers.profile, the state they put the business in and the seed's prescriptions.
import { z } from 'zod';
import { code, number, words } from '../field.js';

export const FIVE_KEYS = [
  'total_customers',
  'existing_customers',
  'new_customers',
  'existing_avg_spend',
  'new_avg_spend',
] as const;
export type FiveKey = (typeof FIVE_KEYS)[number];
/** 'high' means many (counts) or high (averages): strictly above the threshold, as the seed says. */
export const RATINGS = ['high', 'low'] as const;
export type Rating = (typeof RATINGS)[number];
export const FIVE_STATES = ['perfect', 'most_efficient', 'worst', 'mixed'] as const;
export type FiveState = (typeof FIVE_STATES)[number];

const perKey = <T extends z.ZodType>(value: () => T) =>
  z.strictObject({
    total_customers: value(),
    existing_customers: value(),
    new_customers: value(),
    existing_avg_spend: value(),
    new_avg_spend: value(),
  });

const threshold = () => number('基準', 'Threshold', 'The threshold of the number (count or yen).');
const rating = () => code(RATINGS, '評価', 'Rating', 'high (strictly above the threshold) or low.');

export const fiveNumbersAssessmentSchema = z.strictObject({
  thresholds: perKey(threshold),
  ratings: perKey(rating),
  state: code(FIVE_STATES, '状態', 'State', 'perfect, most_efficient, worst or mixed.'),
  state_text: words('状態の説明', 'State text', 'What the state means, in the seed’s words.'),
  prescriptions: z.array(
    z.strictObject({
      key: code(FIVE_KEYS, '数', 'Number', 'The low number prescribed for.'),
      text: words('処方', 'Prescription', 'The seed’s prescription for it.'),
    }),
  ),
});
export type FiveNumbersAssessment = z.infer<typeof fiveNumbersAssessmentSchema>;
export type Thresholds = FiveNumbersAssessment['thresholds'];
