// 業績診断C 配布 / Distribution diagnosis: contacts per active customer against last year and
// by channel, coverage of active and at-risk customers, concentration (Gini, top-10 % share,
// over-contacted), and the response to contacts against uncontacted customers per channel and
// campaign with cost per response. Reads report.distribution; without it, the contacts per
// active customer of the core metrics and "not computed".
import type ExcelJS from 'exceljs';
import type { WorkbookReport } from '../sections.js';
import type { DistributionReport, ResponseRow } from '../../../store/metrics/distribution.js';
import { rateColumns } from '../rates.js';
import {
  L,
  findingLines,
  freeze,
  heading,
  longText,
  notComputed,
  table,
  title,
  widths,
  type Column,
  type SheetContext,
} from '../style.js';
import { compareTable } from '../compare.js';
import { sheetName } from '../labels.js';
import { channelName, liftVerdictName } from '../../../domain/labels/index.js';

/** Writes the contacts per active customer, this year against last; returns the next row. */
function intensity(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  r: WorkbookReport,
  row: number,
): number {
  row = heading(ws, row, L(ctx, 'contacts_per_active'));
  const d = r.distribution;
  if (d) {
    return compareTable(ws, ctx, { row }, [
      { key: 'contacts', cur: d.contacts, prev: d.contacts_prev_year, fmt: 'int' },
      {
        key: 'active_customers',
        cur: d.active_customers,
        prev: d.active_customers_prev_year,
        fmt: 'int',
      },
      {
        key: 'contacts_per_active',
        cur: d.contacts_per_active,
        prev: d.contacts_per_active_prev_year,
        fmt: 'dec2',
      },
      ...d.by_channel.map((c) => ({
        key: channelName(c.channel, ctx.lang),
        cur: c.contacts_per_active,
        prev: c.contacts_per_active_prev_year,
        fmt: 'dec2' as const,
      })),
    ]);
  }
  const cur = r.metrics.contacts_per_active_by_channel;
  const prev = r.metrics_prev_year.contacts_per_active_by_channel;
  const channels = [...new Set([...Object.keys(cur), ...Object.keys(prev)])].sort();
  return compareTable(ws, ctx, { row }, [
    { key: 'contacts', cur: r.metrics.contacts, prev: r.metrics_prev_year.contacts, fmt: 'int' },
    {
      key: 'contacts_per_active',
      cur: r.metrics.contacts_per_active,
      prev: r.metrics_prev_year.contacts_per_active,
      fmt: 'dec2',
    },
    ...channels.map((c) => ({
      key: channelName(c, ctx.lang),
      cur: cur[c] ?? null,
      prev: prev[c] ?? null,
      fmt: 'dec2' as const,
    })),
  ]);
}

/** Writes coverage and concentration; returns the next row. */
function reach(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  d: DistributionReport,
  row: number,
): number {
  const ja = ctx.lang === 'ja';
  row = heading(
    ws,
    row,
    ja
      ? `カバー率(直近${d.coverage.recent_days}日 / 1年)`
      : `Coverage (last ${d.coverage.recent_days} days / year)`,
  );
  const groups = [
    [ja ? '稼働顧客' : 'Active customers', d.coverage.active],
    [
      ja
        ? `離脱危惧(${d.coverage.at_risk_days}日以上購入なし)`
        : `At risk (no purchase for ${d.coverage.at_risk_days}+ days)`,
      d.coverage.at_risk,
    ],
  ] as const;
  row = table(
    ws,
    ctx,
    { row },
    [
      { header: '', value: (g) => g[0] },
      { header: L(ctx, 'customers'), value: (g) => g[1].customers, fmt: 'int' },
      {
        header: ja ? '直近に配布' : 'Contacted recently',
        value: (g) => g[1].contacted_recent,
        fmt: 'int',
      },
      {
        header: ja ? 'カバー率(直近)' : 'Coverage (recent)',
        value: (g) => g[1].coverage_recent,
        fmt: 'pct',
      },
      {
        header: ja ? '1年に配布' : 'Contacted in year',
        value: (g) => g[1].contacted_year,
        fmt: 'int',
      },
      {
        header: ja ? 'カバー率(1年)' : 'Coverage (year)',
        value: (g) => g[1].coverage_year,
        fmt: 'pct',
      },
    ],
    groups,
  ).next;
  row = heading(ws, row, ja ? '集中度' : 'Concentration');
  const conc: [string, number | null, string][] = [
    [ja ? 'ジニ係数' : 'Gini coefficient', d.gini, '0.00'],
    [ja ? '上位10%の受け取り割合' : 'Top-10 % share of contacts', d.top10_share, '0.0%'],
    [
      ja
        ? `配布過多の顧客(年${d.over_contacted_threshold}回超)`
        : `Over-contacted (> ${d.over_contacted_threshold} a year)`,
      d.over_contacted,
      '#,##0',
    ],
    [
      ja ? '配布過多の稼働顧客' : 'Over-contacted active customers',
      d.over_contacted_active,
      '#,##0',
    ],
  ];
  for (const [k, v, f] of conc) {
    ws.getCell(row, 1).value = k;
    ws.getCell(row, 2).value = v;
    ws.getCell(row, 2).numFmt = f;
    row++;
  }
  return row + 1;
}

