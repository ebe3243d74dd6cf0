// A fitted model as a file (`kenshin clv --save-model`, `--load-model`): the purchase model and
// the spend model with their parameters, how their fits went and the time unit they were fitted
// in, so predictions can be made again without refitting, on other data or later. Plain JSON,
// validated on the way back in: a hand-edited or foreign file is refused with what is wrong.
import { z } from 'zod';
import { BgNbd } from './bgnbd.js';
import { GammaGamma } from './gamma-gamma.js';
import { MbgNbd } from './mbgnbd.js';
import { ParetoNbd } from './pareto-nbd.js';
import type { FitInfo, PurchaseModel } from './types.js';

export const SAVED_MODEL_VERSION = 1;

const positive = z.number().positive().finite();
const fitInfo = z.object({
  standardErrors: z.record(z.string(), z.number().nullable()),
  logLikelihood: z.number(),
  converged: z.boolean(),
  message: z.string(),
  iterations: z.number(),
  evaluations: z.number(),
  gradientNorm: z.number(),
  customers: z.number(),
  rows: z.number(),
});

const PARAM_NAMES = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  pareto: ['r', 'alpha', 's', 'beta'],
} as const;

export const savedModelSchema = z
  .object({
    kenshin_model: z.literal(SAVED_MODEL_VERSION),
    model: z.enum(['bgnbd', 'mbgnbd', 'pareto']),
    /** Days in the time unit the parameters are in. */
    unit_days: positive,
    /** Last day of the data the model was fitted on (or "(file) NAME" for a summary file). */
    calibration_end: z.string(),
    params: z.record(z.string(), positive),
    fit: fitInfo,
    spend: z
      .object({ params: z.object({ p: positive, q: positive, gamma: positive }), fit: fitInfo })
      .nullable(),
  })
  .superRefine((m, ctx) => {
    for (const k of PARAM_NAMES[m.model])
      if (!(k in m.params))
        ctx.addIssue({ code: 'custom', path: ['params', k], message: `missing parameter ${k}` });
  });
export type SavedModel = z.infer<typeof savedModelSchema>;

/** Returns the file's content for a fit. */
export function toSavedModel(m: Omit<SavedModel, 'kenshin_model'>): SavedModel {
  return { kenshin_model: SAVED_MODEL_VERSION, ...m };
}

/** Returns the saved model read from JSON text; throws with the first problem, by path. */
export function parseSavedModel(text: string): SavedModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  const r = savedModelSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return r.data;
}

/** Returns the models a saved file describes, with their fits. */
export function modelsFromSaved(m: SavedModel): {
  model: PurchaseModel;
  fit: FitInfo;
  spend: { model: GammaGamma; info: FitInfo } | null;
} {
  const p = m.params;
  const model =
    m.model === 'pareto'
      ? new ParetoNbd({ r: p.r, alpha: p.alpha, s: p.s, beta: p.beta })
      : new (m.model === 'bgnbd' ? BgNbd : MbgNbd)({ r: p.r, alpha: p.alpha, a: p.a, b: p.b });
  return {
    model,
    fit: m.fit,
    spend: m.spend ? { model: new GammaGamma(m.spend.params), info: m.spend.fit } : null,
  };
}
