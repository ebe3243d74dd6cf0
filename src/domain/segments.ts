// Live segments (SPEC §5): a segment is a saved definition, evaluated on the data as it is
// whenever it is listed or exported. Built-in segments exist for every RFM named segment and
// every ladder stage, and the customer-value ones (issue 17: high value at risk); users save their
// own as base segments plus simple filters, which may read the checkup's per-customer predictions.
import { z } from 'zod';
import { RFM_SEGMENTS } from './rfm.js';
import { AT_RISK_P_ALIVE, type RfmCutSetInfo } from '../report/index.js';
import { LADDER_STAGES } from './ladder.js';

export interface BuiltinSegment {
  /** 'rfm:<segment id>', 'ladder:<stage>' or 'clv:<key>'. */
  name: string;
  family: 'rfm' | 'ladder' | 'clv';
  /** The RFM segment id, the ladder stage or the customer-value segment's key. */
  key: string;
  name_ja: string;
  name_en: string;
  description_ja: string;
  description_en: string;
}

/** Every person the store knows as of D (customers and unconverted leads); usable as a base. */
export const ALL_BASE = 'all';

/**
 * The built-ins on the checkup's customer value (customer_value of D). high_value_at_risk is the
 * report's clv.high_value_at_risk: the top decile of predicted 365-day CLV with P(alive) below
 * AT_RISK_P_ALIVE, so the list a manager exports is the number the checkup showed.
 */
export const CLV_SEGMENTS = [
  {
    key: 'high_value_at_risk',
    name_ja: '高価値・離反リスク',
    name_en: 'High value at risk',
    description_ja: `365日の予測顧客生涯価値が上位10%で、まだ顧客でいる確率(P(alive))が${AT_RISK_P_ALIVE}未満の顧客。診断の「離脱が心配な高価値顧客」と同じ人たちで、次のDMの前に声をかけたい相手です`,
    description_en: `Customers in the top 10% of predicted 365-day customer lifetime value whose probability of still being a customer (P(alive)) is below ${AT_RISK_P_ALIVE}: the checkup's high value at risk, the people to reach before the next mailing`,
  },
] as const;

type Words = Pick<BuiltinSegment, 'name_ja' | 'name_en' | 'description_ja' | 'description_en'>;

/** Returns the built-in of a family and key with the words of its source table. */
const builtin = (family: BuiltinSegment['family'], key: string, w: Words): BuiltinSegment => ({
  name: `${family}:${key}`,
  family,
  key,
  name_ja: w.name_ja,
  name_en: w.name_en,
  description_ja: w.description_ja,
  description_en: w.description_en,
});

/** Returns the built-in segments: the RFM named segments, the ladder stages, then customer value. */
export function builtinSegments(): BuiltinSegment[] {
  return [
    ...RFM_SEGMENTS.map((s) => builtin('rfm', s.id, s)),
    ...LADDER_STAGES.map((s) => builtin('ladder', s.stage, s)),
    ...CLV_SEGMENTS.map((s) => builtin('clv', s.key, s)),
  ];
}

/** Returns the built-in segment called `name`, or undefined. */
export function builtinSegment(name: string): BuiltinSegment | undefined {
  return builtinSegments().find((s) => s.name === name);
}

// The customer-value filters read the checkup's predictions of D (customer_value).
const VALUE_FILTERS = [
  'min_p_alive',
  'max_p_alive',
  'min_expected_365',
  'max_expected_365',
  'min_clv_365',
  'max_clv_365',
] as const;
const FILTER_NUMBERS = [
  'min_r_days',
  'max_r_days',
  'min_f',
  'max_f',
  'min_m',
  'max_m',
  ...VALUE_FILTERS,
] as const;
const FILTER_LISTS = ['prefecture', 'acquisition_channel'] as const;
export type NumberFilter = (typeof FILTER_NUMBERS)[number];
export type ListFilter = (typeof FILTER_LISTS)[number];

/**
 * Filters that narrow the base: R in days, F in purchases, M in the currency; lists match any
 * value. P(alive) (0–1), expected purchases in 365 days and predicted 365-day CLV (currency) are
 * the checkup's of the as-of date.
 */
