// How many customers the shop acquires on each day. The healthy plan spreads exactly
// `customers` first purchases over the history (a gentle growth trend × the season × day-to-day
// noise); a scenario then thins or adds to the days inside its windows with a separate random
// stream, so the days before a window are identical to the healthy run of the same seed.
import type { Calendar } from './calendar.js';
import type { PhaseTable } from './phases.js';
import { Rng } from './random.js';
import type { BaseKnobs } from './scenario.js';

/** Random-stream ids (the second part of every Rng key). */
export const STREAM = {
  plan: 1,
  scenario: 2,
  customer: 3,
  profile: 4,
  referral: 5,
  leads: 6,
  adSpend: 7,
  pilot: 8,
} as const;

/** New customers per day of the history. */
export interface AcquisitionPlan {
  /** Normal new customers per day (index = day − calendar start). */
  base: Int32Array;
  /** Customers of a scenario's extra cohort per day. */
  extra: Int32Array;
  /** Healthy-plan new customers per day (before the scenario), for the calibration pilot. */
  healthy: Int32Array;
  /** Σ base + Σ extra. */
  total: number;
}

/** Returns the acquisition plan: `customers` spread over the history, then the scenario applied. */
export function planAcquisition(
  cal: Calendar,
  knobs: BaseKnobs,
  phases: PhaseTable,
  customers: number,
  seed: number,
): AcquisitionPlan {
  const rng = new Rng(seed, STREAM.plan);
  const weights = new Float64Array(cal.days);
  let sum = 0;
  for (let i = 0; i < cal.days; i++) {
    const day = cal.start + i;
    const trend = Math.pow(1 + knobs.acquisitionGrowthPerYear, i / 365);
    weights[i] =
      trend *
      knobs.acquisitionSeason[cal.calendarMonth(day)] *
      rng.logNormal(knobs.acquisitionNoise);
    sum += weights[i];
  }
  // Systematic rounding: cumulative expected counts, floored with one random offset, add up to
  // exactly `customers` and never move a customer more than a day.
  const healthy = new Int32Array(cal.days);
  let cum = rng.next();
  let prev = Math.floor(cum);
  for (let i = 0; i < cal.days; i++) {
    cum += (customers * weights[i]) / sum;
    const now = Math.floor(cum);
    healthy[i] = now - prev;
    prev = now;
  }
  healthy[cal.days - 1] += customers - prev; // floating-point drift of the cumulative sum
  const srng = new Rng(seed, STREAM.scenario);
  const base = new Int32Array(cal.days);
  const extra = new Int32Array(cal.days);
  let total = 0;
  for (let i = 0; i < cal.days; i++) {
    const phase = phases.at(cal.start + i);
    base[i] =
      phase.acquisitionMultiplier === 1
        ? healthy[i]
        : srng.round(healthy[i] * phase.acquisitionMultiplier);
    extra[i] = phase.extraCohort ? srng.round(healthy[i] * phase.extraCohort.share) : 0;
    total += base[i] + extra[i];
  }
  return { base, extra, healthy, total };
}

/** Header of ad_spend.csv. */
export const AD_SPEND_HEADER = ['date', 'channel', 'amount'];

/** Accumulates acquisition cost per month and channel (Σ CPA of the new customers). */
export class AdSpend {
  private readonly cost: Float64Array;

  constructor(
    private readonly cal: Calendar,
    private readonly channels: readonly string[],
  ) {
    this.cost = new Float64Array(cal.months * channels.length);
  }

  /** Adds one new customer's acquisition cost (yen) to its month and channel. */
  add(day: number, channel: number, cpa: number): void {
    this.cost[this.cal.monthIndex(day) * this.channels.length + channel] += cpa;
  }

  /** Returns the ad_spend.csv rows (YYYY-MM, channel, yen), with ±8 % month-to-month noise on the CPA. */
  rows(seed: number): string[] {
    const rng = new Rng(seed, STREAM.adSpend);
    const out: string[] = [];
    for (let m = 0; m < this.cal.months; m++) {
      for (let ch = 0; ch < this.channels.length; ch++) {
        const amount = Math.round(this.cost[m * this.channels.length + ch] * rng.logNormal(0.08));
        out.push(`${this.cal.monthKey(m)},${this.channels[ch]},${amount}\n`);
      }
    }
    return out;
  }
}
