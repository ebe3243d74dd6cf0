// When each problem began and ended, from the findings stored with each checkup date. A
// problem is open from the first checkup that found it until the first later checkup that
// did not; checkups in between that also found it extend the same episode.
//
// A problem is a finding's key, not only its rule id: a rule whose condition has a subject
// names it in evidence.subject ("the weakest mechanism is referral", "the five numbers are in
// the worst state"), and a change of subject ends one episode and begins another. Otherwise the
// history would say "weakest: referral" began on a day when the weakest was retention.
import type { Finding, Severity, Text } from './types.js';

export interface StoredFinding {
  as_of: string;
  /** The finding's key (findingKey). */
  key: string;
  id: string;
  severity: Severity;
  title: Text;
}

/** Returns the identity of the problem a finding reports: its id, and its subject when it has one. */
export function findingKey(f: Pick<Finding, 'id' | 'evidence'>): string {
  const subject = f.evidence?.subject;
  return typeof subject === 'string' && subject ? `${f.id}:${subject}` : f.id;
}

export interface Episode {
  /** The problem (findingKey), e.g. mechanisms.weakest_link:referral. */
  key: string;
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
    byDate.get(f.as_of)!.set(f.key, f);
  }
  const open = new Map<string, Episode>();
  const done: Episode[] = [];
  for (const date of dates) {
    const today = byDate.get(date) ?? new Map<string, StoredFinding>();
    for (const [key, ep] of open) {
      if (!today.has(key)) {
        ep.ended = date;
        done.push(ep);
        open.delete(key);
      }
    }
    for (const [key, f] of today) {
      const ep = open.get(key);
      if (ep) {
        ep.last_seen = date;
        if (RANK[f.severity] > RANK[ep.severity]) ep.severity = f.severity;
        ep.title = f.title;
      } else {
        open.set(key, {
          key,
          id: f.id,
          began: date,
          ended: null,
          last_seen: date,
          severity: f.severity,
          title: f.title,
        });
      }
    }
  }
  return [...done, ...open.values()].sort(
    (a, b) => a.began.localeCompare(b.began) || a.key.localeCompare(b.key),
  );
}

/** Returns the keys of findings present on `date` that were absent at the previous checkup (new today). */
export function newFindingKeys(
  checkupDates: string[],
  findings: StoredFinding[],
  date: string,
): string[] {
  return findingEpisodes(
    checkupDates.filter((d) => d <= date),
    findings.filter((f) => f.as_of <= date),
  )
    .filter((e) => e.began === date && e.ended === null)
    .map((e) => e.key);
}