export const SegmentFilters = z
  .object({
    min_r_days: z.number().int().min(0).optional(),
    max_r_days: z.number().int().min(0).optional(),
    min_f: z.number().int().min(0).optional(),
    max_f: z.number().int().min(0).optional(),
    min_m: z.number().min(0).optional(),
    max_m: z.number().min(0).optional(),
    min_p_alive: z.number().min(0).max(1).optional(),
    max_p_alive: z.number().min(0).max(1).optional(),
    min_expected_365: z.number().min(0).optional(),
    max_expected_365: z.number().min(0).optional(),
    min_clv_365: z.number().min(0).optional(),
    max_clv_365: z.number().min(0).optional(),
    prefecture: z.array(z.string().min(1)).min(1).optional(),
    acquisition_channel: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type SegmentFilters = z.infer<typeof SegmentFilters>;

/** A saved definition: members of any base segment (a union) that pass every filter. */
export const SegmentDefinition = z
  .object({
    from: z
      .array(z.string())
      .min(1)
      .refine((bases) => bases.every((b) => b === ALL_BASE || builtinSegment(b)), {
        message: 'each base must be a built-in segment (rfm:…, ladder:…, clv:…) or "all"',
      }),
    where: SegmentFilters.prefault({}),
    description_ja: z.string().optional(),
    description_en: z.string().optional(),
  })
  .strict();
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

/** An error as a value: a stable code and the user's words. */
export interface SegmentError {
  code: string;
  message_ja: string;
  message_en: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SegmentError };

const fail = (
  code: string,
  message_ja: string,
  message_en: string,
): { ok: false; error: SegmentError } => ({
  ok: false,
  error: { code, message_ja, message_en },
});

/** Returns null when `name` may be used for a saved segment ('rfm:', 'ladder:', 'clv:' and 'all' are reserved). */
export function checkSegmentName(name: string): SegmentError | null {
  if (!/^[^\s:,][^:,]{0,63}$/u.test(name) || name.trim() !== name || name === ALL_BASE) {
    return fail(
      'segment_name_invalid',
      `セグメント名「${name}」は使えません (1～64文字、コロン・カンマ不可、all は予約語)`,
      `segment name "${name}" is not allowed (1–64 characters, no colon or comma, "all" is reserved)`,
    ).error;
  }
  return null;
}

/**
 * Returns the filters written as `key=value` pairs (an argument may hold several, comma-separated);
 * list filters may repeat to match any of their values.
 */
export function parseWhere(pairs: readonly string[]): Result<SegmentFilters> {
  const out: Record<string, unknown> = {};
  // A comma separates pairs only before the next "key=" (a key starts with a letter and may hold
  // digits: max_clv_365), so 30,000 stays one number.
  for (const pair of pairs
    .flatMap((p) => p.split(/,(?=\s*[a-z_][a-z0-9_]*=)/))
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq).trim();
    const value = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (eq < 0 || !value)
      return fail(
        'segment_where_syntax',
        `条件「${pair}」は key=value の形で書いてください`,
        `filter "${pair}" must be key=value`,
      );
    if ((FILTER_LISTS as readonly string[]).includes(key)) {
      out[key] = [...((out[key] as string[]) ?? []), value];
    } else if ((FILTER_NUMBERS as readonly string[]).includes(key)) {
      const n = Number(value.replace(/[,_]/g, ''));
      if (!Number.isFinite(n))
        return fail(
          'segment_where_number',
          `条件 ${key} の値「${value}」は数値ではありません`,
          `filter ${key}: "${value}" is not a number`,
        );
      if (key in out)
        return fail(
          'segment_where_repeated',
          `条件 ${key} が重複しています`,
          `filter ${key} is given twice`,
        );
      out[key] = n;
    } else {
      const known = [...FILTER_NUMBERS, ...FILTER_LISTS].join(', ');
      return fail(
        'segment_where_unknown',
        `不明な条件「${key}」 (使える条件: ${known})`,
        `unknown filter "${key}" (known: ${known})`,
      );
    }
  }
  const parsed = SegmentFilters.safeParse(out);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return fail('segment_where_invalid', `条件が不正です: ${msg}`, `invalid filter: ${msg}`);
  }
  return { ok: true, value: parsed.data };
}

/** Returns a validated definition from unknown input (a stored JSON or a request body). */
export function parseDefinition(input: unknown): Result<SegmentDefinition> {
  const parsed = SegmentDefinition.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return fail(
    'segment_definition_invalid',
    `セグメント定義が不正です: ${msg}`,
    `invalid segment definition: ${msg}`,
  );
}

