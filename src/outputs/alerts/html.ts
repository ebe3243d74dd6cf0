// The HTML body of an alert: one column, inline styles only (mail clients drop <style> and
// scripts), no fixed widths — it reads on a phone 390 px wide as on a desktop. Japanese
// first, English below, each block with the same parts as the plain text.
import { escHtml } from './format.js';

export interface HtmlBlock {
  lang: 'ja' | 'en';
  lead: string;
  kpiTitle: string;
  kpis: {
    name: string;
    value: string;
    changes: { label: string; text: string; tone: 'good' | 'bad' | 'neutral' }[];
  }[];
  findingsTitle: string;
  findings: {
    severity: string;
    badge: string;
    title: string;
    rows: [string, string][];
    evidence: string;
  }[];
  /** Shown when there are no findings (null: the block has no findings part). */
  empty: string | null;
  more: string | null;
  /** Label/value rows (notices). */
  rows?: [string, string][];
  chart: { cid: string; alt: string } | null;
  link: { href: string; text: string } | null;
  note: string | null;
}

const TONE = { good: '#1e7b34', bad: '#c00000', neutral: '#52606d' } as const;
const SEVERITY: Record<string, string> = {
  critical: '#c00000',
  warning: '#b7791f',
  info: '#2b6cb0',
};
const FONT =
  "-apple-system,BlinkMacSystemFont,'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif";

/** Returns text with line breaks as <br>. */
const lines = (s: string) => escHtml(s).replace(/\n/g, '<br>');

/** Returns the KPI cards of a block. */
function kpiHtml(b: HtmlBlock): string {
  if (!b.kpis.length) return '';
  const cards = b.kpis
    .map(
      (k) =>
        `<div style="background:#ffffff;border:1px solid #d9e2ec;border-radius:8px;padding:10px 12px;margin:0 0 8px;">` +
        `<div style="font-size:13px;color:#52606d;">${escHtml(k.name)}</div>` +
        `<div style="font-size:22px;font-weight:700;color:#1f3864;">${escHtml(k.value)}</div>` +
        k.changes
          .map(
            (c) =>
              `<div style="font-size:14px;"><span style="color:#52606d;">${escHtml(c.label)}</span> <b style="color:${TONE[c.tone]};">${escHtml(c.text)}</b></div>`,
          )
          .join('') +
        `</div>`,
    )
    .join('');
  return `<h2 style="font-size:17px;margin:20px 0 8px;">${escHtml(b.kpiTitle)}</h2>${cards}`;
}

/** Returns the findings part of a block. */
function findingsHtml(b: HtmlBlock): string {
  if (b.empty === null) return '';
  const items = b.findings.length
    ? b.findings
        .map(
          (f) =>
            `<div style="background:#ffffff;border-left:4px solid ${SEVERITY[f.severity] ?? '#52606d'};border-radius:4px;padding:10px 12px;margin:0 0 10px;">` +
            `<div style="font-size:12px;font-weight:700;color:${SEVERITY[f.severity] ?? '#52606d'};">${escHtml(f.badge)}</div>` +
            `<div style="font-weight:700;margin:2px 0 6px;">${escHtml(f.title)}</div>` +
            f.rows
              .map(
                ([k, v]) => `<div style="margin:0 0 4px;"><b>${escHtml(k)}:</b> ${lines(v)}</div>`,
              )
              .join('') +
            (f.evidence
              ? `<div style="font-size:13px;color:#52606d;">${escHtml(f.evidence)}</div>`
              : '') +
            `</div>`,
        )
        .join('')
    : `<p>${escHtml(b.empty)}</p>`;
  const more = b.more ? `<p style="color:#52606d;">${escHtml(b.more)}</p>` : '';
  return `<h2 style="font-size:17px;margin:20px 0 8px;">${escHtml(b.findingsTitle)}</h2>${items}${more}`;
}

/** Returns one language's block. */
function blockHtml(b: HtmlBlock): string {
  const rows = (b.rows ?? [])
    .map(
      ([k, v]) =>
        `<div style="margin:0 0 8px;"><b>${escHtml(k)}</b><br><span style="word-break:break-all;">${lines(v)}</span></div>`,
    )
    .join('');
  const chart = b.chart
    ? `<img src="cid:${escHtml(b.chart.cid)}" alt="${escHtml(b.chart.alt)}" width="600" style="display:block;width:100%;max-width:600px;height:auto;margin:12px 0;border:1px solid #d9e2ec;border-radius:6px;">`
    : '';
  const link = b.link
    ? `<p style="margin:20px 0;"><a href="${escHtml(b.link.href)}" style="display:block;text-align:center;background:#1f3864;color:#ffffff;padding:12px 16px;border-radius:6px;text-decoration:none;font-weight:700;">${escHtml(b.link.text)}</a></p>`
    : '';
  const note = b.note
    ? `<p style="font-size:14px;color:#52606d;word-break:break-all;">${escHtml(b.note)}</p>`
    : '';
  return (
    `<div lang="${b.lang}" style="margin:0 0 24px;">` +
    `<p style="font-size:16px;margin:0 0 12px;">${lines(b.lead)}</p>${rows}${kpiHtml(b)}${chart}${findingsHtml(b)}${link}${note}</div>`
  );
}

/** Returns the whole HTML document of a message. */
export function messageHtml(subject: string, blocks: HtmlBlock[]): string {
  const body = blocks
    .map(blockHtml)
    .join('<hr style="border:none;border-top:1px solid #d9e2ec;margin:24px 0;">');
  return (
    `<!doctype html><html lang="ja"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f6f9;">` +
    `<div style="max-width:640px;margin:0 auto;padding:16px;box-sizing:border-box;font-family:${FONT};font-size:16px;line-height:1.6;color:#1f2933;overflow-wrap:anywhere;">` +
    `<h1 style="font-size:19px;line-height:1.4;margin:0 0 16px;">${escHtml(subject.replace(/^\[kenshin\]\s*/, ''))}</h1>` +
    body +
    `</div></body></html>`
  );
}
