// Why a row was refused, in the user's words (Japanese / English). The codes are stable: the
// value SQL and the validation produce them, the report, the reject file and the API show them.
import { lit } from './sql.js';

export type ReasonCode =
  | 'required'
  | 'invalid_date'
  | 'date_out_of_range'
  | 'date_too_early'
  | 'date_in_future'
  | 'invalid_number'
  | 'too_many_decimals'
  | 'negative_not_allowed'
  | 'invalid_status'
  | 'currency_mismatch'
  | 'duplicate_key'
  | 'order_conflict'
  | 'order_has_bad_line';

/** Message templates; {field} is the canonical field, {first} a row number. */
export const REASONS: Record<ReasonCode, { ja: string; en: string }> = {
  required: { ja: '必須の値が空です', en: 'required value is empty' },
  invalid_date: {
    ja: '日付として読めません（例: 2024-01-05、2024/1/5、2024年1月5日）',
    en: 'not a date (e.g. 2024-01-05, 2024/1/5, 2024年1月5日)',
  },
  date_out_of_range: {
    ja: '日付が1900〜2100年の範囲外です',
    en: 'date outside the years 1900–2100',
  },
  date_too_early: {
    ja: '1990年1月1日より前の日付です（注文・接触・登録の日付としてありえません）',
    en: 'date before 1990-01-01 (not a plausible date for an order, contact or signup)',
  },
  date_in_future: {
    ja: '未来の日付です（明日より後の日付は取り込めません）',
    en: 'date in the future (later than tomorrow)',
  },
  invalid_number: {
    ja: '数値として読めません（例: 1234、¥1,234、1,234円、△100）',
    en: 'not a number (e.g. 1234, ¥1,234, 1,234円, △100)',
  },
  too_many_decimals: {
    ja: '小数点以下が4桁を超えています（金額・数量は小数4桁まで保存します。丸めずに止めています）',
    en: 'more than 4 decimal places (amounts and quantities are stored to 4; not rounded silently)',
  },
  negative_not_allowed: { ja: '負の値は使えません', en: 'must not be negative' },
  invalid_status: {
    ja: '不明なステータスです（完了・キャンセル・返品 などが使えます）',
    en: 'unknown status (use completed, cancelled, returned, 完了, キャンセル, 返品, …)',
  },
  currency_mismatch: {
    ja: '通貨が設定の通貨と異なります',
    en: 'currency differs from the business currency',
  },
  duplicate_key: {
    ja: '{field} が同じで値の異なる行があります（最初は {first} 行目）',
    en: 'duplicate {field} with different values, first at row {first}',
  },
  order_conflict: {
    ja: '同じ注文の明細で {field} が食い違っています（最初は {first} 行目）',
    en: 'lines of the same order disagree on {field}, first at row {first}',
  },
  order_has_bad_line: {
    ja: '同じ注文の明細に不正な行があります（{first} 行目）',
    en: 'another line of this order is invalid (row {first})',
  },
};

/** Returns the message of a reason in both languages ("日本語 / English"). */
export function reasonText(code: string, field?: string, first?: number | bigint | null): string {
  const r = REASONS[code as ReasonCode];
  if (!r) return code;
  const fill = (t: string) =>
    t
      .replace('{field}', field ?? '')
      .replace('{first}', first === null || first === undefined ? '?' : String(first));
  return `${fill(r.ja)} / ${fill(r.en)}`;
}

/** Returns SQL computing reasonText from SQL expressions for the code, the field and the first row. */
export function reasonSql(code: string, field: string, first: string): string {
  const part = (template: string) =>
    template
      .split(/(\{field\}|\{first\})/)
      .filter((p) => p !== '')
      .map((p) =>
        p === '{field}'
          ? `coalesce(${field}, '')`
          : p === '{first}'
            ? `coalesce(CAST(${first} AS VARCHAR), '?')`
            : lit(p),
      )
      .join(' || ');
  const whens = Object.entries(REASONS)
    .map(([c, r]) => `WHEN ${lit(c)} THEN ${part(r.ja)} || ' / ' || ${part(r.en)}`)
    .join(' ');
  return `CASE ${code} ${whens} ELSE ${code} END`;
}
