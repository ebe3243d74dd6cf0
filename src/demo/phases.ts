// Turns a scenario's windows into phases: stretches of days with one set of knobs, and a per-day
// lookup. Windows are counted in calendar months back from the day after the end date, so
// "12 → 0" with end 2026-10-31 is 2025-11-01 … 2026-10-31, exactly the last 365-day window.
import { addMonths, type Calendar } from './calendar.js';
import { NEUTRAL_PHASE, type PhaseKnobs, type ScenarioDef } from './scenario.js';

/** A stretch of days with one set of knobs. */
export interface Phase extends PhaseKnobs {
  /** First day of the phase (customers acquired before it are "existing"). */
  startDay: number;
  /** Last day of the phase (inclusive). */
  endDay: number;
  /** Envelope factor for purchase-time thinning: the largest rate multiplier in the phase (≥ 1). */
  rateEnvelope: number;
}

/** The phases of a run and the per-day lookup. */
export class PhaseTable {
  readonly phases: Phase[];
  /** The scenario's windows as day ranges clipped to the history. */
  readonly windows: { from: number; to: number }[];
  private readonly index: Uint8Array;
  private readonly start: number;

  constructor(cal: Calendar, scenario: ScenarioDef) {
    this.start = cal.start;
    const windows = scenario.windows
      .map((w) => ({
        from: Math.max(cal.start, addMonths(cal.end + 1, -w.fromMonths)),
        to: Math.min(cal.end, addMonths(cal.end + 1, -w.toMonths) - 1),
        knobs: w.knobs,
      }))
      .filter((w) => w.from <= w.to);
    this.windows = windows.map(({ from, to }) => ({ from, to }));
    // Cut the history at every window edge; each piece merges the windows covering it (later
    // windows override earlier ones).
    const cuts = new Set<number>([cal.start, cal.end + 1]);
    for (const w of windows) cuts.add(w.from).add(w.to + 1);
    const edges = [...cuts].filter((d) => d >= cal.start && d <= cal.end + 1).sort((a, b) => a - b);
    this.phases = [];
    this.index = new Uint8Array(cal.days);
    for (let i = 0; i + 1 < edges.length; i++) {
      const startDay = edges[i];
      const endDay = edges[i + 1] - 1;
      let knobs: PhaseKnobs = { ...NEUTRAL_PHASE };
      for (const w of windows)
        if (w.from <= startDay && endDay <= w.to) knobs = { ...knobs, ...w.knobs };
      const rateEnvelope = Math.max(
        1,
        knobs.frequencyMultiplier,
        knobs.frequencyMultiplier * knobs.establishedFrequencyMultiplier,
      );
      this.phases.push({ ...knobs, startDay, endDay, rateEnvelope });
      this.index.fill(this.phases.length - 1, startDay - cal.start, endDay - cal.start + 1);
    }
  }

  /** Returns the phase of a day inside the history. */
  at(day: number): Phase {
    return this.phases[this.index[day - this.start]];
  }
}
