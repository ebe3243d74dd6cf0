// The workbook's charts as ECharts options, built from the stored report only (no queries):
// the list-diagnosis series, the flows waterfall, the five numbers by month and the cohort
// LTV curves. Each returns a plain option; render.ts turns it into a PNG.
import type { EChartsCoreOption } from 'echarts';
import type { SeriesPoint } from '../../store/metrics/series.js';
import type { CoreMetrics } from '../../store/metrics/core.js';
import type { FiveNumbersCounts } from '../../store/metrics/five-numbers.js';
import type { Cohort } from '../../store/metrics/cohorts.js';
import type { AssetAuditReport } from '../../store/metrics/audit.js';

export type ChartLang = 'ja' | 'en';

const T = {
  ja: {
    series: '稼働顧客数と年間売上(日次)',
    active: '稼働顧客数',
    revenue: '年間売上(直近365日)',
    flows: '稼働顧客数の増減(前年→今年)',
    prev: '前年の稼働顧客数',
    now: '今年の稼働顧客数',
    new: '新規',
    reactivated: '復活',
    churned: '離脱',
    five: '5つの数(月別)',
    existing: '既存顧客数',
    newc: '新規顧客数',
    existing_avg: '既存顧客単価',
    new_avg: '新規顧客単価',
    cohorts: 'コホート別 累計売上/人(過去のLTV曲線)',
    audit: 'チャネル別 獲得単価(CPA)と一人当り累計粗利',
    cpa: '獲得単価(CPA)',
    gp: '一人当り累計粗利',
    age: '経過月数',
  },
  en: {
    series: 'Active customers and annual revenue (daily)',
    active: 'Active customers',
    revenue: 'Annual revenue (trailing 365 days)',
    flows: 'Change in active customers (last year → this year)',
    prev: 'Active last year',
    now: 'Active now',
    new: 'New',
    reactivated: 'Reactivated',
    churned: 'Churned',
    five: 'Five numbers by month',
    existing: 'Existing customers',
    newc: 'New customers',
    existing_avg: 'Existing avg spend',
    new_avg: 'New avg spend',
    cohorts: 'Cumulative revenue per customer by cohort (historical LTV)',
    audit: 'CPA against gross profit per customer, by channel',
    cpa: 'CPA',
    gp: 'Gross profit per customer',
    age: 'Months since first purchase',
  },
} as const;

const COLORS = [
  '#3b6fd8',
  '#e8833a',
  '#4aa567',
  '#c94c4c',
  '#8a63c9',
  '#3aa6b9',
  '#b5902f',
  '#777777',
];

/** Returns an axis label formatter that abbreviates large numbers (1.2M / 3.4k). */
function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e8) return `${(v / 1e8).toFixed(1)}億`.replace('.0億', '億');
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return String(v);
}

const base = (title: string): EChartsCoreOption => ({
  color: COLORS,
  title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
  grid: { left: 70, right: 80, top: 50, bottom: 60 },
  legend: { bottom: 5 },
});

/** Returns the list-diagnosis chart: A(d) on the left axis, trailing revenue on the right. */
export function seriesChart(points: SeriesPoint[], lang: ChartLang): EChartsCoreOption {
  const L = T[lang];
  return {
    ...base(L.series),
    xAxis: {
      type: 'category',
      data: points.map((p) => p.date),
      axisLabel: { interval: Math.max(0, Math.floor(points.length / 8) - 1) },
    },
    yAxis: [
      { type: 'value', name: L.active, scale: true, axisLabel: { formatter: compact } },
      {
        type: 'value',
        name: L.revenue,
        scale: true,
        splitLine: { show: false },
        axisLabel: { formatter: compact },
      },
    ],
    series: [
      {
        type: 'line',
        name: L.active,
        showSymbol: false,
        data: points.map((p) => p.active_customers),
        lineStyle: { width: 2 },
      },
      {
        type: 'line',
        name: L.revenue,
        yAxisIndex: 1,
        showSymbol: false,
        data: points.map((p) => p.trailing_revenue),
        lineStyle: { width: 1.5, type: 'dashed' },
      },
    ],
  };
}

