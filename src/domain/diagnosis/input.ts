// What the rules read: the computed sections of the checkup report. Rules are pure functions
// of this input and the settings, so they can be tested without a database.
import type { CheckupReport } from '../../checkup/report.js';
import type { Settings } from '../settings.js';

export type DiagnosisInput = Omit<CheckupReport, 'findings' | 'timings' | 'computed_at' | 'five_numbers_assessment'>;

export interface RuleContext {
  input: DiagnosisInput;
  settings: Settings;
}

/** Returns the series value of a date, or null when the series does not reach it. */
export function seriesAt(input: DiagnosisInput, date: string) {
  return input.series.find((p) => p.date === date) ?? null;
}
