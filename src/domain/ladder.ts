// The customer ladder (SPEC §5, seeds 001 and 004): one level per person as of D.
// 0.1–0.9 prospects (from lead events) → 1.0 first purchase → 1.1 second purchase →
// 1.2 loyal → 1.3 advocate. Pure rules; store/metrics/ladder.ts renders them as SQL.
import { monthEnd, addDays } from './dates.js';
import type { LadderStage, LadderStep } from '../report/index.js';

export type { LadderStage, LadderStep };

export interface LadderStageInfo {
  stage: LadderStage;
  /** The level of a customer stage; prospects span 0.1–0.9 (null here). */
  level: number | null;
  name_ja: string;
  name_en: string;
  description_ja: string;
  description_en: string;
}

/** The stages, bottom rung first. */
export const LADDER_STAGES: readonly LadderStageInfo[] = [
  {
    stage: 'prospect',
    level: null,
    name_ja: '見込み客',
    name_en: 'Prospect',
    description_ja: 'まだ購入のない見込み客 (0.1～0.9)',
    description_en: 'No purchase yet (0.1–0.9)',
  },
  {
    stage: 'first_purchase',
    level: 1.0,
    name_ja: '初回購入客',
    name_en: 'First purchase',
    description_ja: '購入1回の顧客 (1.0)',
    description_en: 'One purchase (1.0)',
  },
  {
    stage: 'repeat',
    level: 1.1,
    name_ja: 'リピート客',
    name_en: 'Repeat',
    description_ja: '2回以上購入した顧客 (1.1)',
    description_en: 'Two or more purchases (1.1)',
  },
  {
    stage: 'loyal',
    level: 1.2,
    name_ja: '常連客',
    name_en: 'Loyal',
    description_ja: '規定回数以上購入した常連の顧客 (1.2)',
    description_en: 'At least the loyal number of purchases (1.2)',
  },
  {
    stage: 'advocate',
    level: 1.3,
    name_ja: '紹介者',
    name_en: 'Advocate',
    description_ja: '購入した顧客を紹介してくれた顧客 (1.3)',
    description_en: 'Referred a customer who bought (1.3)',
  },
];

/** A prospect known to us without any scored event (a lead, or a customer record with no purchase). */
export const BASE_PROSPECT_LEVEL = 0.1;

/**
 * Returns the level of a customer with `f` purchases (f ≥ 1) as of D.
 * Advocacy outranks frequency: a customer who referred a buying customer is 1.3 at any F.
 */
export function customerLevel(
  f: number,
  referredABuyer: boolean,
  loyalMinPurchases: number,
): number {
  if (f < 1) throw new RangeError('a customer level needs at least one purchase');
  if (referredABuyer) return 1.3;
  if (f >= loyalMinPurchases) return 1.2;
  if (f >= 2) return 1.1;
  return 1.0;
}

/**
 * Returns the level of a person without purchases: the highest level among their lead event
 * types (unknown types score nothing) and the free-service level if they were served for free,
 * and at least 0.1.
 */
export function prospectLevel(
  eventTypes: readonly string[],
  levels: Readonly<Record<string, number>>,
  servedFree = false,
  freeServiceLevel = 0,
): number {
  let level = BASE_PROSPECT_LEVEL;
  for (const t of eventTypes) if (Object.hasOwn(levels, t)) level = Math.max(level, levels[t]);
  if (servedFree && freeServiceLevel > 0) level = Math.max(level, freeServiceLevel);
  return level;
}

/** Returns the stage of a level (below 1.0: prospect). */
export function stageOf(level: number): LadderStage {
  if (level >= 1.3) return 'advocate';
  if (level >= 1.2) return 'loyal';
  if (level >= 1.1) return 'repeat';
  if (level >= 1.0) return 'first_purchase';
  return 'prospect';
}

/** Returns the stage's names, or undefined for an unknown stage. */
export function ladderStageInfo(stage: string): LadderStageInfo | undefined {
  return LADDER_STAGES.find((s) => s.stage === stage);
}

/**
 * Conversion steps between adjacent customer levels. A step's cohort is the month its members
 * reached the lower level: for f1_to_f2 the first-purchase month, for f2_to_loyal the month of
 * the second purchase. (Advocacy is not a step: a customer can refer at any level.)
 */
export const LADDER_STEPS: readonly LadderStep[] = ['f1_to_f2', 'f2_to_loyal'];

/**
 * Returns true when every member of a cohort month has had the full `horizonDays` after
 * reaching the lower level by D: the last day of the month + horizon ≤ D. Rates of incomplete
 * cohorts are lower bounds and are left out of the totals.
 */
export function horizonComplete(cohortMonth: string, horizonDays: number, asOf: string): boolean {
  return addDays(monthEnd(cohortMonth), horizonDays) <= asOf;
}
