// The alert message: a subject and a plain text, Japanese first and English below, listing
// each finding with its numbers, cause and recommended action. The same text is the webhook's
// Slack-compatible `text`; the findings also go as JSON for machines.
import type { Finding, Severity } from '../../domain/diagnosis/types.js';

export interface AlertMessage {
  subject: string;
  text: string;
  findings: AlertFinding[];
}

/** A finding as sent: the report's finding with the day its episode began and whether it is new today. */
export interface AlertFinding extends Finding {
  as_of: string;
  began?: string;
  new: boolean;
}

export interface MessageInput {
  business: string;
  as_of: string;
  kind: 'new' | 'digest';
  findings: AlertFinding[];
  /** Where the day's workbook was written, if it was. */
  workbook?: string;
}

const SEV = {
  ja: { critical: '重大', warning: '警告', info: '情報' },
  en: { critical: 'CRITICAL', warning: 'WARNING', info: 'info' },
} as const;

/** Returns a number or rate of the evidence as text (rates in %, others with separators). */
function show(k: string, v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (/(^|_)(rate|change|share)(_|$)/.test(k) && Math.abs(v) <= 5)
    return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2);
}

/** Returns one finding in one language as text lines. */
function block(f: AlertFinding, lang: 'ja' | 'en'): string[] {
  const ev = Object.entries(f.evidence)
    .slice(0, 8)
    .map(([k, v]) => `${k}=${show(k, v)}`)
    .join(', ');
  const since =
    f.began && f.began !== f.as_of
      ? lang === 'ja'
        ? `(${f.began}から継続)`
        : ` (open since ${f.began})`
      : '';
  const isNew = f.new ? (lang === 'ja' ? '【新規】' : '[NEW] ') : '';
  return [
    `${isNew}[${SEV[lang][f.severity]}] ${f.title[lang]}${since}`,
    `  ${lang === 'ja' ? '原因' : 'Cause'}: ${f.cause[lang]}`,
    `  ${lang === 'ja' ? '対策' : 'Action'}: ${f.action[lang]}`,
    `  ${lang === 'ja' ? '数値' : 'Numbers'}: ${ev}  (${f.id})`,
  ];
}

/** Returns the count of findings per severity as "重大 1 / 警告 2". */
function counts(fs: AlertFinding[], lang: 'ja' | 'en'): string {
  const order: Severity[] = ['critical', 'warning', 'info'];
  return order
    .map((s) => [s, fs.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${SEV[lang][s]} ${n}`)
    .join(' / ');
}

/** Returns the subject and text of an alert or digest message. */
export function alertMessage(m: MessageInput): AlertMessage {
  const digest = m.kind === 'digest';
  const subject = digest
    ? `[kenshin] ${m.business} ${m.as_of} 健診ダイジェスト / daily digest: ${counts(m.findings, 'ja') || '所見なし'}`
    : `[kenshin] ${m.business} ${m.as_of} 新しい所見 ${m.findings.length}件 / ${m.findings.length} new finding(s): ${m.findings[0]?.title.ja ?? ''}`;
  const ja = [
    `${m.business} の顧客健診(基準日 ${m.as_of})${digest ? 'の所見一覧です。' : 'で新しい問題が見つかりました。'}`,
    '',
    ...(m.findings.length
      ? m.findings.flatMap((f) => [...block(f, 'ja'), ''])
      : ['所見はありません。', '']),
  ];
  const en = [
    `Customer health checkup of ${m.business} as of ${m.as_of}: ${digest ? 'all open findings.' : 'new problems were found.'}`,
    '',
    ...(m.findings.length
      ? m.findings.flatMap((f) => [...block(f, 'en'), ''])
      : ['No findings.', '']),
  ];
  const tail = m.workbook ? [`ワークブック / Workbook: ${m.workbook}`] : [];
  return {
    subject,
    text: [...ja, '----', ...en, ...tail].join('\n').trimEnd() + '\n',
    findings: m.findings,
  };
}
