// Words of the import page for the importer's code names: entities, fields, status words,
// customer-key rules and row-error reasons, in the user's language (the i18n files), with the
// code name kept only as secondary text where it helps (it is what `kenshin import` takes).
import type { I18n, MessageKey } from '../../i18n';
import { MESSAGES } from '../../i18n/messages';

const has = (i18n: I18n, key: string): key is MessageKey => key in MESSAGES[i18n.lang];

/** Returns the name of an entity (orders → 注文). */
export function entityLabel(i18n: I18n, entity: string): string {
  const key = `entity_${entity.replace(/-/g, '_')}`;
  return has(i18n, key) ? i18n.t(key) : entity;
}

/** Returns the name of a stored table (order_items → 注文明細). */
export function tableLabel(i18n: I18n, table: string): string {
  return entityLabel(i18n, table);
}

/** Returns the name of a field of an entity (order_id → 注文番号), or null for a field it does not know. */
export function fieldName(i18n: I18n, entity: string, field: string): string | null {
  const own = `fld_${entity.replace(/-/g, '_')}_${field}`;
  if (has(i18n, own)) return i18n.t(own);
  const key = `fld_${field}`;
  return has(i18n, key) ? i18n.t(key) : null;
}

/** Returns the name of a field, or its code name when there is none yet (a new preset's own field). */
export function fieldLabel(i18n: I18n, entity: string, field: string): string {
  return fieldName(i18n, entity, field) ?? field;
}

/** Returns the name of a stored status (cancelled → キャンセル). */
export function statusLabel(i18n: I18n, status: string): string {
  const key = `status_${status}`;
  return has(i18n, key) ? i18n.t(key) : status;
}

/** Returns the words of a customer-key rule. */
export function keyRuleLabel(i18n: I18n, rule: string): string {
  const key = `key_${rule}`;
  return has(i18n, key) ? i18n.t(key) : rule;
}

/** Returns a row error's reason in the user's language (the importer's words when the code is new). */
export function reasonLabel(i18n: I18n, code: string | undefined, message: string): string {
  const key = `reason_${code}`;
  if (code && has(i18n, key)) return i18n.t(key);
  const cut = message.indexOf(' / ');
  if (cut < 0) return message;
  return i18n.lang === 'ja' ? message.slice(0, cut) : message.slice(cut + 3);
}

const ENCODINGS: Record<string, string> = {
  utf8: 'enc_utf8',
  cp932: 'enc_sjis',
  sjis: 'enc_sjis',
  eucjp: 'enc_eucjp',
  utf16: 'enc_utf16',
  utf16le: 'enc_utf16',
  utf16be: 'enc_utf16',
};

/** Returns the name of an encoding (cp932 → Shift_JIS（CP932）). */
export function encodingLabel(i18n: I18n, encoding: string | undefined): string {
  const key = ENCODINGS[encoding ?? ''];
  return key && has(i18n, key) ? i18n.t(key) : (encoding ?? '');
}

const DELIMITERS: Record<string, string> = {
  ',': 'delim_comma',
  tab: 'delim_tab',
  ';': 'delim_semicolon',
  '|': 'delim_pipe',
};

/** Returns the name of a delimiter (tab → タブ). */
export function delimiterLabel(i18n: I18n, delimiter: string | undefined): string {
  const key = DELIMITERS[delimiter ?? ''];
  return key && has(i18n, key) ? i18n.t(key) : (delimiter ?? '');
}

/** Returns a share as a percentage with one decimal. */
export function pct(part: number, whole: number): string {
  return whole ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}
