// Value normalisation as SQL, for each field type: the fast path (fastSql: plain values, a cast),
// computed on every row while the file is staged; the complete reading (valueSql: Japanese dates,
// yen amounts, full-width digits, word tables), which an UPDATE runs only on the rows the fast
// path left empty (slowWhereSql); and the CASE that names what is wrong with a value (errorSql).
// DuckDB evaluates each over the whole staging table at once.
//
// Bound parameters used here: $tz (business timezone), $currency (business currency),
// $date_format (the --date-format, only when given).
import { EARLIEST_EVENT_DATE } from '../domain/dates.js';
import type { FieldType } from './entities.js';
import { lit } from './sql.js';
import { CONTACT_CHANNEL_WORDS, CURRENCY_WORDS, STATUS_WORDS, wordTable } from './value-words.js';

const FULL =
  Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000￥−‐';
const HALF =
  Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0x21 + i)).join('') + ' ¥--';
const SPACES = ' \t\r\n\u3000';

/** Trimmed text, NULL when empty (the ideographic space and tabs trimmed only off non-ASCII text, which is cheaper). */
export function blankSql(raw: string): string {
  return `NULLIF(CASE WHEN strlen(${raw}) = length(${raw}) THEN trim(${raw}) ELSE trim(${raw}, ${lit(SPACES)}) END, '')`;
}

const HAS_FULL = '[\\x{FF01}-\\x{FF5E}\\x{3000}\\x{FFE5}\\x{2212}\\x{2010}]';

/**
 * Full-width ASCII, the ideographic space, ￥ and minus signs folded to ASCII. DuckDB's translate()
 * costs time in proportion to its mapping on every row (about 18 µs here), so it runs only on the
 * rows that have such a character: a plain-ASCII value (strlen = length) skips even the regex.
 */
export function foldSql(text: string): string {
  return `CASE WHEN strlen(${text}) = length(${text}) OR NOT regexp_matches(${text}, '${HAS_FULL}') THEN ${text} ELSE translate(${text}, ${lit(FULL)}, ${lit(HALF)}) END`;
}

// Date forms besides what a plain cast reads (ISO 8601 with - or /, with or without time).
// prettier-ignore
const DATE_FORMATS = [
  '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d',
  '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日%H:%M', '%Y年%m月%d日 %H時%M分%S秒', '%Y年%m月%d日 %H時%M分', '%Y年%m月%d日',
  '%Y%m%d%H%M%S', '%Y%m%d',
  '%Y.%m.%d %H:%M:%S', '%Y.%m.%d %H:%M', '%Y.%m.%d',
];
const MONTH_FORMATS = ['%Y-%m', '%Y/%m', '%Y年%m月', '%Y.%m', '%Y%m'];
// A time followed by a zone: Z, UTC/GMT or an offset (+09:00, +0900, +09).
const ZONED = String.raw`(?i)\d:\d\d(:\d\d(\.\d+)?)?\s*(z|utc|gmt|[+-]\d\d(:?\d\d)?)$`;
// A weekday in brackets after a Japanese date: 2024年1月5日(金).
const WEEKDAY = String.raw`\s*\([月火水木金土日](曜日?)?\)`;

/** Options of the value SQL: whether a --date-format ($date_format) is bound. */
export interface ValueSqlOptions {
  dateFormat?: boolean;
}

function timestampSql(raw: string, opts: ValueSqlOptions): string {
  const s = foldSql(blankSql(raw));
  const zoned = `regexp_replace(regexp_replace(${s}, '(?i)\\s*(utc|gmt)$', '+00:00'), '\\s+([+-]\\d)', '\\1')`;
  const local = `COALESCE(TRY_CAST(${s} AS TIMESTAMP), try_strptime(regexp_replace(${s}, ${lit(WEEKDAY)}, ''), [${DATE_FORMATS.map(lit).join(', ')}]))`;
  const custom = opts.dateFormat
    ? `WHEN try_strptime(${s}, $date_format) IS NOT NULL THEN try_strptime(${s}, $date_format)`
    : '';
  return `CASE WHEN ${s} IS NULL THEN NULL ${custom}
    WHEN regexp_matches(${s}, ${lit(ZONED)}) THEN TRY_CAST(${zoned} AS TIMESTAMPTZ) AT TIME ZONE $tz
    ELSE ${local} END`;
}