/** Returns the flows waterfall: A(D−365) + new + reactivated − churned = A(D). */
export function flowsChart(m: CoreMetrics, lang: ChartLang): EChartsCoreOption {
  const L = T[lang];
  const start = m.active_customers_prev_year;
  const afterNew = start + m.flows.new;
  const afterReact = afterNew + m.flows.reactivated;
  const end = afterReact - m.flows.churned;
  // A stacked bar whose lower part is transparent draws each step floating at its level.
  const hidden = [0, start, afterNew, end, 0];
  const visible = [start, m.flows.new, m.flows.reactivated, m.flows.churned, m.active_customers];
  const colors = ['#8fa3c7', '#4aa567', '#3aa6b9', '#c94c4c', '#3b6fd8'];
  return {
    ...base(L.flows),
    legend: { show: false },
    xAxis: {
      type: 'category',
      axisLabel: { interval: 0 },
      data: [L.prev, `+${L.new}`, `+${L.reactivated}`, `−${L.churned}`, L.now],
    },
    yAxis: { type: 'value', axisLabel: { formatter: compact } },
    series: [
      { type: 'bar', stack: 'w', data: hidden, itemStyle: { color: 'transparent' }, silent: true },
      {
        type: 'bar',
        stack: 'w',
        data: visible.map((v, i) => ({ value: v, itemStyle: { color: colors[i] } })),
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value: number }) => p.value.toLocaleString('en-US'),
        },
      },
    ],
  };
}

/** Returns the five numbers by month: customer counts as stacked bars, average spends as lines. */
export function fiveNumbersChart(months: FiveNumbersCounts[], lang: ChartLang): EChartsCoreOption {
  const L = T[lang];
  return {
    ...base(L.five),
    xAxis: { type: 'category', data: months.map((m) => m.month + (m.month_to_date ? '*' : '')) },
    yAxis: [
      {
        type: 'value',
        name: lang === 'ja' ? '人' : 'customers',
        axisLabel: { formatter: compact },
      },
      {
        type: 'value',
        name: lang === 'ja' ? '円' : 'spend',
        splitLine: { show: false },
        axisLabel: { formatter: compact },
      },
    ],
    series: [
      { type: 'bar', name: L.existing, stack: 'c', data: months.map((m) => m.existing_customers) },
      { type: 'bar', name: L.newc, stack: 'c', data: months.map((m) => m.new_customers) },
      {
        type: 'line',
        name: L.existing_avg,
        yAxisIndex: 1,
        data: months.map((m) => m.existing_avg_spend),
      },
      { type: 'line', name: L.new_avg, yAxisIndex: 1, data: months.map((m) => m.new_avg_spend) },
    ],
  };
}

/** Returns cumulative revenue per customer by age for the latest `max` cohorts (one line each). */
export function cohortChart(cohorts: Cohort[], lang: ChartLang, max = 8): EChartsCoreOption {
  const L = T[lang];
  // Every third cohort of the last 24 months keeps the lines readable and spans the history.
  const picked = cohorts
    .filter((c) => c.customers > 0)
    .reverse()
    .filter((_, i) => i % 3 === 0)
    .slice(0, max)
    .reverse();
  const ages = Math.max(0, ...picked.map((c) => c.cells.length));
  return {
    ...base(L.cohorts),
    xAxis: {
      type: 'category',
      name: L.age,
      nameLocation: 'middle',
      nameGap: 28,
      data: Array.from({ length: ages }, (_, i) => i),
    },
    yAxis: { type: 'value', axisLabel: { formatter: compact } },
    legend: { bottom: 0, type: 'plain' },
    grid: { left: 70, right: 40, top: 50, bottom: 80 },
    series: picked.map((c) => ({
      type: 'line',
      name: c.cohort,
      showSymbol: false,
      data: c.cells.map((x) => x.cumulative_revenue_per_customer),
    })),
  };
}

/** Returns CPA against gross profit per customer for each channel with spend (bars side by side):
 * a channel whose profit bar is shorter than its CPA bar has not repaid its customers on average. */
export function auditChart(a: AssetAuditReport, lang: ChartLang): EChartsCoreOption {
  const L = T[lang];
  const rows = a.by_channel.filter((r) => r.cpa !== null);
  return {
    ...base(L.audit),
    color: [COLORS[1], COLORS[0]],
    xAxis: { type: 'category', data: rows.map((r) => r.channel) },
    yAxis: { type: 'value', axisLabel: { formatter: compact } },
    series: [
      { type: 'bar', name: L.cpa, data: rows.map((r) => r.cpa) },
      { type: 'bar', name: L.gp, data: rows.map((r) => r.gross_profit_per_customer) },
    ],
  };
}
