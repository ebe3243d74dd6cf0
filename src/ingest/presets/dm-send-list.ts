// A DM (direct mail / catalogue) vendor's 発送リスト: the list a 発送代行 or printer returns after a
// mailing, one row per piece mailed, with the shop's 顧客番号, the address printed, 発送日, 企画名
// and the 単価 of a piece. Every row is a contact on channel dm (the file has no channel column),
// keyed by 顧客番号; 企画名 is the campaign; 単価 its cost per piece. The address columns are not
// contact fields: they are left to the customers file (postal codes stay text, leading zero and
// all). Layout and sources: fixtures/dm-send-list/README.md.
import type { Preset } from './types.js';

export const dmSendList: Preset = {
  id: 'dm-send-list',
  label: { ja: 'DM発送リスト（発送代行の発送データ）', en: 'DM send list (mailing vendor)' },
  entities: ['contacts'],
  signature: ['顧客番号', '郵便番号', '発送日', '企画名'],
  shape: 'rows',
  columns: {
    顧客番号: 'customer_id',
    発送日: 'sent_at',
    企画名: 'campaign_id',
    // Printing and postage of one piece, as the vendor bills it (decimals kept exact).
    単価: 'cost',
  },
  customerKey: 'id',
  constants: { channel: 'dm' },
  doc: {
    system: 'DM 発送代行 / 印刷会社 — 発送リスト (one row per piece mailed)',
    file: "the vendor's 発送データ / 発送リスト CSV returned after the mailing",
    detected: '顧客番号, 郵便番号, 発送日, 企画名',
    amount: "— (contacts: 単価, the cost of one piece, is the contact's cost)",
    key: "顧客番号 (the shop's customer number the list was extracted with)",
    statuses: '— (every row is a piece mailed: channel dm; 企画名 → campaign)',
  },
};
