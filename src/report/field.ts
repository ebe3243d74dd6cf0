// A field of the report: its zod schema with its catalogue entry — the SPEC name is the key it
// is declared under, and the entry gives the unit, the Japanese and English label and a one-line
// doc. The docs' tables, the dashboard's tables and cards and the workbook's columns read these
// entries (fieldsOf), so a number is named and formatted the same everywhere.
import { z } from 'zod';

/**
 * How a value is read and shown. count: people or things (integer); yen: money in the business
 * currency (exact decimals summed in the database); rate: a share 0–1 of a base (`n` names the
 * count it is out of, for "n = …" and an interval); ratio: a quotient that is not a share
 * (contacts per customer, growth); number: any other quantity; days: a duration in days;
 * date: a local date YYYY-MM-DD; month: YYYY-MM; datetime: an ISO time (UTC); code: a stable
 * code word (a segment id, a channel); text: free text; words: text in Japanese and English;
 * flag: true / false; level: a ladder level 0.1–1.3; score: 1–5 or a score against a target;
 * seconds: time spent; map: values by a key (a channel, an evidence name).
 */
export const UNITS = [
  'count',
  'yen',
  'rate',
  'ratio',
  'number',
  'days',
  'date',
  'month',
  'datetime',
  'code',
  'text',
  'words',
  'flag',
  'level',
  'score',
  'seconds',
  'map',
] as const;
export type Unit = (typeof UNITS)[number];

/** The catalogue entry of one field. */
export interface FieldMeta {
  unit: Unit;
  /** Label in Japanese, as SPEC.md and the dashboard write it. */
  ja: string;
  en: string;
  /** One line: what the value is, its window and when it is null. */
  doc: string;
  /** A rate's base: the sibling field (or a path from the section) holding the count it is out of. */
  n?: string;
}

/** Every field schema with its entry; read through fieldsOf. */
export const catalogue = z.registry<FieldMeta>();

type Words = readonly [ja: string, en: string, doc: string];

/** Registers `schema` as a field with its entry (and its doc as the JSON Schema description). */
export function field<T extends z.ZodType>(
  schema: T,
  unit: Unit,
  [ja, en, doc]: Words,
  n?: string,
): T {
  const s = schema.meta({ description: doc }) as T;
  catalogue.add(s, n === undefined ? { unit, ja, en, doc } : { unit, ja, en, doc, n });
  return s;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const int = () => z.number().int();

/** A count (integer ≥ 0). */
export const count = (...w: Words) => field(int().nonnegative(), 'count', w);
/** A count, null when it cannot be counted (no base to compare with). */
export const countOrNull = (...w: Words) => field(int().nonnegative().nullable(), 'count', w);
/** An integer that may be negative (a change of counts). */
export const countChange = (...w: Words) => field(int(), 'count', w);
/** Money in the business currency. */
export const yen = (...w: Words) => field(z.number(), 'yen', w);
/** Money, null when unknown (no cost recorded, no base). */
export const yenOrNull = (...w: Words) => field(z.number().nullable(), 'yen', w);
/** A share 0–1 of the count named by `n`; null without a base. */
export const rate = (n: string, ...w: Words) => field(z.number().nullable(), 'rate', w, n);
/** A share that is always known (a setting, a target). */
export const rateKnown = (...w: Words) => field(z.number(), 'rate', w);
/** A quotient that is not a share; null without a base. */
export const ratio = (...w: Words) => field(z.number().nullable(), 'ratio', w);
/** Any other number. */
export const number = (...w: Words) => field(z.number(), 'number', w);
export const numberOrNull = (...w: Words) => field(z.number().nullable(), 'number', w);
/** Days (a window, a median duration). */
export const days = (...w: Words) => field(z.number(), 'days', w);
export const daysOrNull = (...w: Words) => field(z.number().nullable(), 'days', w);
/** A local date YYYY-MM-DD. */
export const date = (...w: Words) => field(z.string().regex(DATE), 'date', w);
export const dateOrNull = (...w: Words) => field(z.string().regex(DATE).nullable(), 'date', w);
/** A month YYYY-MM. */
export const month = (...w: Words) => field(z.string().regex(MONTH), 'month', w);
/** An ISO time in UTC. */
export const datetime = (...w: Words) => field(z.string(), 'datetime', w);
/** One of a fixed set of code words. */
export const code = <const V extends readonly [string, ...string[]]>(values: V, ...w: Words) =>
  field(z.enum(values), 'code', w);
/** A code word of an open set (a channel, a campaign id, a product). */
export const key = (...w: Words) => field(z.string(), 'code', w);
/** Free text; null when unknown. */
export const text = (...w: Words) => field(z.string(), 'text', w);
export const textOrNull = (...w: Words) => field(z.string().nullable(), 'text', w);
/** Text in Japanese and English. */
export const wordsSchema = z.strictObject({ ja: z.string(), en: z.string() });
export const words = (...w: Words) => field(wordsSchema, 'words', w);
export const flag = (...w: Words) => field(z.boolean(), 'flag', w);
/** A ladder level (0.1–0.9 prospects, 1.0–1.3 customers). */
export const level = (...w: Words) => field(z.number(), 'level', w);
/** A score (1–5, or a value against its target). */
export const score = (...w: Words) => field(int().min(1).max(5), 'score', w);
export const scoreOrNull = (...w: Words) => field(z.number().nullable(), 'score', w);
export const seconds = (...w: Words) => field(z.number(), 'seconds', w);
/** Values by an open key. */
export const map = <V extends z.ZodType>(value: V, ...w: Words) =>
  field(z.record(z.string(), value), 'map', w);

/** One field of a section, by its path: `metrics.flows.new`, `series[].date`. */
export interface FieldEntry extends FieldMeta {
  path: string;
}

/** Returns every field under `schema`, depth first in declaration order, paths from `prefix`. */
export function fieldsOf(schema: z.ZodType, prefix: string): FieldEntry[] {
  const meta = catalogue.get(schema);
  if (meta) return [{ path: prefix, ...meta }];
  if (schema instanceof z.ZodObject)
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, s]) =>
      fieldsOf(s, prefix ? `${prefix}.${k}` : k),
    );
  if (schema instanceof z.ZodArray) return fieldsOf(schema.element as z.ZodType, `${prefix}[]`);
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
    return fieldsOf(schema.unwrap() as z.ZodType, prefix);
  throw new Error(`report field without a catalogue entry: ${prefix}`);
}
