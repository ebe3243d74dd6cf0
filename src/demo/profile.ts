// The personal columns of customers.csv: a Japanese name, an address prefecture with a postal
// code of that prefecture, an e-mail on a reserved example domain, a mobile number, birth date
// and gender. Drawn from a stream of their own, so they never change the customer's behaviour.
import { isoOfDay, type Calendar } from './calendar.js';
import { CHANNELS } from './scenario.js';
import type { Customer } from './customer.js';
import {
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  FEMALE_NAMES,
  MALE_NAMES,
  MOBILE_PREFIXES,
  PREFECTURES,
} from './japan.js';
import { cumulative, type Rng } from './random.js';

/** Header of customers.csv (line_linked and newsletter land in the importer's attributes). */
export const CUSTOMER_HEADER = [
  'customer_id',
  'created_at',
  'name',
  'email',
  'phone',
  'postal_code',
  'prefecture',
  'birth_date',
  'gender',
  'acquisition_channel',
  'referred_by_customer_id',
  'line_linked',
  'newsletter',
];

const PREFECTURE_CUM = cumulative(PREFECTURES.map((p) => p.weight));
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Returns a customer's row for customers.csv and the e-mail in it; `referrer` is the referring customer's id or ''. */
export function customerRow(
  cal: Calendar,
  c: Customer,
  referrer: string,
  rng: Rng,
): { row: string; email: string } {
  const female = rng.chance(0.72);
  const gender = rng.chance(0.02) ? '' : female ? 'female' : 'male';
  const family = FAMILY_NAMES[rng.int(FAMILY_NAMES.length)];
  const given = (female ? FEMALE_NAMES : MALE_NAMES)[
    rng.int(female ? FEMALE_NAMES.length : MALE_NAMES.length)
  ];
  const pref = PREFECTURES[rng.pick(PREFECTURE_CUM)];
  const postal = `${pad(pref.postalFrom + rng.int(pref.postalTo - pref.postalFrom + 1), 3)}-${pad(rng.int(10000), 4)}`;
  const email = c.hasEmail
    ? `${given[1]}.${family[1]}${c.index + 1}@${EMAIL_DOMAINS[rng.int(EMAIL_DOMAINS.length)]}`
    : '';
  const phone = rng.chance(0.85)
    ? `${MOBILE_PREFIXES[rng.int(3)]}-${pad(rng.int(10000), 4)}-${pad(rng.int(10000), 4)}`
    : '';
  // Mail-order buyers of supplements and skincare are mostly 35–70 years old.
  const age = Math.min(88, Math.max(20, 52 + 13 * rng.normal()));
  const birth = birthDate(Math.floor(cal.end - age * 365.25));
  const row = [
    c.id,
    cal.timestamp(c.firstDay, c.firstSecond),
    `${family[0]} ${given[0]}`,
    email,
    phone,
    postal,
    pref.name,
    birth,
    gender,
    CHANNELS[c.channel],
    referrer,
    c.line ? 'true' : 'false',
    c.newsletter ? 'true' : 'false',
  ].join(',');
  return { row: row + '\n', email };
}

// Formatting a date through Date is slow for a million customers; birth days repeat, so cache.
const BIRTH_CACHE = new Map<number, string>();
function birthDate(day: number): string {
  let s = BIRTH_CACHE.get(day);
  if (s === undefined) BIRTH_CACHE.set(day, (s = isoOfDay(day)));
  return s;
}

/** Returns an e-mail address for a lead that never bought (reserved example domains). */
export function leadEmail(leadNo: number, rng: Rng): string {
  const family = FAMILY_NAMES[rng.int(FAMILY_NAMES.length)];
  const names = rng.chance(0.7) ? FEMALE_NAMES : MALE_NAMES;
  const given = names[rng.int(names.length)];
  return `${given[1]}.${family[1]}.l${leadNo}@${EMAIL_DOMAINS[rng.int(EMAIL_DOMAINS.length)]}`;
}
