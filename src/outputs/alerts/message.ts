// The alert messages: a subject, a plain text and an HTML body — Japanese first, English
// below — for new findings (or the daily digest), a failed inbox import, a failed daily run
// and a test. A checkup message carries the headline numbers with their arrows, the top
// findings with their causes and actions, the chart of the last year (inline image), the link
// to the dashboard and the day's workbook. The webhook sends `findings` as structured JSON.
import type { Finding, Severity } from '../../domain/diagnosis/types.js';
import type { CheckupReport } from '../../checkup/report.js';
import { t, severityName, type LabelLang } from '../../domain/labels/index.js';
import { evidenceName } from '../evidence.js';
import { headlineKpis, type Kpi } from '../kpis.js';
import type { MetricsBefore } from '../../checkup/metrics-before.js';
import { fmtChange, fmtKpi, fmtValue, wrapText } from './format.js';
import { messageHtml, type HtmlBlock } from './html.js';

export type AlertKind = 'new' | 'digest' | 'import_failed' | 'daily_failed' | 'test';

/** A finding as sent: the report's finding with the day its episode began and whether it is new today. */
export interface AlertFinding extends Finding {
  as_of: string;
  began?: string;
  new: boolean;
}

export interface AlertMessage {
  kind: AlertKind;
  business: string;
  /** The checkup date the message is about (null: none, e.g. a run that failed before). */
  as_of: string | null;
  subject: string;
  text: string;
  html: string;
  findings: AlertFinding[];
  /** The dashboard page the message points at, or null without settings.alerts.public_url. */
  link: string | null;
  /** A PNG shown in the HTML body (`cid:` reference). */
  inline?: { cid: string; png_base64: string; alt: string };
  /** The day's workbook, attached when the file is there and small enough at sending time. */
  attach?: { path: string; filename: string; max_bytes: number };
  /** Structured extras for the webhook (a failed import's file and errors, a failed run's error). */
  data?: Record<string, unknown>;
}

export interface MessageInput {
  business: string;
  as_of: string;
  kind: 'new' | 'digest';
  findings: AlertFinding[];
  /** Where the day's workbook was written, if it was. */
  workbook?: string;
  /** The report: the headline numbers come from it (without it, only the findings). */
  report?: CheckupReport;
  metrics_before?: MetricsBefore;
  public_url?: string | null;
  /** PNG of the chart of the last year, shown inline. */
  chart_png?: Buffer;
  attach_max_bytes?: number;
}

const LANGS: LabelLang[] = ['ja', 'en'];
/** Findings in the message at most (the rest are counted and on the dashboard). */
const TOP = 5;

/** Returns the dashboard link of a page in a language, or null without a public URL. */
export function dashboardLink(
  publicUrl: string | null | undefined,
  path: string,
  lang: LabelLang,
): string | null {
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}${path}?lang=${lang}`;
}

/** Returns an evidence value as text (rates in %, money in yen, counts with separators). */
function evidenceValue(k: string, v: number | string | null, currency: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (/(^|_)(rate|change|share)(_|$)/.test(k) && Math.abs(v) <= 5) return fmtValue('rate', v);
  if (/(revenue|ltv|cost|cpa|spend|amount|value|profit)(_|$)/.test(k))
    return fmtValue('money', v, currency);
  return Number.isInteger(v) ? fmtValue('int', v) : fmtValue('dec', v);
}

/** Returns the evidence of a finding as "name value · name value", named from the dictionary where it can be. */
function evidenceLine(f: Finding, lang: LabelLang, currency: string): string {
  return Object.entries(f.evidence)
    .filter(([k, v]) => typeof v === 'number' && evidenceName(k, lang) !== null)
    .slice(0, 6)
    .map(([k, v]) => `${evidenceName(k, lang)} ${evidenceValue(k, v, currency)}`)
    .join(' · ');
}

/** Returns the count of findings per severity as "重大 1 / 警告 2". */
function counts(fs: AlertFinding[], lang: LabelLang): string {
  const order: Severity[] = ['critical', 'warning', 'info'];
  return order
    .map((s) => [s, fs.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${severityName(s, lang)} ${n}`)
    .join(' / ');
}

/** Returns the KPI lines of one language: name, value, the change against last year and yesterday. */
function kpiLines(kpis: Kpi[], lang: LabelLang, currency: string): string[] {
  return kpis.map((k) => {
    const parts = [`${t(lang, k.key)} ${fmtKpi(k, lang, currency)}`];
    const y = fmtChange(k, k.before[365], currency);
    if (y) parts.push(`${t(lang, 'change_365d')} ${y}`);
    const d = fmtChange(k, k.before[1], currency);
    if (d) parts.push(`${t(lang, 'change_1d')} ${d}`);
    return `  ${parts.join('  ')}`;
  });
}

