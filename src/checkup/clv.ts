// Computes the clv section for D: the summaries from the store (store/clv-summary.ts), the models
// fitted by domain/models/clv-report.ts — the same code `kenshin clv` runs — once on the data up
// to D and once on the data up to D − the holdout weeks for the check, the per-customer
// predictions staged for storeCheckup (store/customer-value.ts) and the deciles and sums read
// back from them. When the inputs are those of the fit already stored for D (same fingerprint)
// its parameters are reused: the fit is the one slow step and a rerun of the same day changes
// nothing in it.
import { createHash } from 'node:crypto';
import { addDays } from '../domain/dates.js';
import { buildClvReport, savedModelOf, type ClvReport } from '../domain/models/clv-report.js';
import { expectedCumulative } from '../domain/models/holdout.js';
import { pAliveMatrix } from '../domain/models/p-alive-matrix.js';
import {
  modelsFromSaved,
  savedModelSchema,
  type SavedModel,
} from '../domain/models/saved-model.js';
import type { Settings } from '../domain/settings.js';
import {
  UNIT_DAYS,
  holdoutErrors,
  holdoutWeeklyPurchases,
  savePredictions,
  spendGroups,
  summaryTriples,
  type SummaryPeriod,
  type SummaryTriples,
} from '../store/clv-summary.js';
import {
  clearStaged,
  loadClvFit,
  stageCustomerValues,
  stagedDeciles,
  stagedHighValueAtRisk,
  stagedTotals,
} from '../store/customer-value.js';
import type { MetricContext } from '../store/metrics/context.js';
import {
  AT_RISK_P_ALIVE,
  type ClvAtRisk,
  type ClvHoldout,
  type ClvSection,
} from '../report/index.js';
import {
  HOLDOUT_TOO_FEW,
  baseCounts,
  cumulativeAt,
  enoughToFit,
  fittedSection,
  tooFewSection,
  tooFewWords,
  trackingWeeks,
} from './clv-section.js';

const UNIT = 'weeks';

/** The models stored with a fit: on the data up to D, and on the calibration period (or none). */
interface FitModels {
  full: SavedModel;
  calibration: SavedModel | null;
}

