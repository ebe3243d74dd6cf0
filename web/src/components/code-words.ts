// Code words of the report (a contact channel, a ladder stage, a recency band, "unknown") in the
// user's words: a code is a key, never something a person should have to read.
import type { I18n, MessageKey } from '../i18n';

const CHANNELS = ['dm', 'email', 'line', 'sms', 'call', 'other'];
const STAGES = ['prospect', 'first_purchase', 'repeat', 'loyal', 'advocate'];

/** Returns a contact channel's name ("dm" → DM); other values are the user's own words. */
export function channelWords(c: string, t: I18n['t']): string {
  if (c === 'unknown') return t('unknown');
  return CHANNELS.includes(c) ? t(`channel_${c}` as MessageKey) : c;
}

/** Returns a ladder stage's name ("first_purchase" → 初回購入). */
export function stageWords(s: string, t: I18n['t']): string {
  return STAGES.includes(s) ? t(`stage_${s}` as MessageKey) : s;
}

/**
 * Returns a churn-breakdown value in words: "1.0 first_purchase" → "1.0 初回購入", a recency band
 * "31-90" → "31–90日", "unknown" → 不明; a channel or product as it is.
 */
export function churnValueWords(v: string, t: I18n['t']): string {
  if (v === 'unknown') return t('unknown');
  const level = /^(\d\.\d) (\w+)$/.exec(v);
  if (level) return `${level[1]} ${stageWords(level[2], t)}`;
  const band = /^(\d+)-(\d+)$/.exec(v);
  if (band) return t('days_band', { from: band[1], to: band[2] });
  return channelWords(v, t);
}

/** Returns an order status in words ("completed" → 完了); the stored words are codes. */
export function statusWords(s: string, t: I18n['t']): string {
  return ['completed', 'cancelled', 'returned'].includes(s) ? t(`order_${s}` as MessageKey) : s;
}
