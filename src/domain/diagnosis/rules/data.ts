// What the checkup could not judge: a history too short for year-on-year comparisons, no
// promotion data, orders it had to leave out for their impossible dates. Said out loud, so that a
// silent diagnosis is not mistaken for a clean bill.
import { EARLIEST_EVENT_DATE } from '../../dates.js';
import { HISTORY_FOR, type RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { dataCheck } from '../tests.js';

/**
 * Returns true when the business has orders but no identified customer: every figure per customer
 * is then empty, and rating it would call a healthy shop the worst (its customer column was not read).
 */
export function noIdentifiedCustomers(input: RuleContext['input']): boolean {
  const m = input.metrics;
  return m.active_customers === 0 && m.retention_base === 0 && m.unattributed_revenue !== 0;
}

/**
 * Returns data.no_customers (critical: nothing else is judged), data.implausible_dates and
 * data.future_dates (warning), data.short_history and data.no_contacts (info).
 */
export function dataDiagnosis({ input }: RuleContext): Finding[] {
  if (noIdentifiedCustomers(input)) return [noCustomersFinding(input.metrics.unattributed_revenue)];
  const r = input.data_range;
  const out: Finding[] = r?.implausible_orders ? [implausibleFinding(r)] : [];
  const q = input.data_quality;
  if (q?.future_orders) out.push(futureFinding(q.future_orders, q.future_latest));
  if (!r || r.history_days === 0) return out;
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
      test: dataCheck({
        ja: `購入履歴 ${r.history_days} 日 < ${HISTORY_FOR.prior_flows} 日`,
        en: `purchase history of ${r.history_days} days < ${HISTORY_FOR.prior_flows} days`,
      }),
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
      title: {
        ja: '販促の接触データ(DM・メール)がないため、配布診断を行っていません',
        en: 'No promotion contacts (DM, e-mail) imported: distribution diagnosis skipped',
      },
      evidence: { contacts_total: 0 },
      test: dataCheck({ ja: '接触データ 0 件', en: 'no contact records' }),
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

// Orders dated before 1990 (a 1900-01-01 placeholder) are left out of every figure: say so, so
// that the user fixes the dates instead of trusting a history that silently lost orders.
function implausibleFinding(r: NonNullable<RuleContext['input']['data_range']>): Finding {
  const n = r.implausible_orders;
  return {
    id: 'data.implausible_dates',
    severity: 'warning',
    title: {
      ja: `${EARLIEST_EVENT_DATE} より前の日付の注文が ${n} 件あり、集計から除いています`,
      en: `${n} order${n === 1 ? '' : 's'} dated before ${EARLIEST_EVENT_DATE} left out of every figure`,
    },
    evidence: { implausible_orders: n, implausible_first: r.implausible_first },
    test: dataCheck({
      ja: `注文日 < ${EARLIEST_EVENT_DATE} の注文 ${n} 件`,
      en: `${n} order(s) dated before ${EARLIEST_EVENT_DATE}`,
    }),
    cause: {
      ja: `注文日 ${r.implausible_first} などは取引の日付としてありえません(入力ミスや仮の日付)。これらの注文は購入・売上・履歴のどれにも数えていません。`,
      en: `Order dates such as ${r.implausible_first} cannot be real (a typing error or a placeholder). These orders count in no purchase, revenue or history figure.`,
    },
    action: {
      ja: '元のファイルで日付を直し、kenshin import orders で取り込み直してください(今の取り込みは1990年より前の日付を受け付けません)。',
      en: 'Fix the dates in the source file and import it again with kenshin import orders (imports now refuse dates before 1990).',
    },
  };
}

// Orders dated after the day the checkup ran: a date read in the wrong format or a mistyped
// year. They are in no figure of an as-of date before them, but they move the last order date.
function futureFinding(n: number, latest: string | null): Finding {
  return {
    id: 'data.future_dates',
    severity: 'warning',
    title: {
      ja: `未来の日付の注文が ${n} 件あります(最も遅いもの ${latest})`,
      en: `${n} order${n === 1 ? '' : 's'} dated in the future (the latest ${latest})`,
    },
    evidence: { future_orders: n, future_latest: latest },
    test: dataCheck({
      ja: `健診の実行日より後の注文 ${n} 件`,
      en: `${n} order(s) dated after the day the checkup ran`,
    }),
    cause: {
      ja: '注文日が健診を実行した日より後になっています。日付の形式(月と日の順など)や年の入力ミスが考えられます。最終注文日を基準日にすると、この日付まで進んでしまいます。',
      en: 'Their order dates are after the day the checkup ran: a date format read the wrong way round (month and day) or a mistyped year. They also move the last order date, the default as-of date.',
    },
    action: {
      ja: '元のファイルで日付を確認し、必要なら --date-format を付けて kenshin import orders で取り込み直してください。',
      en: 'Check the dates in the source file and import it again with kenshin import orders, with --date-format if needed.',
    },
  };
}

function noCustomersFinding(unattributed: number): Finding {
  return {
    id: 'data.no_customers',
    severity: 'critical',
    title: {
      ja: '顧客が特定された注文がありません: 顧客の列を指定して取り込み直してください',
      en: 'No identified customers: map the customer column and import again',
    },
    evidence: { active_customers: 0, unattributed_revenue: unattributed },
    test: dataCheck({
      ja: '顧客が特定された注文 0 件',
      en: 'no order with an identified customer',
    }),
    cause: {
      ja: 'すべての注文がゲスト(顧客なし)として保存されています。顧客ID・メールアドレスの列が読まれていないため、稼働顧客・維持率などは判定できません。',
      en: 'Every order is stored as a guest (no customer): the customer id or e-mail column was not read, so active customers, retention and the rest cannot be judged.',
    },
    action: {
      ja: 'kenshin import orders ファイル --dry-run で顧客の列を確認し、--map "列=customer_id" または "列=email" を付けて取り込み直してください。',
      en: 'Run kenshin import orders FILE --dry-run to find the customer column, then import again with --map "column=customer_id" or "column=email".',
    },
  };
}
