// The backtest's reading of a run of daily diagnoses: the episodes of each problem with the day
// it first held at each severity, and seed 003's claim put to the test — the active-customer
// warning comes before revenue falls. Pure: the days come from jobs/backtest.ts.
import { findingKey } from './history.js';
import type { Finding, Severity } from './types.js';

/** One replayed day: its findings and the revenue figures the lead time is read from. */
export interface BacktestDay {
  as_of: string;
  findings: Pick<Finding, 'id' | 'severity' | 'evidence'>[];
  /** Revenue of the 365 days ending as_of, and of the 365 days a year before. */
  annual_revenue: number;
  annual_revenue_prev_year: number;
}

/** A problem at a severity: from the first day it held at that severity or above to the first day it did not hold at all. */
export interface BacktestEpisode {
  key: string;
  id: string;
  severity: Severity;
  start: string;
  /** The first replayed day without the finding; null when it held to the end. */
  end: string | null;
}

/** The lead of one active-customer warning over the fall of revenue. */
export interface LeadTime {
  /** The first day of the list.active_decline warning. */
  warning: string;
  /** The first day of the run of days with annual revenue below a year before that holds at or after the warning; null if none in the range. */
  revenue_fall: string | null;
  /** Days from the warning to the fall (negative: revenue fell first); null without a fall. */
  lead_days: number | null;
}

export interface BacktestSummary {
  from: string;
  to: string;
  days: number;
  episodes: BacktestEpisode[];
  lead_times: LeadTime[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const LEVELS: Severity[] = ['info', 'warning', 'critical'];
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Returns the episodes and lead times of a run of days (in any order). */
export function summarizeBacktest(input: BacktestDay[]): BacktestSummary {
  const days = [...input].sort((a, b) => a.as_of.localeCompare(b.as_of));
  const episodes: BacktestEpisode[] = [];
  // Open problems: key → the episode's entries by severity reached so far.
  const open = new Map<string, BacktestEpisode[]>();
  for (const day of days) {
    const today = new Map<string, { id: string; severity: Severity }>();
    for (const f of day.findings) {
      const key = findingKey(f);
      const seen = today.get(key);
      if (!seen || RANK[f.severity] > RANK[seen.severity]) today.set(key, f);
    }
    for (const [key, entries] of open)
      if (!today.has(key)) {
        for (const e of entries) e.end = day.as_of;
        open.delete(key);
      }
    for (const [key, f] of today) {
      const entries = open.get(key) ?? [];
      for (const level of LEVELS)
        if (RANK[f.severity] >= RANK[level] && !entries.some((e) => e.severity === level)) {
          const e: BacktestEpisode = {
            key,
            id: f.id,
            severity: level,
            start: day.as_of,
            end: null,
          };
          entries.push(e);
          episodes.push(e);
        }
      open.set(key, entries);
    }
  }
  episodes.sort(
    (a, b) =>
      a.start.localeCompare(b.start) ||
      a.key.localeCompare(b.key) ||
      RANK[a.severity] - RANK[b.severity],
  );
  const lead_times = episodes
    .filter((e) => e.id === 'list.active_decline' && e.severity === 'warning')
    .map((e) => {
      const falling = (i: number) => days[i].annual_revenue < days[i].annual_revenue_prev_year;
      // The run of falling days at or after the warning, back to where it began (which may
      // be before the warning: then revenue fell first and the lead is negative).
      let i = days.findIndex((d, j) => d.as_of >= e.start && falling(j));
      while (i > 0 && falling(i - 1)) i--;
      const fall = i >= 0 ? days[i].as_of : null;
      return {
        warning: e.start,
        revenue_fall: fall,
        lead_days: fall ? dayNumber(fall) - dayNumber(e.start) : null,
      };
    });
  return {
    from: days[0]?.as_of ?? '',
    to: days.at(-1)?.as_of ?? '',
    days: days.length,
    episodes,
    lead_times,
  };
}
