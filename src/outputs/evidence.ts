// The numbers behind a finding ("evidence", SPEC names like active_customers_prev_year) named
// for a reader: from the shared dictionary, with the suffixes the rules use put in words.
import { label, labelKey, type WorkbookLang } from './workbook/labels.js';

const SUFFIX: [RegExp, { ja: string; en: string }][] = [
  [/_prev_year$/, { ja: '(前年)', en: ' (last year)' }],
  [/_change$/, { ja: 'の増減', en: ' change' }],
  [/_rating$/, { ja: 'の評価', en: ' rating' }],
  [/_score$/, { ja: 'のスコア', en: ' score' }],
  [/_target$/, { ja: 'の目標', en: ' target' }],
  [/_threshold$/, { ja: 'の基準', en: ' threshold' }],
];

/** Returns an evidence name in the language, or null when the dictionary cannot name it in Japanese (English shows the name as it is). */
export function evidenceName(k: string, lang: WorkbookLang): string | null {
  if (labelKey(k)) return label(k, lang);
  const ago = /^(.+)_(\d+)_days_ago$/.exec(k);
  if (ago && labelKey(ago[1])) return label(ago[1], lang) + label('days_ago', lang, { n: ago[2] });
  for (const [re, w] of SUFFIX) {
    const base = k.replace(re, '');
    if (base !== k && labelKey(base)) return label(base, lang) + w[lang];
  }
  return lang === 'en' ? k.replace(/_/g, ' ') : null;
}
