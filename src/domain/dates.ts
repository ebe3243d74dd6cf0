// Calendar arithmetic on local dates written 'YYYY-MM-DD'. Computed in UTC so that no host
// timezone or daylight-saving shift can move a date.

const DAY_MS = 86_400_000;

/**
 * The first date a business event (an order, a contact, a signup) can plausibly have: older dates
 * are typing errors or placeholders (1900-01-01), refused at import and left out of the checkup.
 */
export const EARLIEST_EVENT_DATE = '1990-01-01';

/** Returns true when `s` is a valid 'YYYY-MM-DD' calendar date. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(s + 'T00:00:00Z');
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Returns the date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** Returns the number of days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / DAY_MS);
}

/** Returns the month 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Returns the first day 'YYYY-MM-01' of month 'YYYY-MM' shifted by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

/** Returns the last day of month 'YYYY-MM'. */
export function monthEnd(month: string): string {
  return addDays(addMonths(month, 1), -1);
}

/** Returns the local calendar date 'YYYY-MM-DD' of the instant `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
