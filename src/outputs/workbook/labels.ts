// Words of the workbook: every one comes from the dictionary the dashboard shares
// (src/domain/labels). A sheet asks for a key; the workbook's own wording (`wb_` keys) wins
// over the dashboard's where the workbook needs a column heading rather than a card title.
import { LABELS, isLabelKey, t, type LabelKey } from '../../domain/labels/index.js';

export type WorkbookLang = 'ja' | 'en';

/** The sheets in reading order (Excel limits names to 31 characters and forbids : \ / ? * [ ]). */
export const SHEET_KEYS = [
  'summary',
  'overview',
  'list',
  'daily',
  'customer',
  'purchase',
  'distribution',
  'five',
  'rfm',
  'ladder',
  'cohorts',
  'audit',
  'projection',
  'clv',
  'findings',
] as const;

export type SheetKey = (typeof SHEET_KEYS)[number];

/** Sheet names [ja, en] by key. */
export const SHEETS = Object.fromEntries(
  SHEET_KEYS.map((k) => [k, [LABELS.ja[`sheet_${k}`], LABELS.en[`sheet_${k}`]] as const]),
) as Record<SheetKey, readonly [string, string]>;

// Older workbook keys that name a shared word under another key.
const ALIAS: Record<string, LabelKey> = {
  critical: 'severity_critical',
  warning: 'severity_warning',
  info: 'severity_info',
  high: 'rating_high',
  low: 'rating_low',
  title: 'wb_title',
  revenue_identity: 'equation',
  cumulative_revenue_per_customer: 'cumulative_ltv',
};

/** Returns the sheet name in the language. */
export function sheetName(key: SheetKey, lang: WorkbookLang): string {
  return SHEETS[key][lang === 'ja' ? 0 : 1];
}

/** Returns the dictionary key of a workbook word, or null when the dictionary lacks it. */
export function labelKey(key: string): LabelKey | null {
  if (isLabelKey(`wb_${key}`)) return `wb_${key}` as LabelKey;
  if (isLabelKey(key)) return key;
  return ALIAS[key] ?? null;
}

/** Returns the word of `key` in the language (the key itself when the dictionary lacks it). */
export function label(
  key: string,
  lang: WorkbookLang,
  vars?: Record<string, string | number>,
): string {
  const k = labelKey(key);
  return k ? t(lang, k, vars) : key;
}