/** Returns one finding as text lines in a language. */
function findingLines(f: AlertFinding, lang: LabelLang, currency: string): string[] {
  const since =
    f.began && f.began !== f.as_of ? ` (${t(lang, 'al_since', { date: f.began })})` : '';
  const isNew = f.new ? `[${t(lang, 'al_new')}] ` : '';
  const ev = evidenceLine(f, lang, currency);
  return [
    `${isNew}[${severityName(f.severity, lang)}] ${f.title[lang]}${since}`,
    `  ${t(lang, 'cause')}: ${f.cause[lang]}`,
    `  ${t(lang, 'action')}: ${f.action[lang]}`,
    `  ${t(lang, 'finding_test')}: ${f.test[lang]}`,
    ...(ev ? [`  ${t(lang, 'evidence')}: ${ev}`] : []),
  ];
}

/** Returns the subject of a checkup message. */
function subjectOf(m: MessageInput): string {
  if (m.kind === 'digest')
    return `[kenshin] ${m.business} ${m.as_of} ${t('ja', 'al_digest')} / ${t('en', 'al_digest')}: ${counts(m.findings, 'ja') || t('ja', 'al_all_clear')}`;
  const n = m.findings.length;
  return `[kenshin] ${m.business} ${m.as_of} ${t('ja', 'al_new_findings', { n })} / ${t('en', 'al_new_findings', { n })}: ${m.findings[0]?.title.ja ?? ''}`;
}

/** Returns the opening sentence of a checkup message. */
function lead(m: MessageInput, lang: LabelLang): string {
  const digest = m.kind === 'digest';
  if (lang === 'ja')
    return `${m.business} の顧客健診(基準日 ${m.as_of})${digest ? 'の所見一覧です。' : 'で新しい問題が見つかりました。'}`;
  return `Customer health checkup of ${m.business} as of ${m.as_of}: ${digest ? 'all open findings.' : 'new problems were found.'}`;
}

/** Returns the workbook line of a language (attached, or too large to attach). */
function workbookLine(m: MessageInput, lang: LabelLang, attached: boolean): string | null {
  if (!m.workbook) return null;
  const name = m.workbook.split(/[\\/]/).pop()!;
  return attached
    ? `${t(lang, 'al_workbook_attached')}: ${name}`
    : `${t(lang, 'al_workbook_at')}: ${m.workbook}`;
}

/** Returns the subject, text and HTML of an alert or digest message about a checkup. */
export function alertMessage(m: MessageInput): AlertMessage {
  const currency = m.report?.business.currency ?? 'JPY';
  const kpis = m.report ? headlineKpis(m.report, m.metrics_before) : [];
  const top = m.findings.slice(0, TOP);
  const more = m.findings.length - top.length;
  const attach = m.workbook && (m.attach_max_bytes ?? 0) > 0;
  const text: string[] = [];
  const blocks: HtmlBlock[] = [];
  for (const lang of LANGS) {
    const link = dashboardLink(m.public_url, '/findings', lang);
    if (lang === 'en') text.push('----', '');
    text.push(lead(m, lang), '');
    if (kpis.length) text.push(t(lang, 'wb_kpis'), ...kpiLines(kpis, lang, currency), '');
    text.push(t(lang, 'al_top_findings'));
    if (!top.length) text.push(t(lang, 'al_all_clear'));
    for (const f of top) text.push(...findingLines(f, lang, currency), '');
    if (more > 0) text.push(lang === 'ja' ? `ほか ${more}件` : `and ${more} more`, '');
    if (link) text.push(`${t(lang, 'al_open_dashboard')}: ${link}`);
    const wb = workbookLine(m, lang, !!attach);
    if (wb) text.push(wb);
    text.push('');
    blocks.push({
      lang,
      lead: lead(m, lang),
      kpis: kpis.map((k) => ({
        name: t(lang, k.key),
        value: fmtKpi(k, lang, currency),
        changes: (
          [
            [365, 'change_365d'],
            [1, 'change_1d'],
          ] as const
        )
          .map(([back, key]) => ({
            label: t(lang, key),
            text: fmtChange(k, k.before[back], currency),
            tone: tone(k, k.before[back]),
          }))
          .filter(
            (c): c is { label: string; text: string; tone: 'good' | 'bad' | 'neutral' } =>
              c.text !== null,
          ),
      })),
      kpiTitle: t(lang, 'wb_kpis'),
      findingsTitle: t(lang, 'al_top_findings'),
      findings: top.map((f) => ({
        severity: f.severity,
        badge: `${f.new ? `${t(lang, 'al_new')} · ` : ''}${severityName(f.severity, lang)}`,
        title: f.title[lang],
        rows: [
          [t(lang, 'cause'), f.cause[lang]],
          [t(lang, 'action'), f.action[lang]],
          [t(lang, 'finding_test'), f.test[lang]],
        ],
        evidence: evidenceLine(f, lang, currency),
      })),
      empty: t(lang, 'al_all_clear'),
      more: more > 0 ? (lang === 'ja' ? `ほか ${more}件` : `and ${more} more`) : null,
      chart:
        m.chart_png && lang === 'ja'
          ? { cid: 'chart@kenshin', alt: t(lang, 'wb_series_365') }
          : null,
      link: link ? { href: link, text: t(lang, 'al_open_dashboard') } : null,
      note: workbookLine(m, lang, !!attach),
    });
  }
  const subject = subjectOf(m);
  return {
    kind: m.kind,
    business: m.business,
    as_of: m.as_of,
    subject,
    text: wrapText(text.join('\n').trimEnd()) + '\n',
    html: messageHtml(subject, blocks),
    findings: m.findings,
    link: dashboardLink(m.public_url, '/findings', 'ja'),
    ...(m.chart_png
      ? {
          inline: {
            cid: 'chart@kenshin',
            png_base64: m.chart_png.toString('base64'),
            alt: t('ja', 'wb_series_365'),
          },
        }
      : {}),
    ...(attach
      ? {
          attach: {
            path: m.workbook!,
            filename: m.workbook!.split(/[\\/]/).pop()!,
            max_bytes: m.attach_max_bytes!,
          },
        }
      : {}),
  };
}

