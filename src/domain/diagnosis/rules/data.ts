// What the checkup could not judge: a history too short for year-on-year comparisons, or no
// promotion data. Info only, so that a silent diagnosis is not mistaken for a clean bill.
import { HISTORY_FOR, type RuleContext } from '../input.js';
import type { Finding } from '../types.js';

/** Returns data.short_history and data.no_contacts findings (info). */
export function dataDiagnosis({ input }: RuleContext): Finding[] {
  const r = input.data_range;
  if (!r || r.history_days === 0) return [];
  const out: Finding[] = [];
  if (r.history_days < HISTORY_FOR.prior_flows) {
    const years = (r.history_days / 365).toFixed(1);
    out.push({
      id: 'data.short_history',
      severity: 'info',
      title: {
        ja: `購入履歴が ${years} 年分のため、前年比の診断の一部を行っていません`,
        en: `${years} years of purchase history: some year-on-year diagnoses were skipped`,
      },
      evidence: { first_purchase: r.first_purchase, history_days: r.history_days },
      cause: {
        ja: `前年の稼働・購買の比較には2年、前年の新規・維持・復活の比較には3年の履歴が必要です(最初の購入 ${r.first_purchase})。`,
        en: `Comparing last year's activity and purchasing needs two years of history, last year's new, retained and reactivated customers three (first purchase ${r.first_purchase}).`,
      },
      action: {
        ja: 'さらに古い受注データがあれば取り込んでください。',
        en: 'Import older order data if you have it.',
      },
    });
  }
  if (r.contacts_total === 0) {
    out.push({
      id: 'data.no_contacts',
      severity: 'info',
      title: { ja: '販促の接触データ(DM・メール)がないため、配布診断を行っていません', en: 'No promotion contacts (DM, e-mail) imported: distribution diagnosis skipped' },
      evidence: { contacts_total: 0 },
      cause: {
        ja: '配布回数・偏り・反応率は接触データから計算します。',
        en: 'Contacts per customer, concentration and response are computed from contact data.',
      },
      action: {
        ja: 'DM・メールの送付リストを contacts として取り込んでください(kenshin import contacts)。',
        en: 'Import your DM and e-mail send lists as contacts (kenshin import contacts).',
      },
    });
  }
  return out;
}
