// Chart options built from report data. Each function takes numbers as stored and the
// translator, and returns an ECharts option; nothing here computes a metric.
import type { ChartOption } from './Chart';
import { readRate, rateEvidence, TOO_FEW_TO_JUDGE } from '@report/format.js';
import { COLORS } from './theme';
import { fmtCompactMoney, fmtInt, fmtNum, fmtPct } from '../format';
import type { I18n } from '../i18n';
import type {
  AssetAuditReport,
  ClvDistribution,
  ClvHoldout,
  Flows,
  SeriesPoint,
  TenureRetention,
} from '@report/index.js';

/** Active customers (left axis) and trailing-year revenue (right axis) over time. */
export function activeAndRevenue(series: SeriesPoint[], i: I18n, currency: string): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (
        ps: {
          axisValue: string;
          marker: string;
          seriesName: string;
          value: number;
          seriesIndex: number;
        }[],
      ) =>
        `<b>${ps[0]?.axisValue}</b><br/>` +
        ps
          .map(
            (p) =>
              `${p.marker}${p.seriesName}: <b>${p.seriesIndex === 0 ? fmtInt(p.value) : fmtCompactMoney(p.value, i.lang, currency)}</b>`,
          )
          .join('<br/>'),
    },
    legend: { data: [i.t('active_customers'), i.t('trailing_revenue')] },
    grid: { left: 64, right: 72, top: 40, bottom: 32 },
    xAxis: {
      type: 'category',
      data: series.map((p) => p.date),
      boundaryGap: false,
      axisLabel: { formatter: (v: string) => v.slice(0, 7), interval: 'auto' },
    },
    yAxis: [
      {
        type: 'value',
        name: i.t('active_customers'),
        scale: true,
        axisLabel: { formatter: (v: number) => fmtInt(v) },
      },
      {
        type: 'value',
        name: i.t('trailing_revenue'),
        scale: true,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => fmtCompactMoney(v, i.lang, currency) },
      },
    ],
    series: [
      {
        name: i.t('active_customers'),
        type: 'line',
        data: series.map((p) => p.active_customers),
        yAxisIndex: 0,
        lineStyle: { width: 2.4, color: COLORS.primary },
        itemStyle: { color: COLORS.primary },
        areaStyle: { color: 'rgba(44,94,122,0.07)' },
      },
      {
        name: i.t('trailing_revenue'),
        type: 'line',
        data: series.map((p) => p.trailing_revenue),
        yAxisIndex: 1,
        lineStyle: { width: 2, color: COLORS.accent, type: 'solid' },
        itemStyle: { color: COLORS.accent },
      },
    ],
  };
}

/** The flows of the year as a waterfall: last year's active → −churned +new +reactivated → this year's. */
export function flowsWaterfall(
  prevActive: number,
  flows: Flows,
  active: number,
  i: I18n,
): ChartOption {
  const afterChurn = prevActive - flows.churned;
  const afterNew = afterChurn + flows.new;
  const labels = [
    i.t('active_last_year'),
    i.t('flow_churned'),
    i.t('flow_new'),
    i.t('flow_reactivated'),
    i.t('active_this_year'),
  ];
  const base = [0, afterChurn, afterChurn, afterNew, 0];
  const values = [prevActive, flows.churned, flows.new, flows.reactivated, active];
  const colors = [COLORS.gray, COLORS.red, COLORS.green, COLORS.purple, COLORS.primary];
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const k = ps[ps.length - 1].dataIndex;
        return `${labels[k]}: <b>${k === 1 ? '−' : k === 2 || k === 3 ? '+' : ''}${fmtInt(values[k])}</b>`;
      },
    },
    grid: { left: 64, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtInt(v) } },
    series: [
      {
        type: 'bar',
        stack: 'w',
        data: base,
        itemStyle: { color: 'transparent' },
        emphasis: { disabled: true },
        silent: true,
      },
      {
        type: 'bar',
        stack: 'w',
        barWidth: '46%',
        data: values.map((v, k) => ({
          value: v,
          itemStyle: { color: colors[k], borderRadius: 3 },
        })),
        label: {
          show: true,
          position: 'top',
          color: '#36424d',
          formatter: (p: { dataIndex: number; value: number }) =>
            `${p.dataIndex === 1 ? '−' : p.dataIndex === 2 || p.dataIndex === 3 ? '+' : ''}${fmtInt(p.value)}`,
        },
      },
    ],
  };
}