/** A difference of rates in points (the cell format 'pt' reads 5.4 as +5.4 pt). */
const points = (x: number | null) => (x === null ? null : x * 100);

/**
 * Returns the columns of a response table: each rate with its base, and the uplift with its
 * 95 % interval, p and verdict — a bare uplift on a few customers reads as a finding when it
 * is noise. The uplift is against uncontacted customers of the same month and status, not a
 * follow-up step's lift (docs/metrics.md, "Two lifts"), and its header says so.
 */
function responseColumns(ctx: SheetContext, first: string): Column<ResponseRow>[] {
  const ja = ctx.lang === 'ja';
  return [
    { header: first, value: (x) => (x.name ? `${x.key} ${x.name}` : channelName(x.key, ctx.lang)) },
    { header: L(ctx, 'contacts'), value: (x) => x.contacts, fmt: 'int' },
    {
      header: ja ? '配布顧客(n)' : 'Contacted (n)',
      value: (x) => x.contacted_customers,
      fmt: 'int',
    },
    { header: ja ? '反応(購入)' : 'Responders', value: (x) => x.responders, fmt: 'int' },
    // Blank with "too few to judge" beside it on a campaign sent to a handful.
    ...rateColumns<ResponseRow>(
      ctx,
      ja ? '反応率' : 'Response rate',
      (x) => x.response_rate,
      (x) => x.contacted_customers,
    ),
    {
      header: ja ? '非配布の比較顧客(n)' : 'Uncontacted (n)',
      value: (x) => x.control_customers,
      fmt: 'int',
    },
    {
      header: ja ? '有効母数' : 'Effective n',
      value: (x) => x.control_effective_n,
      fmt: 'dec1',
    },
    {
      header: ja ? '非配布の購入率' : 'Uncontacted rate',
      value: (x) => x.control_rate,
      fmt: 'pct',
    },
    {
      header: ja ? '反応率の差(非配布顧客比)' : 'Response above uncontacted',
      value: (x) => points(x.uplift),
      fmt: 'pt',
    },
    { header: ja ? '95%区間 下限' : '95 % low', value: (x) => points(x.uplift_low), fmt: 'pt' },
    { header: ja ? '95%区間 上限' : '95 % high', value: (x) => points(x.uplift_high), fmt: 'pt' },
    { header: ja ? 'p値' : 'p', value: (x) => x.uplift_p, fmt: 'p' },
    {
      header: L(ctx, 'lift_verdict'),
      value: (x) => (x.uplift_verdict ? liftVerdictName(x.uplift_verdict, ctx.lang) : null),
    },
    { header: ja ? '純増反応' : 'Incremental', value: (x) => x.incremental_responses, fmt: 'dec1' },
    { header: ja ? '費用' : 'Cost', value: (x) => x.cost, fmt: 'money' },
    {
      header: ja ? '反応単価' : 'Cost per response',
      value: (x) => x.cost_per_response,
      fmt: 'money',
    },
    {
      header: ja ? '純増反応単価' : 'Cost per incremental',
      value: (x) => x.cost_per_incremental_response,
      fmt: 'money',
    },
  ];
}

/** Writes the response tables by channel and by campaign; returns the next row. */
function response(
  ws: ExcelJS.Worksheet,
  ctx: SheetContext,
  d: DistributionReport,
  row: number,
): number {
  const ja = ctx.lang === 'ja';
  const rsp = d.response;
  row = heading(
    ws,
    row,
    ja
      ? `配布後${rsp.window_days}日以内の購入(${rsp.period_start} – ${rsp.period_end} の配布)`
      : `Purchases within ${rsp.window_days} days of a contact (contacts ${rsp.period_start} – ${rsp.period_end})`,
  );
  // What the uplift answers, and what it does not, before anyone reads a campaign's row.
  row = longText(ws, row, L(ctx, 'uplift_note'), [1, 13], { color: { argb: 'FF555555' } }) + 1;
  row = table(ws, ctx, { row }, responseColumns(ctx, L(ctx, 'channel')), rsp.by_channel).next;
  return table(
    ws,
    ctx,
    { row },
    responseColumns(ctx, ja ? 'キャンペーン' : 'Campaign'),
    rsp.by_campaign,
  ).next;
}

/** Adds the distribution diagnosis sheet. */
export function addDistributionSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
  ctx: SheetContext,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName('distribution', ctx.lang));
  widths(ws, [34, 14, 14, 14, 14, 14, 12, 12, 14, 11, 11, 9, 22, 12, 14, 14, 14]);
  let row = title(ws, 1, `${sheetName('distribution', ctx.lang)} — ${r.as_of}`);
  freeze(ws, 2);
  row = intensity(ws, ctx, r, row);
  const d = r.distribution;
  if (!d) {
    notComputed(ws, ctx, row);
    return ws;
  }
  row = reach(ws, ctx, d, row);
  row = response(ws, ctx, d, row);
  findingLines(
    ws,
    ctx,
    r.findings.filter((f) => f.id.startsWith('distribution.')),
    row,
  );
  return ws;
}
