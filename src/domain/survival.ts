// Time to an event with censoring, for questions like "do discount-acquired customers come back
// for a second purchase as soon as the others?" asked of cohorts still young: a customer
// acquired 40 days ago who has not bought again is not a non-repeater, only not yet one.
// Kaplan–Meier estimates the share still waiting at each day; the log-rank test compares two
// groups over the whole curve, using every customer for as long as they have been watched.

/** One subject: `time` days watched; `event` true when the event happened at `time`, false when watching stopped (censored). */
export interface Observation {
  time: number;
  event: boolean;
}

/** A step of a Kaplan–Meier curve: the share still without the event just after `time`. */
export interface SurvivalStep {
  time: number;
  survival: number;
  atRisk: number;
  events: number;
}

// Distinct times with events, ascending, each with the subjects at risk and the events then.
function eventTable(obs: Observation[]): { time: number; atRisk: number; events: number }[] {
  const sorted = [...obs].sort((a, b) => a.time - b.time);
  const out: { time: number; atRisk: number; events: number }[] = [];
  let atRisk = sorted.length;
  for (let i = 0; i < sorted.length;) {
    const t = sorted[i].time;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && sorted[i].time === t) {
      if (sorted[i].event) events++;
      leaving++;
      i++;
    }
    if (events > 0) out.push({ time: t, atRisk, events });
    atRisk -= leaving;
  }
  return out;
}

/** Returns the Kaplan–Meier curve: one step per time with an event (ties at a time: events before censoring). */
export function kaplanMeier(obs: Observation[]): SurvivalStep[] {
  let s = 1;
  return eventTable(obs).map((r) => {
    s *= 1 - r.events / r.atRisk;
    return { time: r.time, survival: s, atRisk: r.atRisk, events: r.events };
  });
}

/** Returns the curve's survival at `time` (1 before the first event). */
export function survivalAt(curve: SurvivalStep[], time: number): number {
  let s = 1;
  for (const step of curve) {
    if (step.time > time) break;
    s = step.survival;
  }
  return s;
}

/** The log-rank comparison of group A with group B. */
export interface LogRank {
  /** Events observed in A, and expected in A were both groups alike. */
  observed: number;
  expected: number;
  /** (observed − expected) / √variance: negative when A has fewer events than if alike (A slower). */
  z: number;
  /** z², the test statistic (χ² with 1 degree of freedom). */
  chi2: number;
}

/** Returns the log-rank test of A against B (Mantel–Haenszel variance, ties handled). */
export function logRank(a: Observation[], b: Observation[]): LogRank {
  const all = [...a.map((o) => ({ ...o, g: 0 })), ...b.map((o) => ({ ...o, g: 1 }))].sort(
    (x, y) => x.time - y.time,
  );
  let atRisk = all.length;
  let atRiskA = a.length;
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (let i = 0; i < all.length;) {
    const t = all[i].time;
    let d = 0;
    let dA = 0;
    let leaving = 0;
    let leavingA = 0;
    while (i < all.length && all[i].time === t) {
      const o = all[i++];
      if (o.event) {
        d++;
        if (o.g === 0) dA++;
      }
      leaving++;
      if (o.g === 0) leavingA++;
    }
    if (d > 0 && atRisk > 0) {
      const share = atRiskA / atRisk;
      observed += dA;
      expected += d * share;
      if (atRisk > 1) variance += (d * share * (1 - share) * (atRisk - d)) / (atRisk - 1);
    }
    atRisk -= leaving;
    atRiskA -= leavingA;
  }
  const z = variance > 0 ? (observed - expected) / Math.sqrt(variance) : 0;
  return { observed, expected, z, chi2: z * z };
}

/** Returns erfc(x) (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}

/** Returns the p-value of a χ² statistic with 1 degree of freedom (two-sided normal tail of √χ²). */
export function chiSquare1P(chi2: number): number {
  return erfc(Math.sqrt(Math.max(0, chi2)) / Math.SQRT2);
}
