// Everything a run decides before the first row is written: the calendar, the scenario's
// phases, the acquisition plan, the promotion calendar and the calibrated knobs. Cheap (no
// output) and deterministic in the options.
import { planAcquisition, type AcquisitionPlan } from './acquisition.js';
import { planCampaigns, type CampaignPlan } from './campaigns.js';
import { Calendar } from './calendar.js';
import { customerTables, topRateThreshold, type DrawContext } from './customer.js';
import type { LifeContext } from './life.js';
import type { ResolvedOptions } from './options.js';
import { PhaseTable } from './phases.js';
import { calibrate, type Calibration } from './pilot.js';
import { BASE_KNOBS, SCENARIOS, type BaseKnobs } from './scenario.js';

/** The planned business of a run. */
export interface Model {
  options: ResolvedOptions;
  knobs: BaseKnobs;
  cal: Calendar;
  phases: PhaseTable;
  plan: AcquisitionPlan;
  campaigns: CampaignPlan;
  calibration: Calibration;
  draw: DrawContext;
  life: LifeContext;
}

const CALIBRATIONS = new Map<string, Calibration>();

/** Returns the model of a run: plans, then calibrates on the healthy business of the same seed. */
export function buildModel(o: ResolvedOptions, knobs: BaseKnobs = BASE_KNOBS): Model {
  const cal = new Calendar(o.endDate, o.years);
  const phases = new PhaseTable(cal, SCENARIOS[o.scenario]);
  const plan = planAcquisition(cal, knobs, phases, o.customers, o.seed);
  const tables = customerTables(
    knobs,
    phases.phases.flatMap((p) => (p.extraCohort ? [p.extraCohort] : [])),
  );
  const seasonMax = Math.max(...knobs.purchaseSeason);
  // The pilot runs the healthy business, so its result depends only on these options: runs of
  // several scenarios with the same seed (the tests, a demo set) calibrate once.
  const key = JSON.stringify([
    o.seed,
    o.customers,
    o.endDate,
    o.years,
    o.ordersPerCustomer,
    o.contactsPerActivePerYear,
  ]);
  let calibration = knobs === BASE_KNOBS ? CALIBRATIONS.get(key) : undefined;
  if (!calibration) {
    calibration = calibrate({
      cal,
      draw: { cal, knobs, tables: customerTables(knobs, []) },
      life: { cal, knobs, seasonMax },
      healthyPhases: o.scenario === 'healthy' ? phases : new PhaseTable(cal, SCENARIOS.healthy),
      healthy: plan.healthy,
      seed: o.seed,
      ordersPerCustomer: o.ordersPerCustomer,
      contactsPerActivePerYear: o.contactsPerActivePerYear,
    });
    if (knobs === BASE_KNOBS) CALIBRATIONS.set(key, calibration);
  }
  const campaigns = planCampaigns(cal, phases);
  return {
    options: o,
    knobs,
    cal,
    phases,
    plan,
    campaigns,
    calibration,
    draw: { cal, knobs, tables, intensity: calibration.intensity },
    life: {
      cal,
      knobs,
      phases,
      campaigns,
      contactScale: calibration.contactScale,
      seasonMax,
      topRate: topRateThreshold(knobs, calibration.intensity, knobs.topRateShare),
    },
  };
}
