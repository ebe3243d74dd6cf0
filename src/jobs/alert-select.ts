// Which findings of today's checkup deserve an alert: those at or above the alert severity
// today that were not at or above it at the previous checkup — new problems, problems that
// grew from info into a warning, and warnings that became critical. A problem still open from
// the previous checkup at the same level is not alerted again (newFindingKeys).
import {
  findingEpisodes,
  findingKey,
  newFindingKeys,
  type StoredFinding,
} from '../domain/diagnosis/history.js';
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
  const keys = new Set(newFindingKeys(dates, atLeast(minSeverity), asOf));
  if (minSeverity === 'warning')
    for (const key of newFindingKeys(dates, atLeast('critical'), asOf)) keys.add(key);
  return today.filter((f) => keys.has(findingKey(f)) && RANK[f.severity] >= RANK[minSeverity]);
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
      .map((e) => [e.key, e.began]),
  );
  const fresh = new Set(newOnes.map(findingKey));
  return findings.map((f) => ({
    ...f,
    as_of: asOf,
    began: began.get(findingKey(f)),
    new: fresh.has(findingKey(f)),
  }));
}
