// A customer's hidden traits, drawn on the day of acquisition: where they came from, whether
// the first order used a coupon, how often they buy while they stay (gamma-distributed rate),
// how likely they are to leave after each order (beta-distributed, BG/NBD-like), basket size,
// favourite category and contact points.
import type { Calendar } from './calendar.js';
import { cumulative, Rng } from './random.js';
import { CHANNELS, type BaseKnobs, type CouponCode, type ExtraCohort } from './scenario.js';

/** Sales channels of orders. */
export const ORDER_CHANNELS = ['web', 'app', 'phone', 'mail'] as const;

/** A customer as the simulation sees it. */
export interface Customer {
  /** 0-based position in acquisition order. */
  index: number;
  id: string;
  firstDay: number;
  /** Second of the day of the first order (and of created_at). */
  firstSecond: number;
  /** Index into CHANNELS. */
  channel: number;
  /** Coupon of the first order. */
  coupon: CouponCode | null;
  cohort: ExtraCohort | null;
  /** Purchases per day while alive, before season and scenario. */
  rate: number;
  /** Probability of leaving after a repeat order. */
  churn: number;
  /** Probability of leaving right after the first order. */
  firstChurn: number;
  /** × mean lines per order. */
  basket: number;
  /** Index into CATEGORIES. */
  favourite: number;
  /** Index into ORDER_CHANNELS. */
  orderChannel: number;
  hasEmail: boolean;
  newsletter: boolean;
  line: boolean;
}

/** Tables derived once from the knobs for fast sampling. */
export interface CustomerTables {
  channelCum: Float64Array;
  cohortCum: Map<ExtraCohort, Float64Array>;
}

/** Returns the sampling tables of the channel mixes (normal and per extra cohort). */
export function customerTables(knobs: BaseKnobs, cohorts: readonly ExtraCohort[]): CustomerTables {
  const cohortCum = new Map<ExtraCohort, Float64Array>();
  for (const c of cohorts) cohortCum.set(c, cumulative(CHANNELS.map((ch) => c.channels[ch] ?? 0)));
  return { channelCum: cumulative(CHANNELS.map((ch) => knobs.channels[ch].share)), cohortCum };
}

// Favourite category by acquisition channel: catalogue buyers lean to food, social to skincare.
const FAVOURITE_WEIGHTS: Record<(typeof CHANNELS)[number], Float64Array> = {
  web_ad: cumulative([0.35, 0.35, 0.2, 0.1]),
  search: cumulative([0.35, 0.3, 0.2, 0.15]),
  sns: cumulative([0.25, 0.5, 0.1, 0.15]),
  referral: cumulative([0.35, 0.3, 0.25, 0.1]),
  catalog: cumulative([0.3, 0.15, 0.4, 0.15]),
  affiliate: cumulative([0.4, 0.4, 0.1, 0.1]),
};
const ORDER_CHANNEL_WEB = cumulative([0.72, 0.22, 0.05, 0.01]);
const ORDER_CHANNEL_CATALOG = cumulative([0.3, 0.05, 0.45, 0.2]);

/** Inputs that are the same for every customer of a run. */
export interface DrawContext {
  cal: Calendar;
  knobs: BaseKnobs;
  tables: CustomerTables;
  /** × purchase rate and ÷ churn probability: scales orders per customer, not lifetimes. */
  intensity: number;
}

/** Returns a new customer acquired on `day` (rng: the customer's own stream). */
export function drawCustomer(
  ctx: DrawContext,
  rng: Rng,
  index: number,
  day: number,
  cohort: ExtraCohort | null,
): Customer {
  const { knobs, cal } = ctx;
  const channel = rng.pick(cohort ? ctx.tables.cohortCum.get(cohort)! : ctx.tables.channelCum);
  const ch = knobs.channels[CHANNELS[channel]];
  const coupon: CouponCode | null = cohort
    ? cohort.coupon
    : rng.chance(ch.couponRate)
      ? CHANNELS[channel] === 'referral'
        ? 'FRIEND1000'
        : rng.chance(0.6)
          ? 'WELCOME500'
          : 'FIRST20'
      : null;
  let rate = (rng.gamma(knobs.purchaseRateShape, knobs.purchaseRateMean) / 365) * ctx.intensity;
  if (coupon) rate *= knobs.couponRateMultiplier;
  if (cohort) rate *= cohort.rateMultiplier;
  const churn = Math.min(
    0.95,
    (rng.beta(knobs.churnMean, knobs.churnConcentration) * ch.churnFactor) / ctx.intensity,
  );
  const firstChurn = Math.min(
    0.97,
    churn + (coupon ? knobs.couponFirstChurnExtra : 0) + (cohort ? cohort.firstChurnExtra : 0),
  );
  const hasEmail = rng.chance(
    CHANNELS[channel] === 'catalog' ? knobs.emailShare * 0.6 : knobs.emailShare,
  );
  const progress = (day - cal.start) / cal.days;
  return {
    index,
    id: customerId(index),
    firstDay: day,
    firstSecond: orderSecond(rng),
    channel,
    coupon,
    cohort,
    rate,
    churn,
    firstChurn,
    basket: rng.gamma(knobs.basketShape, 1),
    favourite: rng.pick(FAVOURITE_WEIGHTS[CHANNELS[channel]]),
    orderChannel: rng.pick(
      CHANNELS[channel] === 'catalog' ? ORDER_CHANNEL_CATALOG : ORDER_CHANNEL_WEB,
    ),
    hasEmail,
    newsletter: hasEmail && rng.chance(knobs.emailOptIn),
    line: rng.chance(knobs.lineShareStart + (knobs.lineShareEnd - knobs.lineShareStart) * progress),
  };
}

/** Returns the purchase rate (per day, intensity included) of the top `share` of customers. */
export function topRateThreshold(knobs: BaseKnobs, intensity: number, share: number): number {
  // The quantile of the rate distribution, estimated from a fixed sample (deterministic).
  const rng = new Rng(0x70b);
  const sample = Float64Array.from({ length: 20000 }, () =>
    rng.gamma(knobs.purchaseRateShape, knobs.purchaseRateMean),
  );
  sample.sort();
  return (sample[Math.floor((1 - share) * sample.length)] / 365) * intensity;
}

/** Returns the customer id of an index: C + 7 digits (C0000001 is the first customer). */
export function customerId(index: number): string {
  return `C${String(index + 1).padStart(7, '0')}`;
}

// Orders come in the evening more than at night: relative weight per hour of the day.
const HOUR_CUM = cumulative([
  1, 0.6, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 5, 5.5, 6, 5.5, 5, 5, 5, 5.5, 6, 7, 8, 8, 6, 3,
]);

/** Returns a second of the day for an order (evening peak). */
export function orderSecond(rng: Rng): number {
  return rng.pick(HOUR_CUM) * 3600 + rng.int(3600);
}
