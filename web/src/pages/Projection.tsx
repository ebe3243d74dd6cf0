// "If this continues": the checkup's own projection (fitted from the business's numbers when
// the checkup ran) for 5 years with its band, and what-if overrides — retention, new customers
// a year, spend — kept in the URL (?pr=0.72&pn=1500&ps=1.1). Without overrides the stored years
// are shown as they are; with them, the server runs the same model on the stored fit.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, NotComputed, Table } from '../components/ui';
import { ApiError, send } from '../api/client';
import { setParams, useLocation } from '../state/url';
import { Chart } from '../charts/Chart';
import { COLORS } from '../charts/theme';
import { fmtCompactMoney, fmtInt, fmtPct } from '../format';
import type { CheckupReport, ProjectionYear } from '@report/index.js';

/** Returns a number from a URL parameter, or undefined. */
const param = (q: URLSearchParams, k: string) => {
  const v = q.get(k);
  return v === null || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);
};

export function ProjectionCard({ report }: { report: CheckupReport | null }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const proj = report?.projection;
  const whatIf = {
    retention_rate: param(query, 'pr'),
    new_customers_per_year: param(query, 'pn'),
    spend_factor: param(query, 'ps'),
  };
  const overridden = Object.values(whatIf).some((v) => v !== undefined);
  const [years, setYears] = useState<ProjectionYear[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = `${report?.as_of}|${query.get('pr')}|${query.get('pn')}|${query.get('ps')}`;

  useEffect(() => {
    if (!proj?.years) return;
    if (!overridden) {
      setYears(proj.years);
      return;
    }
    let live = true;
    const body = {
      as_of: report!.as_of,
      what_if: Object.fromEntries(Object.entries(whatIf).filter(([, v]) => v !== undefined)),
    };
    const timer = setTimeout(() => {
      send<{ years: ProjectionYear[] }>('POST', '/api/projection', body).then(
        (r) => live && (setYears(r.years), setError(null)),
        (e: ApiError) => live && setError(e),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  // One chart per quantity, each with its band: two bands on two axes would muddy each other.
  const charts = useMemo(() => {
    if (!years) return null;
    const labels = years.map((y) =>
      y.year === 0 ? t('this_year') : t('years_ahead', { n: y.year }),
    );
    const one = (
      name: string,
      mid: number[],
      low: number[],
      high: number[],
      color: string,
      fmt: (v: number) => string,
    ) => ({
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0].dataIndex;
          return `${labels[i]}<br/>${name}: <b>${fmt(mid[i])}</b><br/><span style="color:#7b8794">${fmt(low[i])} – ${fmt(high[i])}</span>`;
        },
      },
      grid: { left: 64, right: 20, top: 28, bottom: 24 },
      title: undefined,
      legend: { data: [name] },
      xAxis: { type: 'category', data: labels, boundaryGap: false },
      yAxis: { type: 'value', scale: true, splitNumber: 3, axisLabel: { formatter: fmt } },
      series: [
        {
          type: 'line',
          stack: 'band',
          data: low,
          lineStyle: { opacity: 0 },
          symbol: 'none',
          silent: true,
        },
        {
          type: 'line',
          stack: 'band',
          data: high.map((h, i) => h - low[i]),
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { color, opacity: 0.14 },
          silent: true,
        },
        {
          name,
          type: 'line',
          data: mid,
          itemStyle: { color },
          lineStyle: { width: 2.6 },
          symbol: 'circle',
          symbolSize: 6,
        },
      ],
    });
    const money = (v: number) => fmtCompactMoney(v, lang, report?.business.currency);
    return [
      one(
        t('active_customers'),
        years.map((y) => Math.round(y.active_customers)),
        years.map((y) => y.active_low),
        years.map((y) => y.active_high),
        COLORS.primary,
        (v) => fmtInt(v),
      ),
      one(
        t('simulated_revenue'),
        years.map((y) => Math.round(y.revenue)),
        years.map((y) => y.revenue_low),
        years.map((y) => y.revenue_high),
        COLORS.accent,
        money,
      ),
    ];
  }, [years, lang]);

  if (!report) return null;
  if (!proj?.fit || !proj.years) {
    return (
      <Card title={t('projection')}>
        <NotComputed what={t('projection')} />
      </Card>
    );
  }
  const fit = proj.fit;
  const retention = whatIf.retention_rate ?? fit.retention_by_tenure[0] ?? 0;
  return (
    <Card
      title={t('projection')}
      sub={`${t('as_of')} ${report.as_of} · ${t('projection_lead')}`}
      actions={
        overridden && (
          <button
            className="btn small ghost"
            onClick={() => setParams({ pr: null, pn: null, ps: null })}
          >
            {t('reset')}
          </button>
        )
      }
    >
      <div className="grid-1-2 flush">
        <div>
          <label className="slider">
            <span>
              {t('retention_year2_slider')} <b>{fmtPct(retention, 0)}</b>{' '}
              {whatIf.retention_rate === undefined && (
                <span className="muted small">({t('as_fitted')})</span>
              )}
            </span>
            <input
              type="range"
              min={0.2}
              max={0.99}
              step={0.01}
              value={retention}
              data-testid="projection-retention"
              onChange={(e) => setParams({ pr: e.target.value })}
            />
          </label>
          <label className="slider">
            <span>
              {t('new_customers_per_year')}{' '}
              <b>{fmtInt(whatIf.new_customers_per_year ?? fit.new_customers_per_year)}</b>
            </span>
            <input
              type="range"
              min={0}
              max={Math.max(10, Math.round(fit.new_customers_per_year * 3))}
              step={Math.max(1, Math.round(fit.new_customers_per_year / 50))}
              value={whatIf.new_customers_per_year ?? fit.new_customers_per_year}
              onChange={(e) => setParams({ pn: e.target.value })}
            />
          </label>
          <label className="slider">
            <span>
              {t('spend_factor')} <b>×{(whatIf.spend_factor ?? 1).toFixed(2)}</b>
            </span>
            <input
              type="range"
              min={0.5}
              max={1.5}
              step={0.05}
              value={whatIf.spend_factor ?? 1}
              onChange={(e) => setParams({ ps: e.target.value })}
            />
          </label>
          {error && <ErrorBox error={error} />}
          {years && (
            <Table
              dense
              rows={years}
              columns={[
                {
                  key: 'y',
                  label: '',
                  render: (y) => (y.year === 0 ? t('this_year') : t('years_ahead', { n: y.year })),
                },
                {
                  key: 'a',
                  label: t('active_customers'),
                  align: 'right',
                  render: (y) => fmtInt(y.active_customers),
                },
                {
                  key: 'r',
                  label: t('simulated_revenue'),
                  align: 'right',
                  render: (y) => fmtCompactMoney(y.revenue, lang, report.business.currency),
                },
                {
                  key: 'b',
                  label: t('band'),
                  align: 'right',
                  render: (y) =>
                    `${fmtCompactMoney(y.revenue_low, lang, report.business.currency)} – ${fmtCompactMoney(y.revenue_high, lang, report.business.currency)}`,
                },
              ]}
            />
          )}
        </div>
        <div>
          {charts && (
            <Chart
              option={charts[0]}
              height={190}
              label={`${t('projection')} · ${t('active_customers')}`}
            />
          )}
          {charts && (
            <Chart option={charts[1]} height={190} label={`${t('projection')} · ${t('revenue')}`} />
          )}
        </div>
      </div>
    </Card>
  );
}