// The thousands separator must sit every three digits: "1,234" is a number, "12,34" is not read.
const NUMBER_SHAPE = String.raw`^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)$`;

// The number in an amount's text, without yen signs, counters and separators' context ('' when
// it has none): what the complete reading casts.
function numberTextSql(raw: string): string {
  const s = blankSql(raw);
  // A backslash is the yen sign of Shift_JIS (byte 0x5C), as Japanese Windows shows it.
  const cleaned = `regexp_replace(regexp_replace(regexp_replace(${foldSql(s)}, '[¥\\\\円\\s]|JPY|(個|点|本|枚|件)$', '', 'g'), '^[△▲]', '-'), '^\\((.+)\\)$', '-\\1')`;
  return `regexp_extract(${cleaned}, ${lit(NUMBER_SHAPE)}, 1)`;
}

/**
 * True when an amount has more precision than DECIMAL(18,4) keeps (0.00001, 1.5e-5): a cast would
 * round it silently, so it is refused instead (too_many_decimals). Trailing zeros (1234.50000) are
 * exact and fine. DuckDB's cast also reads exponents; such a value is compared with its rounding.
 */
export function tooPreciseSql(raw: string): string {
  const s = blankSql(raw);
  const exponent = `(contains(lower(${s}), 'e') AND TRY_CAST(${s} AS DOUBLE) <> CAST(TRY_CAST(${s} AS DECIMAL(18,4)) AS DOUBLE))`;
  return `(regexp_matches(${numberTextSql(raw)}, '\\.\\d{4}\\d*[1-9]') OR ${exponent})`;
}

// The complete reading of an amount; the import runs it only on the rows whose plain cast failed
// (fastSql / slowWhereSql).
function decimalSql(raw: string): string {
  const s = blankSql(raw);
  const slow = `TRY_CAST(replace(${numberTextSql(raw)}, ',', '') AS DECIMAL(18,4))`;
  return `CASE WHEN ${tooPreciseSql(raw)} THEN NULL ELSE COALESCE(TRY_CAST(${s} AS DECIMAL(18,4)), ${slow}) END`;
}

// The fast path reads only plain decimals of at most 4 places (no exponent): anything else goes
// to the complete reading, which refuses what a cast would round.
function plainDecimalSql(raw: string): string {
  return `CASE WHEN NOT contains(${raw}, 'e') AND NOT contains(${raw}, 'E') AND (NOT contains(${raw}, '.') OR strlen(${raw}) - strpos(${raw}, '.') <= 4)
    THEN TRY_CAST(${raw} AS DECIMAL(18,4)) END`;
}

function wordCase(key: string, table: Map<string, string>, otherwise: string): string {
  const whens = [...table].map(([w, v]) => `WHEN ${lit(w)} THEN ${lit(v)}`).join(' ');
  return `CASE ${key} ${whens} ELSE ${otherwise} END`;
}

/** Returns the matching key of a raw word column (like wordKey in value-words.ts). */
export function wordKeySql(raw: string): string {
  return `lower(replace(${foldSql(blankSql(raw))}, ' ', ''))`;
}

const STATUS = wordTable(STATUS_WORDS);
const CHANNELS = wordTable(CONTACT_CHANNEL_WORDS);
const CURRENCIES = wordTable(CURRENCY_WORDS);

