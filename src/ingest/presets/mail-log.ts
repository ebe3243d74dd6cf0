// A newsletter delivery log: Cuenote FC (ユミルリンク) 配信ログ, one row per recipient of a delivery
// with the send's final status (最終ステータス). Only a delivered send (success_hopeful: the server
// answered 2xx to the message) is a contact; deferrals, failures and every other final status are
// sends that never reached the reader and are skipped. The reader is the e-mail address (lower
// case): the log has no member id. Layout, what is documented and what was decided:
// fixtures/mail-log/README.md.
import { blankSql } from '../values-sql.js';
import type { Preset } from './types.js';

/** The final status of a delivered send; any other status is not a contact. */
const DELIVERED = 'success_hopeful';

export const mailLog: Preset = {
  id: 'mail-log',
  label: {
    ja: 'Cuenote FC 配信ログ（メール配信実績）',
    en: 'Cuenote FC delivery log (e-mail sends)',
  },
  entities: ['contacts'],
  signature: ['メールアドレス', '配信日時', '最終ステータス'],
  shape: 'rows',
  columns: {
    配信ID: 'campaign_id',
    メールアドレス: 'email',
    配信日時: 'sent_at',
    最終ステータス: 'mail_status',
  },
  fields: [{ name: 'mail_status', type: 'text', checkOnly: true }],
  customerKey: 'email',
  constants: { channel: 'email' },
  // A positive list: a status word this preset does not know is a send not known to have arrived,
  // so it is skipped (and counted), never stored as a touch that did not happen.
  skipSql: (raw) => {
    const status = raw('mail_status');
    return status ? `coalesce(lower(${blankSql(status)}), '') <> '${DELIVERED}'` : 'false';
  },
  skipReason: {
    ja: '届かなかった配信（最終ステータスが success_hopeful 以外: deferral, failure など）',
    en: 'send not delivered (最終ステータス other than success_hopeful: deferral, failure, …)',
  },
  doc: {
    system: 'Cuenote FC — 配信ログ (delivery log, one row per recipient)',
    file: 'the 配信ログ download of a delivery (配信状況 › 配信ログ › 絞り込み・ダウンロード)',
    detected: 'メールアドレス, 配信日時, 最終ステータス',
    amount: '— (contacts: no amount; channel email, no cost)',
    key: 'メールアドレス, normalised (trim, NFKC, lower case): Taro@Example.jp and taro@example.jp are one reader',
    statuses:
      '最終ステータス success_hopeful → contact; deferral, failure and any other final status → row skipped (not delivered)',
  },
};
