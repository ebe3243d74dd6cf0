// What the rules read: the computed sections of the checkup report. Rules are pure functions
// of this input and the settings, so they can be tested without a database.
import type { DiagnosisInput } from '../../report/index.js';
import type { Settings } from '../settings.js';

export type { DiagnosisInput };

export interface RuleContext {
  input: DiagnosisInput;
  settings: Settings;
}

/** Returns the series value of a date, or null when the series does not reach it. */
export function seriesAt(input: DiagnosisInput, date: string) {
  return input.series.find((p) => p.date === date) ?? null;
}

/**
 * Days of purchase history a year-on-year comparison needs: one prior year for a window
 * metric of last year (730), two for one whose definition looks back a year further — flows
 * and retention of last year, overdue against intervals (1095). With less, "last year" is
 * a stub (everyone new, no intervals) and the comparison would cry wolf.
 */
export const HISTORY_FOR = { prior_year: 730, prior_flows: 1095 } as const;

/** Returns true when the report's history covers `days` (true when the range is unknown). */
export function hasHistory(input: DiagnosisInput, days: number): boolean {
  return input.data_range ? input.data_range.history_days >= days : true;
}