const FILTER_LABELS: Record<NumberFilter | ListFilter, string> = {
  min_r_days: 'R ≥ %',
  max_r_days: 'R ≤ %',
  min_f: 'F ≥ %',
  max_f: 'F ≤ %',
  min_m: 'M ≥ %',
  max_m: 'M ≤ %',
  min_p_alive: 'P(alive) ≥ %',
  max_p_alive: 'P(alive) ≤ %',
  min_expected_365: 'E[purchases 365d] ≥ %',
  max_expected_365: 'E[purchases 365d] ≤ %',
  min_clv_365: 'CLV 365d ≥ %',
  max_clv_365: 'CLV 365d ≤ %',
  prefecture: 'prefecture ∈ {%}',
  acquisition_channel: 'acquisition_channel ∈ {%}',
};

/** Returns a one-line summary of a definition, e.g. "rfm:at_risk; M ≥ 30000". */
export function summarizeDefinition(def: SegmentDefinition): string {
  const filters = Object.entries(def.where)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      FILTER_LABELS[k as keyof typeof FILTER_LABELS].replace(
        '%',
        Array.isArray(v) ? v.join(', ') : String(v),
      ),
    );
  return [def.from.join(' | '), ...filters].join('; ');
}

/**
 * What of the checkup's customer value a definition reads: 'clv' when it needs predicted CLV (a
 * clv base or a CLV filter; missing without a spend model), 'value' when P(alive) or expected
 * purchases only, null when none (then it does not depend on a checkup of D).
 */
export function customerValueNeed(def: SegmentDefinition): 'clv' | 'value' | null {
  const clv =
    def.from.some((b) => builtinSegment(b)?.family === 'clv') ||
    def.where.min_clv_365 !== undefined ||
    def.where.max_clv_365 !== undefined;
  if (clv) return 'clv';
  return VALUE_FILTERS.some((k) => def.where[k] !== undefined) ? 'value' : null;
}

/**
 * Why customer value cannot be read for D: no stored checkup of D (or one from before the clv
 * section), a fit that said too few, or a fit without a spend model (P(alive) but no CLV).
 */
export type CustomerValueGap = 'no_checkup' | 'too_few' | 'no_clv';

/**
 * Returns the error of a definition that reads customer value on a date without it: said
 * outright, because 0 members would read as "nobody is at risk".
 */
export function customerValueMissing(asOf: string, gap: CustomerValueGap): SegmentError {
  const why = {
    no_checkup: {
      ja: `${asOf}の診断が保存されていません。その日付の診断を実行してください`,
      en: `no checkup of ${asOf} is stored; run the checkup of that date`,
    },
    too_few: {
      ja: `${asOf}の診断では顧客やリピート購入者が少なすぎて推定できませんでした`,
      en: `the checkup of ${asOf} had too few customers or repeat buyers to fit the models`,
    },
    no_clv: {
      ja: `${asOf}の診断では購買単価モデルが推定できず、予測CLVがありません`,
      en: `the checkup of ${asOf} could not fit the spend model, so there is no predicted CLV`,
    },
  }[gap];
  return {
    code: 'customer_value_missing',
    message_ja: `顧客生涯価値がまだ計算されていません (${why.ja})。この条件のセグメントは人数を出せません`,
    message_en: `customer value is not computed for this date (${why.en}); a segment on it has no members to show`,
  };
}

export type ExportLang = 'ja' | 'en';

// A filter in words, % the value: what the list shows for a saved segment without a description.
const FILTER_WORDS: Record<NumberFilter | ListFilter, Record<ExportLang, string>> = {
  min_r_days: { ja: '最終購入から%日以上', en: 'last purchase at least % days ago' },
  max_r_days: { ja: '最終購入から%日以内', en: 'last purchase at most % days ago' },
  min_f: { ja: '購入%回以上', en: 'at least % purchases' },
  max_f: { ja: '購入%回以下', en: 'at most % purchases' },
  min_m: { ja: '購入金額%以上', en: 'purchases of at least %' },
  max_m: { ja: '購入金額%以下', en: 'purchases of at most %' },
  min_p_alive: { ja: '顧客でいる確率%以上', en: 'P(alive) at least %' },
  max_p_alive: { ja: '顧客でいる確率%以下', en: 'P(alive) at most %' },
  min_expected_365: {
    ja: '365日の予測購入%回以上',
    en: 'at least % expected purchases in 365 days',
  },
  max_expected_365: {
    ja: '365日の予測購入%回以下',
    en: 'at most % expected purchases in 365 days',
  },
  min_clv_365: { ja: '365日の予測顧客生涯価値%以上', en: 'predicted 365-day value at least %' },
  max_clv_365: { ja: '365日の予測顧客生涯価値%以下', en: 'predicted 365-day value at most %' },
  prefecture: { ja: '都道府県が%', en: 'prefecture %' },
  acquisition_channel: { ja: '獲得チャネルが%', en: 'acquisition channel %' },
};

