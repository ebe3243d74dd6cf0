// The short readable summary of a checkup for the terminal, in Japanese or English.
import type { CheckupReport } from '../checkup/report.js';
import { percent, rateEvidence, readRate } from '../report/format.js';

export type Lang = 'ja' | 'en';

const LABELS = {
  ja: {
    title: '顧客健診',
    as_of: '基準日',
    active: '稼働顧客数',
    revenue: '年間売上(顧客)',
    unattributed: '顧客不明売上',
    ltv: '年間LTV',
    retention: '顧客維持率',
    flows: '増減の内訳',
    new: '新規',
    retained: '維持',
    reactivated: '復活',
    churned: '離脱',
    contacts: '一人当り配布回数',
    five: '5つの数',
    total: '総顧客数',
    existing: '既存顧客数',
    newc: '新規顧客数',
    existing_avg: '既存顧客単価',
    new_avg: '新規顧客単価',
    vs: '前年',
    findings: '所見',
    none: 'なし',
  },
  en: {
    title: 'Customer health checkup',
    as_of: 'As of',
    active: 'Active customers',
    revenue: 'Annual revenue (customers)',
    unattributed: 'Unattributed revenue',
    ltv: 'Annual LTV',
    retention: 'Retention rate',
    flows: 'Flows',
    new: 'new',
    retained: 'retained',
    reactivated: 'reactivated',
    churned: 'churned',
    contacts: 'Contacts per active',
    five: 'Five numbers',
    total: 'Total customers',
    existing: 'Existing customers',
    newc: 'New customers',
    existing_avg: 'Existing avg spend',
    new_avg: 'New avg spend',
    vs: 'last year',
    findings: 'Findings',
    none: 'none',
  },
} as const;

/** Returns `n` formatted with thousands separators ('—' for null). */
export function fmtNumber(n: number | null, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}


/** Returns the retention rate with its n, or "too few to judge (n=4)". */
function retention(report: CheckupReport, lang: Lang): string {
  const m = report.metrics;
  const r = readRate(m.retention_rate, m.retention_base, report.min_rate_base);
  if (m.retention_rate === null || !r.judged) return rateEvidence(r, lang) || '—';
  return `${percent(m.retention_rate)} (${rateEvidence(r, lang)})`;
}

/** Returns the multi-line summary of a report. */
export function formatSummary(report: CheckupReport, lang: Lang = 'ja'): string {
  const L = LABELS[lang];
  const m = report.metrics;
  const p = report.metrics_prev_year;
  const cur = report.business.currency === 'JPY' ? '¥' : `${report.business.currency} `;
  const money = (n: number | null) => (n === null ? '—' : cur + fmtNumber(n));
  const f = report.five_numbers;
  const lines = [
    `${L.title} — ${report.business.name} — ${L.as_of} ${report.as_of}`,
    `${L.active}: ${fmtNumber(m.active_customers)} (${L.vs} ${fmtNumber(p.active_customers)})`,
    `${L.revenue}: ${money(m.annual_revenue)} = ${L.ltv} ${money(m.annual_ltv)} × ${fmtNumber(m.active_customers)}`,
    `${L.unattributed}: ${money(m.unattributed_revenue)}`,
    `${L.retention}: ${retention(report, lang)} (${L.vs} ${percent(p.retention_rate)})`,
    `${L.flows}: ${L.new} ${fmtNumber(m.flows.new)} / ${L.retained} ${fmtNumber(m.flows.retained)} / ${L.reactivated} ${fmtNumber(m.flows.reactivated)} / ${L.churned} ${fmtNumber(m.flows.churned)}`,
    `${L.contacts}: ${fmtNumber(m.contacts_per_active, 1)}`,
    `${L.five} (${f.month}${f.month_to_date ? ' MTD' : ''}): ${L.total} ${fmtNumber(f.total_customers)} / ${L.existing} ${fmtNumber(f.existing_customers)} / ${L.newc} ${fmtNumber(f.new_customers)} / ${L.existing_avg} ${money(f.existing_avg_spend)} / ${L.new_avg} ${money(f.new_avg_spend)}`,
    `${L.findings}: ${report.findings.length ? report.findings.length : L.none}`,
    ...report.findings.map((f) => `  [${f.severity}] ${f.title[lang]}`),
  ];
  return lines.join('\n');
}
