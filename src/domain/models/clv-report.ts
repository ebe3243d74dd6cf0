// The whole CLV analysis on summaries that the store has already grouped: fit the purchase
// model on distinct (frequency, recency, T) triples, the spend model on (frequency, mean
// spend) groups, and predict per triple. Per-customer CLV is then expected spend × discounted
// purchases, a linear step the database applies to every customer (see spendWeights), so no
// per-customer row has to come into JavaScript.
import { BgNbd } from './bgnbd.js';
import { MbgNbd } from './mbgnbd.js';
import { modelsFromSaved, toSavedModel, type SavedModel } from './saved-model.js';
import { forecastPurchases, periodDiscountRate, type ClvOptions } from './clv.js';
import { GammaGamma } from './gamma-gamma.js';
import { holdoutTable, type HoldoutTable } from './holdout.js';
import { ParetoNbd } from './pareto-nbd.js';
import type { FitInfo, FitOptions, PurchaseModel, RfmData, SpendData } from './types.js';

export type PurchaseModelName = 'bgnbd' | 'mbgnbd' | 'pareto';

export interface ClvReportInput {
  /** Distinct triples in the model unit, weights = customers; holdout = their holdout purchases. */
  triples: RfmData & { holdout?: ArrayLike<number> };
  /** Customers with repeat purchases, grouped by (frequency, mean spend); null to skip spend. */
  spend: SpendData | null;
  model: PurchaseModelName;
  /** Days in one model time unit (7 when the summaries are in weeks). */
  unitDays: number;
  horizonDays: number;
  /** Annual discount rate, e.g. 0.1; applied monthly. */
  annualDiscountRate: number;
  /** Length of the holdout period in days, when the triples carry holdout counts. */
  holdoutDays?: number;
  fit?: FitOptions;
  /** Hold gamma-gamma's q above 1 (a finite mean spend), as lifetimes' q_constraint. */
  qConstraint?: boolean;
  /** Use these models instead of fitting (a saved model, saved-model.ts); its unit must be unitDays. */
  saved?: SavedModel;
}

/** Per input triple: the model's predictions and the coefficients of expected spend. */
export interface TriplePredictions {
  pAlive: Float64Array;
  /** Expected repeat purchases in the horizon (count). */
  expectedPurchases: Float64Array;
  /** The same, discounted monthly (count). */
  discountedPurchases: Float64Array;
  /** Expected spend per purchase = intercept + slope × the customer's mean repeat spend. */
  spendIntercept: Float64Array;
  spendSlope: Float64Array;
}

export interface ClvReport {
  model: PurchaseModelName;
  unitDays: number;
  params: Record<string, number>;
  fit: FitInfo;
  spend: { params: Record<string, number>; fit: FitInfo; populationMeanSpend: number } | null;
  predictions: TriplePredictions;
  holdout: HoldoutTable | null;
  totals: { customers: number; expectedAlive: number; expectedPurchases: number };
  warnings: string[];
}

/** Returns the fitted models, per-triple predictions and (with holdout counts) the validation table. */
export function buildClvReport(input: ClvReportInput): ClvReport {
  const warnings: string[] = [];
  const fitted = input.saved
    ? savedPurchaseModel(input.saved, input.unitDays)
    : fitPurchaseModel(input.model, input.triples, input.fit);
  if (!fitted.info.converged)
    warnings.push(`purchase model did not converge: ${fitted.info.message}`);
  const spend = input.saved
    ? modelsFromSaved(input.saved).spend
    : fitSpend(input.spend, { ...input.fit, qConstraint: input.qConstraint }, warnings);

  const monthDays = 365.25 / 12;
  const clv: ClvOptions = {
    horizon: input.horizonDays / input.unitDays,
    periodLength: monthDays / input.unitDays,
    discountRate: periodDiscountRate(input.annualDiscountRate, monthDays),
  };
  const predictions = predictTriples(fitted.model, spend?.model ?? null, input.triples, clv);

  let holdout: HoldoutTable | null = null;
  if (input.holdoutDays && input.triples.holdout) {
    holdout = holdoutTable(
      fitted.model,
      { ...input.triples, holdout: input.triples.holdout },
      input.holdoutDays / input.unitDays,
    );
  }

  let customers = 0;
  let expectedAlive = 0;
  let expectedPurchases = 0;
  for (let i = 0; i < input.triples.frequency.length; i++) {
    const w = input.triples.weight ? input.triples.weight[i] : 1;
    customers += w;
    expectedAlive += w * predictions.pAlive[i];
    expectedPurchases += w * predictions.expectedPurchases[i];
  }
  return {
    model: input.saved?.model ?? input.model,
    unitDays: input.unitDays,
    params: fitted.params,
    fit: fitted.info,
    spend: spend
      ? {
          params: { ...spend.model.params },
          fit: spend.info,
          populationMeanSpend: spend.model.populationMeanSpend(),
        }
      : null,
    predictions,
    holdout,
    totals: { customers, expectedAlive, expectedPurchases },
    warnings,
  };
}