/** Retention by tenure year as bars, with the targets as markers. */
export function tenureBars(rows: TenureRetention[], i: I18n, min: number): ChartOption {
  const shown = rows.slice(0, 6);
  // A year measured on fewer than `min` customers draws no bar (a 100 % from three customers
  // is no finding); its label says so, and every category names its n.
  const readings = shown.map((r) => readRate(r.retention_rate, r.base, min));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const k = ps[0]?.dataIndex ?? 0;
        const r = readings[k];
        const value = r.judged ? fmtPct(r.rate) : TOO_FEW_TO_JUDGE[i.lang];
        return `${i.t('tenure_year', { n: shown[k].tenure_year })}<br/><b>${value}</b><br/>${rateEvidence(r, i.lang)}`;
      },
    },
    legend: { data: [i.t('retention_rate'), i.t('target')] },
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    xAxis: {
      type: 'category',
      data: shown.map((r) => `${i.t('tenure_year', { n: r.tenure_year })}\nn=${fmtInt(r.base)}`),
    },
    yAxis: {
      type: 'value',
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        name: i.t('retention_rate'),
        type: 'bar',
        barWidth: '42%',
        data: readings.map((r) => (r.judged ? r.rate : null)),
        itemStyle: { color: COLORS.primary },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value: number }) => fmtPct(p.value, 0),
          color: '#36424d',
          fontSize: 11,
        },
      },
      {
        // The words stand where the bar would: a small grey mark at the axis with a label.
        name: TOO_FEW_TO_JUDGE[i.lang],
        type: 'bar',
        barGap: '-100%',
        barWidth: '42%',
        data: readings.map((r) => (r.judged || r.rate === null ? null : 0.02)),
        itemStyle: { color: '#c9d1d8' },
        label: {
          show: true,
          position: 'top',
          formatter: () => TOO_FEW_TO_JUDGE[i.lang],
          color: '#5b6774',
          fontSize: 10,
        },
        tooltip: { show: false },
      },
      {
        name: i.t('target'),
        type: 'line',
        data: shown.map((r) => r.target),
        symbol: 'rect',
        symbolSize: [26, 3],
        lineStyle: { opacity: 0 },
        itemStyle: { color: COLORS.accent },
        connectNulls: false,
      },
    ],
  };
}

/** Per acquisition channel: CPA against gross profit per customer (bars), a channel whose
 * gross bar falls short of its CPA bar has not paid for its customers on average. */
export function auditChannels(a: AssetAuditReport, i: I18n, currency: string): ChartOption {
  const rows = a.by_channel.filter((r) => r.cpa !== null);
  const money = (v: number) => fmtCompactMoney(v, i.lang, currency);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => money(v),
    },
    legend: { data: [i.t('cpa'), i.t('gross_profit_per_customer')] },
    grid: { left: 64, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.channel) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
    series: [
      {
        name: i.t('cpa'),
        type: 'bar',
        data: rows.map((r) => r.cpa),
        itemStyle: { color: COLORS.accent },
      },
      {
        name: i.t('gross_profit_per_customer'),
        type: 'bar',
        data: rows.map((r) => r.gross_profit_per_customer),
        itemStyle: { color: COLORS.primary },
      },
    ],
  };
}

/** One customer's P(alive) at each stored checkup, as a line on a 0–100 % axis. */
export function pAliveLine(points: { as_of: string; p_alive: number }[], i: I18n): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtPct(v) },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.as_of) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        name: i.t('cv_p_alive'),
        type: 'line',
        data: points.map((p) => p.p_alive),
        itemStyle: { color: COLORS.primary },
        showSymbol: points.length < 40,
      },
    ],
  };
}