/** Returns the SQL of the stored value of a raw text column for a field type (NULL when empty or unreadable); complete for any input. */
export function valueSql(type: FieldType, raw: string, opts: ValueSqlOptions = {}): string {
  switch (type) {
    case 'id': {
      // Spreadsheets write integer ids as decimals (17850.0); the id is 17850.
      const v = foldSql(blankSql(raw));
      return `CASE WHEN contains(${v}, '.') AND regexp_full_match(${v}, '-?[0-9]+\\.0+') THEN regexp_extract(${v}, '^-?[0-9]+') ELSE ${v} END`;
    }
    case 'text':
      return blankSql(raw);
    case 'email':
      return `lower(${foldSql(blankSql(raw))})`;
    case 'code':
      return `NULLIF(trim(replace(${foldSql(blankSql(raw))}, '〒', '')), '')`;
    case 'timestamp':
      return timestampSql(raw, opts);
    case 'date':
      return `CAST(${timestampSql(raw, opts)} AS DATE)`;
    case 'month_date': {
      const s = foldSql(blankSql(raw));
      return `CAST(COALESCE(${timestampSql(raw, opts)}, try_strptime(${s}, [${MONTH_FORMATS.map(lit).join(', ')}])) AS DATE)`;
    }
    case 'money':
    case 'money_nonneg':
    case 'quantity':
      return decimalSql(raw);
    case 'money_abs':
      return `abs(${decimalSql(raw)})`;
    case 'status': {
      const k = wordKeySql(raw);
      return `CASE WHEN ${k} IN ('completed', 'cancelled', 'returned') THEN ${k} ELSE ${wordCase(k, STATUS, 'NULL')} END`;
    }
    case 'contact_channel': {
      const k = wordKeySql(raw);
      return `CASE WHEN ${k} IS NULL THEN NULL WHEN ${k} IN ('dm', 'email', 'line', 'sms', 'call', 'other') THEN ${k} ELSE ${wordCase(k, CHANNELS, "'other'")} END`;
    }
    case 'campaign_channel': {
      const k = wordKeySql(raw);
      return `CASE WHEN ${k} IS NULL THEN NULL ELSE ${wordCase(k, CHANNELS, blankSql(raw))} END`;
    }
    case 'currency': {
      const k = wordKeySql(raw);
      return `CASE WHEN ${k} IS NULL THEN NULL ELSE ${wordCase(k, CURRENCIES, `upper(${k})`)} END`;
    }
  }
}

const CANONICAL: Partial<Record<FieldType, string[]>> = {
  status: ['completed', 'cancelled', 'returned'],
  contact_channel: ['dm', 'email', 'line', 'sms', 'call', 'other'],
  campaign_channel: ['dm', 'email', 'line', 'sms', 'call', 'other'],
  currency: Object.keys(CURRENCY_WORDS),
};

// A local ISO date-time with nothing after the time: at most 19 characters and no zone marker
// (a cast to TIMESTAMP would silently drop an offset). Zones, Japanese forms, … go the slow way.
function plainIsoSql(raw: string): string {
  return `strlen(${raw}) <= 19 AND NOT contains(${raw}, '+') AND NOT contains(${raw}, 'Z')`;
}

/**
 * Returns the SQL of the fast path of a field type: the stored value for the plain values a
 * canonical file has (ASCII ids, ISO dates, plain decimals, canonical words), else NULL. It is
 * what the staging pass computes on every row; valueSql then fills in, by an UPDATE, only the
 * rows the fast path left NULL (see slowWhereSql). DuckDB hoists a sub-expression that appears
 * twice out of its CASE and runs it on every row, so a single all-in-one expression would make
 * every row pay for the clean-up of the odd ones.
 */
export function fastSql(type: FieldType, raw: string, opts: ValueSqlOptions = {}): string {
  const simple = `${raw} <> '' AND strlen(${raw}) = length(${raw}) AND NOT contains(${raw}, ' ')`;
  const ts = opts.dateFormat
    ? `try_strptime(${raw}, $date_format)`
    : `CASE WHEN ${plainIsoSql(raw)} THEN TRY_CAST(${raw} AS TIMESTAMP) END`;
  switch (type) {
    case 'id':
      // Tests rather than trim(): passing the column through copies no string.
      return `CASE WHEN ${raw} <> '' AND strlen(${raw}) = length(${raw}) AND NOT contains(${raw}, '.') AND NOT contains(${raw}, chr(9))
        AND NOT prefix(${raw}, ' ') AND NOT suffix(${raw}, ' ') THEN ${raw} END`;
    case 'text':
      return `CASE WHEN NOT prefix(${raw}, ' ') AND NOT suffix(${raw}, ' ') THEN NULLIF(${raw}, '') ELSE NULLIF(trim(${raw}), '') END`;
    case 'email':
      return `CASE WHEN ${simple} THEN lower(${raw}) END`;
    case 'code':
      return `CASE WHEN ${simple} THEN ${raw} END`;
    case 'timestamp':
      return ts;
    case 'date':
    case 'month_date':
      return `CAST(${ts} AS DATE)`;
    case 'money':
    case 'money_nonneg':
    case 'quantity':
      return plainDecimalSql(raw);
    case 'money_abs':
      return `abs(${plainDecimalSql(raw)})`;
    default:
      return `CASE WHEN ${raw} IN (${(CANONICAL[type] ?? []).map(lit).join(', ')}) THEN ${raw} END`;
  }
}