// A saved model in place of a fit; its parameters are in its own time unit.
function savedPurchaseModel(
  saved: SavedModel,
  unitDays: number,
): { model: PurchaseModel; params: Record<string, number>; info: FitInfo } {
  if (Math.abs(saved.unit_days - unitDays) > 1e-9)
    throw new RangeError(
      `the saved model is in units of ${saved.unit_days} days, the data in ${unitDays}`,
    );
  const { model, fit } = modelsFromSaved(saved);
  return { model, params: { ...saved.params }, info: fit };
}

function fitPurchaseModel(
  name: PurchaseModelName,
  data: RfmData,
  options?: FitOptions,
): { model: PurchaseModel; params: Record<string, number>; info: FitInfo } {
  if (name === 'bgnbd' || name === 'mbgnbd') {
    const { model, info } = (name === 'bgnbd' ? BgNbd : MbgNbd).fit(data, options);
    return { model, params: { ...model.params }, info };
  }
  const { model, info } = ParetoNbd.fit(data, options);
  return { model, params: { ...model.params }, info };
}

// Gamma-gamma needs customers with repeat purchases and q > 1 for a finite mean spend.
function fitSpend(
  data: SpendData | null,
  options: (FitOptions & { qConstraint?: boolean }) | undefined,
  warnings: string[],
): { model: GammaGamma; info: FitInfo } | null {
  if (!data || data.frequency.length < 2) {
    if (data) warnings.push('too few customers with repeat purchases to fit the spend model');
    return null;
  }
  const res = GammaGamma.fit(data, options);
  if (!res.info.converged) warnings.push(`spend model did not converge: ${res.info.message}`);
  if (!(res.model.params.q > 1)) {
    warnings.push(
      'spend model has q ≤ 1 (no finite mean spend); CLV is not computed (--q-constraint holds q above 1)',
    );
    return null;
  }
  return res;
}

/** Returns the predictions of `model` (and spend coefficients of `spend`) for each row of `data`. */
export function predictTriples(
  model: PurchaseModel,
  spend: GammaGamma | null,
  data: RfmData,
  clv: ClvOptions,
): TriplePredictions {
  const n = data.frequency.length;
  const out: TriplePredictions = {
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    discountedPurchases: new Float64Array(n),
    spendIntercept: new Float64Array(n).fill(NaN),
    spendSlope: new Float64Array(n).fill(NaN),
  };
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    out.pAlive[i] = model.probabilityAlive(x, data.recency[i], data.T[i]);
    const f = forecastPurchases(model, x, data.recency[i], data.T[i], clv);
    out.expectedPurchases[i] = f.expected;
    out.discountedPurchases[i] = f.discounted;
    if (spend) {
      const sw = spend.spendWeights(x);
      out.spendIntercept[i] = sw.intercept;
      out.spendSlope[i] = sw.slope;
    }
  }
  return out;
}

/** Returns the report's models as a saved model (the file of --save-model, the checkup's stored fit). */
export function savedModelOf(r: ClvReport, calibrationEnd: string): SavedModel {
  return toSavedModel({
    model: r.model,
    unit_days: r.unitDays,
    calibration_end: calibrationEnd,
    params: r.params,
    fit: r.fit,
    spend: r.spend
      ? { params: r.spend.params as { p: number; q: number; gamma: number }, fit: r.spend.fit }
      : null,
  });
}