/** Returns the section and stages its per-customer predictions for storeCheckup. */
export async function clvSection(ctx: MetricContext): Promise<ClvSection> {
  const { conn, asOf } = ctx;
  const s = ctx.settings.clv;
  const full: SummaryPeriod = { calEnd: asOf, unit: UNIT };
  const triples = await summaryTriples(conn, full);
  const counts = baseCounts(triples);
  if (!enoughToFit(counts)) {
    await clearStaged(conn);
    return tooFewSection(counts, s.model);
  }
  const spend = await spendGroups(conn, full);
  const cal: SummaryPeriod = {
    calEnd: addDays(asOf, -7 * s.holdout_weeks),
    holdoutEnd: asOf,
    unit: UNIT,
  };
  const calTriples = await summaryTriples(conn, cal);
  const calCounts = baseCounts(calTriples);
  const checkable = enoughToFit(calCounts);

  const fingerprint = fingerprintOf({ asOf, settings: s, triples, spend, calTriples });
  const stored = await loadClvFit(conn, asOf);
  const reused = stored?.fingerprint === fingerprint ? readModels(stored.models) : null;
  const base = {
    model: s.model,
    unitDays: UNIT_DAYS[UNIT],
    annualDiscountRate: s.discount_rate,
  };

  // The check first: it uses clv_predictions for the holdout horizon before the full fit does.
  let holdout: ClvHoldout | null = null;
  let calSaved: SavedModel | null = null;
  if (checkable) {
    const days = 7 * s.holdout_weeks;
    const check = buildClvReport({
      ...base,
      triples: calTriples,
      spend: null,
      horizonDays: days,
      saved: reused?.calibration ?? undefined,
    });
    calSaved = savedModelOf(check, cal.calEnd);
    await savePredictions(conn, { ...calTriples, ...check.predictions });
    holdout = await holdoutCheck(conn, cal, s.holdout_weeks, calTriples, check, calSaved);
  }

  const report = buildClvReport({
    ...base,
    triples,
    spend: spend.frequency.length ? spend : null,
    horizonDays: 365,
    saved: reused?.full,
  });
  const fullSaved = savedModelOf(report, asOf);
  // The 90-day horizon from the same models: buildClvReport with them as a saved model.
  const short = buildClvReport({
    ...base,
    triples,
    spend: null,
    horizonDays: 90,
    saved: fullSaved,
  });
  await savePredictions(conn, { ...triples, ...report.predictions });
  await savePredictions(conn, { ...triples, ...short.predictions }, 'clv_predictions_90');
  const fittedAt = reused && stored ? stored.fitted_at : new Date().toISOString();
  const models: FitModels = { full: fullSaved, calibration: calSaved };
  await stageCustomerValues(conn, asOf, full, {
    fingerprint,
    fitted_at: fittedAt,
    models: JSON.stringify(models),
  });

  const totals = await stagedTotals(conn);
  const withClv = totals.customers_with_clv > 0;
  let atRisk: ClvAtRisk | null = null;
  if (withClv) {
    const a = await stagedHighValueAtRisk(conn, AT_RISK_P_ALIVE);
    atRisk = {
      top_decile_customers: a.top_decile_customers,
      customers: a.customers,
      share: a.top_decile_customers ? a.customers / a.top_decile_customers : null,
      clv_365: a.clv_365,
    };
  }
  return fittedSection({
    counts,
    report,
    fittedAt,
    reused: reused !== null,
    holdout,
    holdoutReason: checkable ? null : tooFewWords(calCounts, HOLDOUT_TOO_FEW),
    distribution: {
      customers: totals.customers,
      p_alive: await stagedDeciles(conn, 'p_alive'),
      customers_with_clv: totals.customers_with_clv,
      clv_365: withClv ? await stagedDeciles(conn, 'clv_365') : null,
      p_alive_matrix: pAliveMatrix({ ...triples, pAlive: report.predictions.pAlive }),
    },
    forecast: {
      customers: totals.customers,
      expected_alive: totals.expected_alive,
      discount_rate: s.discount_rate,
      purchases_90: totals.purchases_90,
      value_90: withClv ? totals.value_90 : null,
      purchases_365: totals.purchases_365,
      value_365: withClv ? totals.value_365 : null,
    },
    highValueAtRisk: atRisk,
  });
}

/** The holdout check: errors per customer and in total, and the weekly tracking series. */
async function holdoutCheck(
  conn: MetricContext['conn'],
  cal: SummaryPeriod,
  weeks: number,
  calTriples: SummaryTriples,
  check: ClvReport,
  calSaved: SavedModel,
): Promise<ClvHoldout> {
  const errors = await holdoutErrors(conn, cal);
  const points = trackingWeeks(weeks);
  const actual = cumulativeAt(await holdoutWeeklyPurchases(conn, cal), points);
  const expected = expectedCumulative(modelsFromSaved(calSaved).model, calTriples, points);
  return {
    calibration_end: cal.calEnd,
    weeks,
    customers: errors.customers,
    params: check.params,
    actual_purchases: errors.actual,
    expected_purchases: errors.expected,
    aggregate_error: errors.actual > 0 ? (errors.expected - errors.actual) / errors.actual : null,
    mae: errors.mae,
    tracking: points.map((week, i) => ({ week, actual: actual[i], expected: expected[i] })),
  };
}

/** Returns the stored models, or null when they no longer read (then the fit runs again). */
function readModels(text: string): FitModels | null {
  try {
    const j = JSON.parse(text) as { full: unknown; calibration: unknown };
    return {
      full: savedModelSchema.parse(j.full),
      calibration: j.calibration === null ? null : savedModelSchema.parse(j.calibration),
    };
  } catch {
    return null;
  }
}

// Everything the fit depends on: D, the settings, the summaries. Version 1 of this recipe.
function fingerprintOf(inputs: {
  asOf: string;
  settings: Settings['clv'];
  triples: SummaryTriples;
  spend: unknown;
  calTriples: SummaryTriples;
}): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: 1, ...inputs }))
    .digest('hex');
}
