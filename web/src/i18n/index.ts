// The language comes from the URL (?lang=en; Japanese by default).
import { useLocation } from '../state/url';
import { MESSAGES, type Lang, type MessageKey } from './messages';

export type { Lang, MessageKey };

export interface I18n {
  lang: Lang;
  /** Returns the message, with {name} placeholders filled (and the singular form when n is 1). */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Returns the text of a bilingual value. */
  tx: (text: { ja: string; en: string } | null | undefined) => string;
}

/** Returns the language of a query string. */
export function langOf(query: URLSearchParams): Lang {
  return query.get('lang') === 'en' ? 'en' : 'ja';
}

/** Returns the translator for a language. */
export function makeI18n(lang: Lang): I18n {
  const dict = MESSAGES[lang];
  return {
    lang,
    t: (key, vars) => {
      // English says "1 checkup" but "2 checkups": a count of exactly one takes the `_one` form
      // where there is one (Japanese counters need none, so its `_one` forms are the same words).
      const one = vars && String(vars.n) === '1' ? dict[`${key}_one` as MessageKey] : undefined;
      let s = one ?? dict[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    tx: (text) => (text ? text[lang] : ''),
  };
}

/** Returns the translator of the current URL. */
export function useI18n(): I18n {
  const { query } = useLocation();
  return makeI18n(langOf(query));
}
