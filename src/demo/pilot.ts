// Calibration before the real run. Orders per customer and contacts per active customer come
// out of the simulation, not out of a formula, so a pilot simulates a few thousand customers
// spread over the healthy plan (no rows written) and scales two knobs until the targets hold:
// the purchase intensity (× rate, ÷ churn: more orders, same lifetimes) and the contact scale
// (× every campaign's reach). The pilot always runs the healthy business, so a scenario run and
// a healthy run of the same seed share their calibration and differ only by the planted problem.
import { planCampaigns } from './campaigns.js';
import type { Calendar } from './calendar.js';
import { drawCustomer, type DrawContext } from './customer.js';
import { simulateLife, OrderStatus, type LifeContext, type LifeSink } from './life.js';
import type { PhaseTable } from './phases.js';
import { Rng } from './random.js';
import { STREAM } from './acquisition.js';

const PILOT_CUSTOMERS = 2000;

/** The calibrated knobs and what the pilot measured with them. */
export interface Calibration {
  intensity: number;
  contactScale: number;
  /** Orders (any status) per customer in the pilot. */
  ordersPerCustomer: number;
  /** Contacts in the last 365 days per active customer in the pilot. */
  contactsPerActivePerYear: number;
}

/** Inputs of the calibration. */
export interface PilotInput {
  cal: Calendar;
  draw: Omit<DrawContext, 'intensity'>;
  life: Omit<LifeContext, 'contactScale' | 'campaigns' | 'phases' | 'topRate'>;
  /** The healthy phases (no scenario). */
  healthyPhases: PhaseTable;
  /** Healthy new customers per day. */
  healthy: Int32Array;
  seed: number;
  ordersPerCustomer: number | null;
  contactsPerActivePerYear: number;
}

/** Returns the intensity and contact scale that meet the targets on the healthy business. */
export function calibrate(input: PilotInput): Calibration {
  const days = sampleDays(input.healthy, input.cal.start);
  const campaigns = planCampaigns(input.cal, input.healthyPhases);
  const run = (intensity: number, contactScale: number): { orders: number; perActive: number } =>
    measure(
      input,
      days,
      { ...input.draw, intensity },
      { ...input.life, contactScale, campaigns, phases: input.healthyPhases, topRate: Infinity },
    );
  let intensity = 1;
  let scale = 1;
  let m = run(intensity, scale);
  if (input.ordersPerCustomer !== null) {
    // Repeat orders scale about linearly with the intensity; the first order does not.
    intensity = clamp((input.ordersPerCustomer - 1) / Math.max(0.05, m.orders - 1), 0.05, 50);
    m = run(intensity, scale);
    intensity = clamp(
      (intensity * (input.ordersPerCustomer - 1)) / Math.max(0.05, m.orders - 1),
      0.05,
      50,
    );
    m = run(intensity, scale);
  }
  // Up to two corrections: reach is capped at 1, so the first scale can fall short.
  for (let i = 0; i < 2 && Math.abs(m.perActive / input.contactsPerActivePerYear - 1) > 0.01; i++) {
    scale = clamp((scale * input.contactsPerActivePerYear) / Math.max(0.01, m.perActive), 0, 100);
    m = run(intensity, scale);
  }
  return {
    intensity,
    contactScale: scale,
    ordersPerCustomer: m.orders,
    contactsPerActivePerYear: m.perActive,
  };
}

// Acquisition days of PILOT_CUSTOMERS customers evenly spaced through the healthy plan.
function sampleDays(healthy: Int32Array, start: number): number[] {
  let total = 0;
  for (const n of healthy) total += n;
  const k = Math.min(PILOT_CUSTOMERS, total);
  const out: number[] = [];
  let cum = 0;
  let i = 0;
  for (let j = 0; j < k; j++) {
    const target = Math.floor(((j + 0.5) * total) / k);
    while (cum + healthy[i] <= target) cum += healthy[i++];
    out.push(start + i);
  }
  return out;
}

// Simulates the sample without writing anything; returns orders per customer and contacts per
// active customer in the last 365 days.
function measure(
  input: PilotInput,
  days: number[],
  draw: DrawContext,
  life: LifeContext,
): { orders: number; perActive: number } {
  const from = input.cal.end - 364;
  let orders = 0;
  let contacts = 0;
  let active = 0;
  let lastCompleted = -1;
  const sink: LifeSink = {
    order: (_c, day, _kind, status) => {
      orders++;
      if (status === OrderStatus.Completed) lastCompleted = day;
    },
    contact: (_c, ci) => {
      if (life.campaigns.day[ci] >= from) contacts++;
    },
  };
  const rng = new Rng(0);
  days.forEach((day, j) => {
    rng.reseed(input.seed, STREAM.pilot, j);
    lastCompleted = -1;
    simulateLife(life, drawCustomer(draw, rng, j, day, null), rng, sink);
    if (lastCompleted >= from) active++;
  });
  return { orders: orders / days.length, perActive: active > 0 ? contacts / active : 0 };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
