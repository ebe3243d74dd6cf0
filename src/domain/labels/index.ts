// The shared dictionary (ja.ts, en.ts) and how to read it: a key in a language with {name}
// placeholders filled, and the names of coded values (channels, severities, ladder steps).
import { ja, type LabelKey } from './ja.js';
import { en } from './en.js';

export type { LabelKey };
export type LabelLang = 'ja' | 'en';
export const LABELS: Record<LabelLang, Record<LabelKey, string>> = { ja, en };

/** Returns true when `key` is a word of the dictionary. */
export function isLabelKey(key: string): key is LabelKey {
  return Object.prototype.hasOwnProperty.call(ja, key);
}

/** Returns the word `key` in `lang` with {name} placeholders filled. */
export function t(lang: LabelLang, key: LabelKey, vars?: Record<string, string | number>): string {
  let s = LABELS[lang][key];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Returns the name of a channel code ("web_ad" → "Web広告"); an unknown code as it is. */
export function channelName(code: string, lang: LabelLang): string {
  const key = `ch_${code.toLowerCase()}`;
  return isLabelKey(key) ? LABELS[lang][key] : code;
}

/** Returns the word of a severity. */
export function severityName(s: 'critical' | 'warning' | 'info', lang: LabelLang): string {
  return LABELS[lang][`severity_${s}`];
}

/** Returns the words of a lift's verdict (too_few, within_noise, higher, lower: domain/evidence.ts). */
export function liftVerdictName(
  v: 'too_few' | 'within_noise' | 'higher' | 'lower',
  lang: LabelLang,
): string {
  return LABELS[lang][`lift_${v}`];
}