/** The holdout check: cumulative repeat purchases of the calibration customers, actual against
 * the check model's expected, by week after the calibration end (week 0, where both are 0 by
 * definition), the held-out weeks shaded and the calibration end marked. */
export function clvTracking(h: ClvHoldout, i: I18n): ChartOption {
  const weeks = ['0', ...h.tracking.map((p) => String(p.week))];
  const last = weeks[weeks.length - 1];
  const actual = i.t('clv_actual');
  const expected = i.t('clv_expected');
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { axisValue: string; marker: string; seriesName: string; value: number }[]) =>
        `<b>${i.t('clv_week_n', { n: ps[0]?.axisValue ?? '' })}</b><br/>` +
        ps
          .map(
            (p) =>
              `${p.marker}${p.seriesName}: <b>${p.seriesName === actual ? fmtInt(p.value) : fmtNum(p.value, 1)}</b>`,
          )
          .join('<br/>'),
    },
    legend: { data: [actual, expected] },
    grid: { left: 56, right: 24, top: 56, bottom: 44 },
    xAxis: {
      type: 'category',
      data: weeks,
      boundaryGap: false,
      name: i.t('clv_weeks_after'),
      nameLocation: 'middle',
      nameGap: 26,
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtInt(v) } },
    series: [
      {
        name: actual,
        type: 'line',
        data: [0, ...h.tracking.map((p) => p.actual)],
        lineStyle: { width: 2.4, color: COLORS.primary },
        itemStyle: { color: COLORS.primary },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(200,135,58,0.08)' },
          label: { color: '#5b6774', fontSize: 11, position: 'insideTop' },
          data: [[{ xAxis: '0', name: i.t('clv_holdout_weeks', { n: h.weeks }) }, { xAxis: last }]],
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLORS.gray, type: 'dashed' },
          label: {
            formatter: `${i.t('clv_calibration_end')} ${h.calibration_end}`,
            position: 'end',
            align: 'left',
            color: '#5b6774',
            fontSize: 11,
          },
          data: [{ xAxis: '0' }],
        },
      },
      {
        name: expected,
        type: 'line',
        data: [0, ...h.tracking.map((p) => p.expected)],
        lineStyle: { width: 2, color: COLORS.accent, type: 'dashed' },
        itemStyle: { color: COLORS.accent },
      },
    ],
  };
}

type Decile = ClvDistribution['p_alive'][number];

/** One bar per decile (1 lowest … 10 highest) of the decile's mean, each category naming its
 * customers; `money` formats the CLV deciles in the currency, else P(alive) with two decimals. */
export function clvDeciles(
  rows: Decile[],
  i: I18n,
  name: string,
  money: { currency: string } | null,
): ChartOption {
  const fmt = (v: number) => (money ? fmtCompactMoney(v, i.lang, money.currency) : fmtNum(v, 2));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const r = rows[ps[0]?.dataIndex ?? 0];
        return `${i.t('clv_decile_n', { n: r.decile })} · ${i.t('n_people', { n: fmtInt(r.customers) })}<br/>${name}: <b>${fmt(r.mean)}</b>`;
      },
    },
    grid: { left: 56, right: 12, top: 24, bottom: 44 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => `${r.decile}\nn=${fmtInt(r.customers)}`),
      name: i.t('clv_decile_axis'),
      nameLocation: 'middle',
      nameGap: 32,
    },
    yAxis: {
      type: 'value',
      ...(money ? {} : { max: 1 }),
      axisLabel: { formatter: (v: number) => fmt(v) },
    },
    series: [
      {
        name,
        type: 'bar',
        barWidth: '56%',
        data: rows.map((r) => r.mean),
        itemStyle: { color: money ? COLORS.primary : COLORS.green },
      },
    ],
  };
}
