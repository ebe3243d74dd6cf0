// mechanisms: the five mechanisms scorecard (seed 004) — the facts no other section measures
// (new leads, new categories bought by existing customers, referred new customers) and the
// five scores against their targets (docs/diagnoses.md).
import { z } from 'zod';
import { code, count, field, numberOrNull, rate, scoreOrNull, words } from '../field.js';

export const MECHANISM_IDS = ['seeding', 'conversion', 'grip', 'new_offers', 'referral'] as const;
export type Mechanism = (typeof MECHANISM_IDS)[number];

export const mechanismFactsSchema = z.strictObject({
  leads: count('見込み客(今年)', 'Leads this year', 'Leads created in the year ending D.'),
  leads_prev_year: count(
    '見込み客(前年)',
    'Leads last year',
    'Leads created in the year ending D−365.',
  ),
  existing_buyers: count(
    '既存の購入者',
    'Existing buyers',
    'Customers who bought in the year ending D and before it.',
  ),
  existing_new_category_buyers: count(
    '新カテゴリを買った既存顧客',
    'Existing buyers of a new category',
    'Of those, buyers of a category (else SKU) they had never bought before the year.',
  ),
  new_offer_share: rate(
    'existing_buyers',
    '新提案の割合',
    'New-offer share',
    'existing_new_category_buyers / existing_buyers; null without order lines.',
  ),
  new_customers: count('新規顧客数', 'New customers', 'First purchase in the year ending D.'),
  referred_new_customers: count(
    '紹介による新規顧客',
    'Referred new customers',
    'Of those, customers referred by a customer.',
  ),
  referral_share: rate(
    'new_customers',
    '紹介の割合',
    'Referral share',
    'referred_new_customers / new_customers; null when no referral is recorded at all.',
  ),
});
export type MechanismFacts = z.infer<typeof mechanismFactsSchema>;

export const mechanismScoreSchema = z.strictObject({
  mechanism: code(
    MECHANISM_IDS,
    'しくみ',
    'Mechanism',
    'seeding, conversion, grip, new_offers or referral.',
  ),
  name: words('しくみの名前', 'Mechanism name', 'The mechanism’s name in Japanese and English.'),
  value: numberOrNull(
    '値',
    'Value',
    'The measured value (a growth ratio or a share); null when there is nothing to measure.',
  ),
  target: field(z.number(), 'number', [
    '目標',
    'Target',
    'settings.mechanisms: the value that scores 1.',
  ]),
  score: scoreOrNull('スコア', 'Score', 'value / target; null when there is nothing to measure.'),
});
export type MechanismScore = z.infer<typeof mechanismScoreSchema>;

export const mechanismsSectionSchema = z.strictObject({
  facts: mechanismFactsSchema,
  /** The five scores in a fixed order: seeding, conversion, grip, new_offers, referral. */
  scores: z.array(mechanismScoreSchema),
});
export type MechanismsSection = z.infer<typeof mechanismsSectionSchema>;
