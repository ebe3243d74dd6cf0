// 所見 / Findings: every finding of the checkup, most severe first, coloured by severity,
// with the numbers that triggered it and, when the history is given, the day it began.
import type ExcelJS from 'exceljs';
import type { WorkbookExtras, WorkbookReport } from '../sections.js';
import { L, freeze, table, title, type SheetContext } from '../style.js';
import { sheetName } from '../labels.js';

const FILL: Record<string, string> = {
  critical: 'FFF4B6B6',
  warning: 'FFFFE699',
  info: 'FFDDEBF7',
};

/** Returns the evidence as "name = value" lines. */
function evidenceText(e: Record<string, number | string | null>): string {
  return Object.entries(e)
    .map(
      ([k, v]) =>
        `${k} = ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : v === null ? '—' : v}`,
    )
    .join('\n');
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
    (extras.episodes ?? []).filter((e) => e.ended === null).map((e) => [e.id, e.began]),
  );
  const out = table(
    ws,
    ctx,
    { row: 3 },
    [
      { header: L(ctx, 'severity'), value: (f) => L(ctx, f.severity), width: 10 },
      { header: L(ctx, 'id'), value: (f) => f.id, width: 26 },
      { header: L(ctx, 'finding'), value: (f) => f.title[ctx.lang], width: 44 },
      { header: L(ctx, 'cause'), value: (f) => f.cause[ctx.lang], width: 50 },
      { header: L(ctx, 'action'), value: (f) => f.action[ctx.lang], width: 50 },
      { header: L(ctx, 'evidence'), value: (f) => evidenceText(f.evidence), width: 40 },
      { header: L(ctx, 'began'), value: (f) => began.get(f.id) ?? null, width: 12 },
    ],
    r.findings,
  );
  freeze(ws, 3);
  for (let n = out.first; n <= out.last; n++)
    ws.getRow(n).alignment = { vertical: 'top', wrapText: true };
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