/** Returns the condition of the rows whose fast value must be replaced by valueSql. */
export function slowWhereSql(type: FieldType, raw: string, typed: string): string {
  if (type === 'text') {
    // trim() took the ASCII spaces off; the ideographic space and control characters remain.
    return [0x3000, 9, 13, 10]
      .map((c) => `prefix(${raw}, chr(${c})) OR suffix(${raw}, chr(${c}))`)
      .join(' OR ');
  }
  return `${typed} IS NULL AND ${raw} IS NOT NULL`;
}

/**
 * Returns a SQL CASE naming what is wrong with a value (a reason code of reasons.ts), or NULL when
 * it is fine. The typed value is looked at first: only a NULL one needs the raw text (was it
 * empty, or unreadable?), so the checks stay cheap when run over every row.
 */
export function errorSql(type: FieldType, raw: string, typed: string, required: boolean): string {
  const whenEmpty = required ? `'required'` : 'NULL';
  const checks: string[] = [];
  let unreadable = `'invalid_number'`;
  switch (type) {
    case 'timestamp':
    case 'month_date':
      checks.push(...dateChecks(typed, true));
      unreadable = `'invalid_date'`;
      break;
    case 'date':
      // Birth dates: old ones are real, future ones are not.
      checks.push(...dateChecks(typed, false));
      unreadable = `'invalid_date'`;
      break;
    case 'money':
    case 'money_abs':
    case 'quantity':
      unreadable = `CASE WHEN ${tooPreciseSql(raw)} THEN 'too_many_decimals' ELSE 'invalid_number' END`;
      break;
    case 'money_nonneg':
      checks.push(`WHEN ${typed} < 0 THEN 'negative_not_allowed'`);
      unreadable = `CASE WHEN ${tooPreciseSql(raw)} THEN 'too_many_decimals' ELSE 'invalid_number' END`;
      break;
    case 'status':
      unreadable = `'invalid_status'`;
      break;
    case 'currency':
      checks.push(`WHEN ${typed} <> $currency THEN 'currency_mismatch'`);
      unreadable = '';
      break;
    default:
      unreadable = '';
      break;
  }
  const onValue = checks.length ? `CASE ${checks.join(' ')} END` : 'NULL';
  const onNull = unreadable
    ? `CASE WHEN ${blankSql(raw)} IS NULL THEN ${whenEmpty} ELSE ${unreadable} END`
    : whenEmpty;
  return `CASE WHEN ${typed} IS NOT NULL THEN ${onValue} ELSE ${onNull} END`;
}

// A year outside 1900–2100 is a misread (a two-digit year); an event before EARLIEST_EVENT_DATE is
// implausible; any date after tomorrow in the business timezone (a day's slack for time zones)
// has not happened yet.
function dateChecks(typed: string, event: boolean): string[] {
  const tomorrowEnd = `(CAST(now() AT TIME ZONE $tz AS DATE) + 2)`;
  return [
    `WHEN year(${typed}) NOT BETWEEN 1900 AND 2100 THEN 'date_out_of_range'`,
    ...(event ? [`WHEN ${typed} < DATE '${EARLIEST_EVENT_DATE}' THEN 'date_too_early'`] : []),
    `WHEN ${typed} >= ${tomorrowEnd} THEN 'date_in_future'`,
  ];
}

/** Returns the SQL condition "this raw contact channel word is one kenshin knows" (unknown ones become `other`). */
export function knownChannelSql(raw: string): string {
  const words = [...CHANNELS.keys(), 'dm', 'email', 'line', 'sms', 'call', 'other']
    .map(lit)
    .join(', ');
  return `${wordKeySql(raw)} IN (${words})`;
}
