// 所見 / Findings: every finding of the checkup, most severe first, coloured by severity,
// with the numbers that triggered it and, when the history is given, the day it began.
import type ExcelJS from 'exceljs';
import type { WorkbookExtras, WorkbookReport } from '../sections.js';
import { L, fitRowHeight, freeze, table, title, type SheetContext } from '../style.js';
import { label, sheetName, type WorkbookLang } from '../labels.js';
import { findingKey } from '../../../domain/diagnosis/history.js';
import { evidenceName } from '../../evidence.js';

const FILL: Record<string, string> = {
  critical: 'FFF4B6B6',
  warning: 'FFFFE699',
  info: 'FFDDEBF7',
};

/** Returns an evidence value as text: rates in %, counts and money with separators. */
function evidenceValue(k: string, v: number | string | null, lang: WorkbookLang): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v === 'high' || v === 'low' ? label(v, lang) : v;
  if (/(^|_)(rate|share|change|points)(_|$)/.test(k) && Math.abs(v) <= 5)
    return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(v) ? 0 : 2 });
}

/** Returns the evidence as "name: value" lines, named in the language where the dictionary knows the name. */
export function evidenceText(
  e: Record<string, number | string | null>,
  lang: WorkbookLang,
): string {
  return (
    Object.entries(e)
      // Words in the evidence are for machines (the finding's text says them in the language).
      .filter(
        ([, v]) =>
          lang === 'en' || typeof v !== 'string' || !/[A-Za-z]{3}/.test(v) || /^\d{4}-\d\d/.test(v),
      )
      .filter(([k]) => evidenceName(k, lang) !== null)
      .map(([k, v]) => `${evidenceName(k, lang)}: ${evidenceValue(k, v, lang)}`)
      .join('\n')
  );
}

/** Adds the findings sheet. */
export function addFindingsSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
  extras: WorkbookExtras = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('findings', ctx.lang));
  title(ws, 1, `${sheetName('findings', ctx.lang)} — ${r.as_of}`);
  const began = new Map(
    (extras.episodes ?? []).filter((e) => e.ended === null).map((e) => [e.key, e.began]),
  );
  const out = table(
    ws,
    ctx,
    { row: 3 },
    [
      { header: L(ctx, 'severity'), value: (f) => L(ctx, f.severity), width: 9 },
      { header: L(ctx, 'finding'), value: (f) => f.title[ctx.lang], width: 36 },
      { header: L(ctx, 'cause'), value: (f) => f.cause[ctx.lang], width: 46 },
      { header: L(ctx, 'action'), value: (f) => f.action[ctx.lang], width: 46 },
      { header: L(ctx, 'evidence'), value: (f) => evidenceText(f.evidence, ctx.lang), width: 34 },
      { header: L(ctx, 'began'), value: (f) => began.get(findingKey(f)) ?? null, width: 11 },
      { header: L(ctx, 'finding_test'), value: (f) => f.test[ctx.lang], width: 34 },
    ],
    r.findings,
  );
  freeze(ws, 3);
  for (let n = out.first; n <= out.last && r.findings.length; n++) {
    for (let c = 1; c <= 7; c++) ws.getCell(n, c).alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(ws, n);
  }
  if (r.findings.length) {
    // The severity word is in the language of the sheet; the rule compares against it.
    ws.addConditionalFormatting({
      ref: `A${out.first}:G${out.last}`,
      rules: (['critical', 'warning', 'info'] as const).map((s, i) => ({
        type: 'expression' as const,
        priority: i + 1,
        formulae: [`$A${out.first}="${L(ctx, s)}"`],
        style: {
          fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: FILL[s] } },
        },
      })),
    });
  } else ws.getCell(out.first, 1).value = '—';
  return ws;
}
