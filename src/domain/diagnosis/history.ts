// When each problem began and ended, from the findings stored with each checkup date. A
// problem is open from the first checkup that found it until the first later checkup that
// did not; checkups in between that also found it extend the same episode.
import type { Severity, Text } from './types.js';

export interface StoredFinding {
  as_of: string;
  id: string;
  severity: Severity;
  title: Text;
}

export interface Episode {
  id: string;
  began: string;
  /** The first checkup without the finding; null while it is still open. */
  ended: string | null;
  last_seen: string;
  /** The worst severity seen in the episode. */
  severity: Severity;
  title: Text;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Returns the episodes of every finding id over the checkup dates (sorted by start). */
export function findingEpisodes(checkupDates: string[], findings: StoredFinding[]): Episode[] {
  const dates = [...new Set(checkupDates)].sort();
  const byDate = new Map<string, Map<string, StoredFinding>>();
  for (const f of findings) {
    if (!byDate.has(f.as_of)) byDate.set(f.as_of, new Map());
    byDate.get(f.as_of)!.set(f.id, f);
  }
  const open = new Map<string, Episode>();
  const done: Episode[] = [];
  for (const date of dates) {
    const today = byDate.get(date) ?? new Map<string, StoredFinding>();
    for (const [id, ep] of open) {
      if (!today.has(id)) {
        ep.ended = date;
        done.push(ep);
        open.delete(id);
      }
    }
    for (const [id, f] of today) {
      const ep = open.get(id);
      if (ep) {
        ep.last_seen = date;
        if (RANK[f.severity] > RANK[ep.severity]) ep.severity = f.severity;
        ep.title = f.title;
      } else {
        open.set(id, { id, began: date, ended: null, last_seen: date, severity: f.severity, title: f.title });
      }
    }
  }
  return [...done, ...open.values()].sort((a, b) => a.began.localeCompare(b.began) || a.id.localeCompare(b.id));
}

/** Returns the ids of findings present on `date` that were absent at the previous checkup (new today). */
export function newFindingIds(checkupDates: string[], findings: StoredFinding[], date: string): string[] {
  return findingEpisodes(checkupDates.filter((d) => d <= date), findings.filter((f) => f.as_of <= date))
    .filter((e) => e.began === date && e.ended === null)
    .map((e) => e.id);
}
