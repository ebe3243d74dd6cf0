// The language comes from the URL (?lang=en; Japanese by default).
import { useLocation } from '../state/url';
import { MESSAGES, type Lang, type MessageKey } from './messages';

export type { Lang, MessageKey };

export interface I18n {
  lang: Lang;
  /** Returns the message, with {name} placeholders filled. */
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
      let s = dict[key] ?? key;
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
