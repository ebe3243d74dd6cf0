// Which findings of today's checkup deserve an alert: those at or above the alert severity
// today that were not at or above it at the previous checkup — new problems, problems that
// grew from info into a warning, and warnings that became critical. A problem still open from
// the previous checkup at the same level is not alerted again (newFindingIds).
import { findingEpisodes, newFindingIds, type StoredFinding } from '../domain/diagnosis/history.js';
import type { Finding, Severity } from '../domain/diagnosis/types.js';
import type { AlertFinding } from '../outputs/alerts/message.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Returns today's findings to alert about, most severe first (as ordered in the report). */
export function selectNewAlerts(
  dates: string[],
  history: StoredFinding[],
  today: Finding[],
  asOf: string,
  minSeverity: Exclude<Severity, 'info'>,
): Finding[] {
  const atLeast = (s: Severity) => history.filter((f) => RANK[f.severity] >= RANK[s]);
  const ids = new Set(newFindingIds(dates, atLeast(minSeverity), asOf));
  if (minSeverity === 'warning')
    for (const id of newFindingIds(dates, atLeast('critical'), asOf)) ids.add(id);
  return today.filter((f) => ids.has(f.id) && RANK[f.severity] >= RANK[minSeverity]);
}

/** Returns findings decorated for a message: the day each open episode began and whether it is new. */
export function decorate(
  dates: string[],
  history: StoredFinding[],
  findings: Finding[],
  newOnes: Finding[],
  asOf: string,
): AlertFinding[] {
  const began = new Map(
    findingEpisodes(
      dates.filter((d) => d <= asOf),
      history.filter((f) => f.as_of <= asOf),
    )
      .filter((e) => e.ended === null)
      .map((e) => [e.id, e.began]),
  );
  const fresh = new Set(newOnes.map((f) => f.id));
  return findings.map((f) => ({ ...f, as_of: asOf, began: began.get(f.id), new: fresh.has(f.id) }));
}
