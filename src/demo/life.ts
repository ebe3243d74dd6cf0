// One customer's life from the first order to the end date, as a merge of two event streams:
// purchases (a seasonal Poisson process while the customer is alive; after each order the
// customer leaves with their churn probability) and the campaigns of the promotion calendar
// (a contact can make a live customer buy sooner, or bring a churned one back). The scenario's
// phase on each day changes the rates. Rows are not built here: the sink receives events.
import {
  CAMPAIGN_TYPES,
  firstCampaignAfter,
  segmentOf,
  SEGMENT_GONE,
  type CampaignPlan,
} from './campaigns.js';
import type { Calendar } from './calendar.js';
import type { Customer } from './customer.js';
import type { Phase, PhaseTable } from './phases.js';
import type { Rng } from './random.js';
import type { BaseKnobs } from './scenario.js';

/** Why an order happened (decides its coupon). */
export const OrderKind = { First: 0, Repeat: 1, Response: 2, Comeback: 3 } as const;
/** An OrderKind value. */
export type OrderKind = (typeof OrderKind)[keyof typeof OrderKind];

/** Order status as written to orders.csv. */
export const OrderStatus = { Completed: 0, Cancelled: 1, Returned: 2 } as const;
/** An OrderStatus value. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Receives the events of a life. */
export interface LifeSink {
  order(c: Customer, day: number, kind: OrderKind, status: OrderStatus, phase: Phase): void;
  contact(c: Customer, campaign: number): void;
}

/** Everything a life depends on besides the customer. */
export interface LifeContext {
  cal: Calendar;
  knobs: BaseKnobs;
  phases: PhaseTable;
  campaigns: CampaignPlan;
  /** × every campaign's reach, calibrated to contactsPerActivePerYear. */
  contactScale: number;
  /** Highest monthly purchase-season factor, the thinning envelope. */
  seasonMax: number;
  /** Purchase rate (per day, intensity included) above which a customer counts as top. */
  topRate: number;
}

/** What the run keeps about a customer after the life (for referrals). */
export interface LifeResult {
  /** Completed orders. */
  purchases: number;
  /** Day of the last completed order. */
  lastDay: number;
  /** Day of the third completed order (a loyal customer who may refer friends), or −1. */
  loyalDay: number;
}

/** Simulates a customer's life, sending orders and contacts to the sink; returns the summary. */
export function simulateLife(ctx: LifeContext, c: Customer, rng: Rng, sink: LifeSink): LifeResult {
  const { cal, knobs, phases, campaigns } = ctx;
  const end = cal.end;
  let purchases = 1;
  let last = c.firstDay;
  let loyalDay = -1;
  sink.order(c, c.firstDay, OrderKind.First, OrderStatus.Completed, phases.at(c.firstDay));
  let alive = !rng.chance(c.firstChurn);
  let next = alive
    ? nextPurchase(ctx, c, rng, c.firstDay + c.firstSecond / 86400, purchases)
    : Infinity;
  let kind: OrderKind = OrderKind.Repeat;
  let ci = firstCampaignAfter(campaigns, c.firstDay);
  for (;;) {
    const cday = ci < campaigns.count ? campaigns.day[ci] : Infinity;
    if (next < cday) {
      const day = Math.floor(next);
      const ph = phases.at(day);
      if (!keepsPurchase(ph, c, purchases, last, rng)) {
        alive = false;
        next = Infinity;
        continue;
      }
      const u = rng.next();
      const status: OrderStatus =
        u < knobs.cancelRate
          ? OrderStatus.Cancelled
          : u < knobs.cancelRate + knobs.returnRate
            ? OrderStatus.Returned
            : OrderStatus.Completed;
      sink.order(c, day, kind, status, ph);
      if (status === OrderStatus.Completed) {
        purchases++;
        last = day;
        if (purchases === 3) loyalDay = day;
      }
      kind = OrderKind.Repeat;
      if (rng.chance(c.churn)) {
        alive = false;
        next = Infinity;
      } else next = nextPurchase(ctx, c, rng, next, purchases);
      continue;
    }
    if (cday > end) break;
    const seg = segmentOf(cday - last);
    // Recency only grows while the customer is gone, so no later campaign can reach them.
    if (!alive && seg === SEGMENT_GONE) break;
    const type = CAMPAIGN_TYPES[campaigns.type[ci]];
    if (
      seg !== SEGMENT_GONE &&
      (type.needs === null || (type.needs === 'email' ? c.newsletter : c.line))
    ) {
      const ph = phases.at(cday);
      let p = type.reach[seg] * ctx.contactScale * ph.contactMultiplier;
      if (ph.contactTopOnly) p = c.rate >= ctx.topRate && seg <= 1 ? Math.min(1, 3 * p) : 0.02 * p;
      if (rng.next() < p) {
        sink.contact(c, ci);
        const t = cday + 0.5 + rng.exp(knobs.responseDelayDays);
        if (!alive) {
          // Only customers outside the window's base (no purchase in the year before it) are
          // "lapsed" for the reactivation knob, so it moves the reactivated flow, not retention.
          const lapsed = last < ph.startDay - 365;
          const mult = ph.responseMultiplier * (lapsed ? ph.reactivationMultiplier : 1);
          if (rng.next() < type.reactivation * mult && t < end + 1) {
            alive = true;
            next = t;
            kind = OrderKind.Comeback;
          }
        } else if (rng.next() < type.response * ph.responseMultiplier && t < next && t < end + 1) {
          next = t;
          kind = OrderKind.Response;
        }
      }
    }
    ci++;
  }
  return { purchases, lastDay: last, loyalDay };
}

// A scenario can cancel a scheduled repeat purchase: the customer leaves instead.
function keepsPurchase(ph: Phase, c: Customer, purchases: number, last: number, rng: Rng): boolean {
  if (
    ph.repeatKeep < 1 &&
    c.firstDay < ph.startDay &&
    purchases <= ph.repeatKeepMaxPurchases &&
    !rng.chance(ph.repeatKeep)
  )
    return false;
  if (ph.lapsedReturnKeep < 1 && last < ph.startDay - 365 && !rng.chance(ph.lapsedReturnKeep))
    return false;
  return true;
}

// The time (fractional day) of the next purchase after t, or Infinity after the end date. Draws
// a Poisson process with rate × season × phase by thinning; when the envelope changes at a
// phase edge the draw restarts there (memoryless), so the draws before a scenario window are
// the same as in the healthy run.
function nextPurchase(
  ctx: LifeContext,
  c: Customer,
  rng: Rng,
  t: number,
  purchases: number,
): number {
  const { phases, cal, knobs } = ctx;
  const limit = cal.end + 1;
  let ph = phases.at(Math.floor(t));
  let env = c.rate * ctx.seasonMax * ph.rateEnvelope;
  for (;;) {
    t += rng.exp(1 / env);
    if (t >= limit) return Infinity;
    const day = Math.floor(t);
    let restarted = false;
    while (day > ph.endDay) {
      const nextPh = phases.at(ph.endDay + 1);
      if (nextPh.rateEnvelope !== ph.rateEnvelope) {
        t = ph.endDay + 1;
        env = c.rate * ctx.seasonMax * nextPh.rateEnvelope;
        ph = nextPh;
        restarted = true;
        break;
      }
      ph = nextPh;
    }
    if (restarted) continue;
    let rate = c.rate * knobs.purchaseSeason[cal.calendarMonth(day)] * ph.frequencyMultiplier;
    if (purchases >= 2) rate *= ph.establishedFrequencyMultiplier;
    if (rng.next() * env < rate) return t;
  }
}
