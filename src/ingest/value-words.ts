// The words found in status and channel columns, and the canonical value each one means.
// Matching folds full-width letters and digits, case and spaces (see wordKey), so list each word
// once. Unknown status words are errors (a cancellation counted as revenue is worse than a
// stopped import); unknown contact channels are stored as `other` and reported.

/** Status words → completed / cancelled / returned. */
// prettier-ignore
export const STATUS_WORDS: Record<'completed' | 'cancelled' | 'returned', string[]> = {
  completed: [
    'completed', 'complete', 'paid', 'fulfilled', 'shipped', 'delivered', 'closed', 'done', 'ok', 'sale', 'sold', 'purchased',
    '完了', '取引完了', '受注完了', '発送済', '発送済み', '発送完了', '出荷済', '出荷済み', '出荷完了', '納品済', '納品済み',
    '配送済', '配送済み', '配達済み', '入金済', '入金済み', '決済済', '決済済み', '支払済', '支払済み', '売上', '購入', '成約', '正常',
  ],
  cancelled: [
    'cancelled', 'canceled', 'cancel', 'voided', 'void',
    'キャンセル', 'キャンセル済', 'キャンセル済み', 'ｷｬﾝｾﾙ', '取消', '取消し', '取り消し', '取消済', '取消済み', '無効',
  ],
  returned: [
    'returned', 'return', 'refunded', 'refund',
    '返品', '返品済', '返品済み', '返金', '返金済', '返金済み', '返品・返金',
  ],
};

/** Contact channel words → dm / email / line / sms / call / other. */
// prettier-ignore
export const CONTACT_CHANNEL_WORDS: Record<'dm' | 'email' | 'line' | 'sms' | 'call' | 'other', string[]> = {
  dm: ['dm', 'direct mail', 'directmail', 'catalog', 'catalogue', 'postcard', 'ダイレクトメール', 'カタログ', 'はがき', 'ハガキ', '葉書', '郵送', '郵便', 'DM便', 'チラシ同梱'],
  email: ['email', 'e-mail', 'mail magazine', 'newsletter', 'メール', 'メルマガ', 'メールマガジン', 'Eメール', '電子メール', 'メール配信'],
  line: ['line', 'ライン', 'LINE配信', 'LINE公式'],
  sms: ['sms', 'ショートメール', 'ショートメッセージ', 'SMS配信'],
  call: ['call', 'phone', 'tel', 'telephone', '電話', '架電', 'テレアポ', 'コール', 'アウトバウンド'],
  other: ['other', 'その他', 'ほか', '他'],
};

/** Currency words → ISO code (the column is checked, not stored). */
export const CURRENCY_WORDS: Record<string, string[]> = {
  JPY: ['jpy', '円', '¥', '￥', 'yen', '日本円'],
  USD: ['usd', '$', 'us$', 'ドル', '米ドル'],
  EUR: ['eur', '€', 'ユーロ'],
  GBP: ['gbp', '£', 'ポンド'],
};

/** Returns the matching key of a word: full-width ASCII folded, lower case, no spaces. */
export function wordKey(word: string): string {
  return foldFullWidth(word).toLowerCase().replace(/\s+/g, '');
}

/** Returns the text with full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded to ASCII. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Returns word key → canonical value for a dictionary. */
export function wordTable<K extends string>(words: Record<K, string[]>): Map<string, K> {
  const table = new Map<string, K>();
  for (const [value, list] of Object.entries(words) as [K, string[]][]) {
    for (const w of list) table.set(wordKey(w), value);
  }
  return table;
}
