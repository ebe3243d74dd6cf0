// The generator's calendar: days are integers (days since 1970-01-01) so that the simulation
// does arithmetic, not Date objects; the strings written to the files are precomputed once per
// day and per minute, because formatting dates is the hot path when writing tens of millions of
// rows.

const MS_PER_DAY = 86_400_000;

/** Returns the day number of an ISO date (YYYY-MM-DD), or NaN when it is not a real date. */
export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return NaN;
  return t / MS_PER_DAY;
}

/** Returns the ISO date (YYYY-MM-DD) of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Returns the day number of the same calendar day `months` months later (negative: earlier), clamped to the month's end. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / MS_PER_DAY;
}

/** The history [start, end] with per-day lookups (date string, calendar month, month index). */
export class Calendar {
  /** First day of the history (inclusive). */
  readonly start: number;
  /** Last day of the history (inclusive): the last possible order date. */
  readonly end: number;
  /** Number of days in the history. */
  readonly days: number;
  /** Number of calendar months touched by the history. */
  readonly months: number;
  private readonly dateStr: string[];
  private readonly calMonth: Uint8Array;
  private readonly monthIdx: Uint16Array;
  private readonly monthKeys: string[];
  private readonly monthFirstDay: number[];

  constructor(endIso: string, years: number) {
    this.end = parseIsoDay(endIso);
    if (Number.isNaN(this.end)) throw new RangeError(`not a date: ${endIso}`);
    this.start = addMonths(this.end + 1, -12 * years);
    this.days = this.end - this.start + 1;
    this.dateStr = new Array<string>(this.days);
    this.calMonth = new Uint8Array(this.days);
    this.monthIdx = new Uint16Array(this.days);
    this.monthKeys = [];
    this.monthFirstDay = [];
    let lastKey = '';
    for (let i = 0; i < this.days; i++) {
      const iso = isoOfDay(this.start + i);
      this.dateStr[i] = iso;
      this.calMonth[i] = Number(iso.slice(5, 7)) - 1;
      const key = iso.slice(0, 7);
      if (key !== lastKey) {
        this.monthKeys.push(key);
        this.monthFirstDay.push(this.start + i);
        lastKey = key;
      }
      this.monthIdx[i] = this.monthKeys.length - 1;
    }
    this.months = this.monthKeys.length;
  }

  /** Returns YYYY-MM-DD of a day inside the history. */
  date(day: number): string {
    return this.dateStr[day - this.start];
  }

  /** Returns the calendar month 0–11 of a day inside the history. */
  calendarMonth(day: number): number {
    return this.calMonth[day - this.start];
  }

  /** Returns the index of the day's month counted from the first month of the history. */
  monthIndex(day: number): number {
    return this.monthIdx[day - this.start];
  }

  /** Returns YYYY-MM of a month index. */
  monthKey(index: number): string {
    return this.monthKeys[index];
  }

  /** Returns the first day (clamped to the history) of a month index. */
  monthStart(index: number): number {
    return this.monthFirstDay[index];
  }

  /** Returns the number of days of a month index inside the history. */
  monthLength(index: number): number {
    const next = index + 1 < this.months ? this.monthFirstDay[index + 1] : this.end + 1;
    return next - this.monthFirstDay[index];
  }

  /** Returns "YYYY-MM-DD HH:MM:SS" for a day and a second of the day. */
  timestamp(day: number, second: number): string {
    return `${this.dateStr[day - this.start]} ${HH_MM[(second / 60) | 0]}:${SS[second % 60]}`;
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const HH_MM: string[] = Array.from(
  { length: 1440 },
  (_, m) => `${pad2((m / 60) | 0)}:${pad2(m % 60)}`,
);
const SS: string[] = Array.from({ length: 60 }, (_, s) => pad2(s));
