// What an API error says to the person: words chosen by its stable code (src/server/errors.ts,
// src/report/errors.ts), in Japanese and English. A code the dashboard does not know falls back
// to the server's own words for it, which are written for users too.
import type { ApiError } from '../api/client';
import type { Lang } from './messages';

type Words = { ja: string; en: string };

const BY_CODE: Record<string, Words> = {
  network: {
    ja: 'サーバーに接続できません。ネットワークとサーバーの状態を確認してください。',
    en: 'The server cannot be reached. Check the network and that the server is running.',
  },
  auth_required: {
    ja: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    en: 'Your session has ended. Please sign in again.',
  },
  forbidden: {
    ja: 'この画面を見る権限がありません。管理者に権限を依頼してください。',
    en: 'Your role may not see this. Ask an administrator for access.',
  },
  no_checkup: {
    ja: 'この日付の健診結果はありません。',
    en: 'There is no checkup for this date.',
  },
  not_found: { ja: '見つかりません。', en: 'Not found.' },
  rate_limited: {
    ja: '操作が続けて行われました。1分ほど待ってからもう一度お試しください。',
    en: 'Too many attempts. Wait a minute and try again.',
  },
  csrf_missing: {
    ja: '画面の有効期限が切れました。再読み込みしてください。',
    en: 'This page has expired. Reload it.',
  },
  csrf_invalid: {
    ja: '画面の有効期限が切れました。再読み込みしてください。',
    en: 'This page has expired. Reload it.',
  },
  internal: {
    ja: 'サーバーでエラーが起きました。しばらくしてからもう一度お試しください。続く場合はサーバーのログを確認してください。',
    en: 'The server had an error. Try again shortly; if it persists, see the server log.',
  },
};

/** Returns the user's words for an API error. */
export function errorWords(error: ApiError, lang: Lang): string {
  const known = BY_CODE[error.code];
  if (known) return known[lang];
  const server = lang === 'ja' ? error.messageJa : error.message;
  return server || BY_CODE.internal[lang];
}

/** Returns whether trying the same request again can help (not for a refusal or a missing thing). */
export function canRetry(error: ApiError): boolean {
  return ![400, 401, 403, 404, 422].includes(error.status);
}