/** Returns the tone of a change for colouring. */
function tone(k: Kpi, prev: number | null): 'good' | 'bad' | 'neutral' {
  if (k.value === null || prev === null || k.better === 'neutral' || k.value === prev)
    return 'neutral';
  return k.value > prev ? 'good' : 'bad';
}

export interface NoticeInput {
  kind: 'import_failed' | 'daily_failed' | 'test';
  business: string;
  as_of?: string | null;
  /** Label/value rows in each language, shown under the lead. */
  rows: { ja: [string, string][]; en: [string, string][] };
  public_url?: string | null;
  data?: Record<string, unknown>;
}

/** Returns a notice (a failed import, a failed daily run, a test) as a message. */
export function noticeMessage(n: NoticeInput): AlertMessage {
  const title = {
    import_failed: 'al_import_failed',
    daily_failed: 'al_daily_failed',
    test: 'al_test',
  } as const;
  const leadKey = {
    import_failed: 'al_import_failed_lead',
    daily_failed: 'al_daily_failed_lead',
    test: 'al_test_lead',
  } as const;
  const path = n.kind === 'import_failed' ? '/import' : '/';
  const subject = `[kenshin] ${n.business}${n.as_of ? ` ${n.as_of}` : ''} ${t('ja', title[n.kind])} / ${t('en', title[n.kind])}`;
  const text: string[] = [];
  const blocks: HtmlBlock[] = [];
  for (const lang of LANGS) {
    const link = dashboardLink(n.public_url, path, lang);
    if (lang === 'en') text.push('----', '');
    text.push(`${t(lang, title[n.kind])}: ${n.business}`, t(lang, leadKey[n.kind]), '');
    for (const [k, v] of n.rows[lang]) text.push(`${k}:`, ...v.split('\n').map((l) => `  ${l}`));
    if (link) text.push('', `${t(lang, 'al_open_dashboard')}: ${link}`);
    text.push('');
    blocks.push({
      lang,
      lead: `${t(lang, title[n.kind])} — ${t(lang, leadKey[n.kind])}`,
      kpis: [],
      kpiTitle: '',
      findingsTitle: '',
      findings: [],
      empty: null,
      more: null,
      rows: n.rows[lang],
      chart: null,
      link: link ? { href: link, text: t(lang, 'al_open_dashboard') } : null,
      note: null,
    });
  }
  return {
    kind: n.kind,
    business: n.business,
    as_of: n.as_of ?? null,
    subject,
    text: wrapText(text.join('\n').trimEnd()) + '\n',
    html: messageHtml(subject, blocks),
    findings: [],
    link: dashboardLink(n.public_url, path, 'ja'),
    data: n.data,
  };
}