/**
 * Returns a definition in a language's words, e.g. 「離脱危惧のうち、購入金額30,000以上」: the
 * bases by their names and the filters spelled out, no codes (the dashboard shows it).
 */
export function describeDefinition(def: SegmentDefinition, lang: ExportLang): string {
  const ja = lang === 'ja';
  const bases = def.from
    .map((b) => {
      const s = builtinSegment(b);
      if (!s) return ja ? '全員' : 'everyone';
      return ja ? s.name_ja : s.name_en;
    })
    .join(ja ? '・' : ' or ');
  const filters = Object.entries(def.where)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      FILTER_WORDS[k as keyof typeof FILTER_WORDS][lang].replace(
        '%',
        Array.isArray(v)
          ? v.join(ja ? '・' : ' or ')
          : (v as number).toLocaleString(ja ? 'ja-JP' : 'en-US'),
      ),
    );
  if (!filters.length) return bases;
  return ja ? `${bases}のうち、${filters.join('、')}` : `${bases}, ${filters.join(', ')}`;
}

/** The columns of a segment export, in order, with their headers. */
export const EXPORT_COLUMNS = [
  { key: 'customer_id', ja: '顧客ID', en: 'customer_id' },
  { key: 'name', ja: '氏名', en: 'name' },
  { key: 'email', ja: 'メールアドレス', en: 'email' },
  { key: 'phone', ja: '電話番号', en: 'phone' },
  { key: 'postal_code', ja: '郵便番号', en: 'postal_code' },
  { key: 'prefecture', ja: '都道府県', en: 'prefecture' },
  { key: 'r_days', ja: '最終購入からの日数(R)', en: 'recency_days' },
  { key: 'f', ja: '購入回数(F)', en: 'frequency' },
  { key: 'm', ja: '購入金額(M)', en: 'monetary' },
  { key: 'rfm_segment', ja: 'RFMセグメント', en: 'rfm_segment' },
  { key: 'ladder_level', ja: '顧客ラダー', en: 'ladder_level' },
  { key: 'lead_id', ja: 'リードID', en: 'lead_id' },
  // Last, so the columns before it keep their places in sheets built on earlier exports.
  { key: 'rfm_cut_set', ja: 'RFMの区切り', en: 'rfm_cut_set' },
] as const;

/**
 * Returns how an export names the cut set its RFM scores used (issue 14): the same text on
 * every scored row, a column rather than a line above the header so the file stays one table
 * a spreadsheet opens as is.
 */
export function cutSetLabel(c: RfmCutSetInfo, lang: ExportLang): string {
  if (c.basis === 'fixed') return lang === 'ja' ? '固定の区切り(設定)' : 'fixed cuts (settings)';
  return lang === 'ja'
    ? `${c.estimated_as_of}時点の五分位`
    : `quintiles as of ${c.estimated_as_of}`;
}

/**
 * The columns a segment on customer value adds after EXPORT_COLUMNS (the checkup's predictions
 * of D), so a list of people at risk shows why each is on it.
 */
export const VALUE_EXPORT_COLUMNS = [
  { key: 'p_alive', ja: '顧客でいる確率(P(alive))', en: 'p_alive' },
  { key: 'expected_365', ja: '365日の予測購入回数', en: 'expected_purchases_365' },
  { key: 'clv_365', ja: '365日の予測顧客生涯価値(CLV)', en: 'clv_365' },
] as const;

/** Returns the export header in a language; `withValue` for a segment on customer value. */
export function exportHeader(lang: ExportLang, withValue = false): string[] {
  return [...EXPORT_COLUMNS, ...(withValue ? VALUE_EXPORT_COLUMNS : [])].map((c) => c[lang]);
}
