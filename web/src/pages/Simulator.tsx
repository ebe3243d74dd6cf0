// Projection and simulation: seed 003's cohort model with a retention slider (the rate lives in
// the URL, ?r=0.70), active customers and revenue by year, the same scenario under the seed's
// retention rates, and the report's own "if this continues" projection when it has one.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, PageHeader, Table } from '../components/ui';
import { ProjectionCard } from './Projection';
import { ApiError, send } from '../api/client';
import { setParams, useLocation } from '../state/url';
import { useReport } from '../state/data';
import { Chart } from '../charts/Chart';
import { COLORS, PALETTE } from '../charts/theme';
import { fmtCompactMoney, fmtInt, fmtMoney, fmtPct } from '../format';
import type { Scenario, SimulationRow } from '../../../src/domain/models/simulation.js';

const RATES = [0.45, 0.6, 0.65, 0.7, 0.8, 0.93];

interface SimResult {
  scenario: Scenario;
  rows: SimulationRow[];
  sensitivity:
    | {
        year: number;
        new_customers: number;
        by_rate: { retention_rate: number; active_customers: number; revenue: number }[];
      }[]
    | null;
}

export function SimulatorPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const r = Math.min(0.99, Math.max(0.05, Number(query.get('r') ?? '0.7') || 0.7));
  const [slider, setSlider] = useState(r);
  const [result, setResult] = useState<SimResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const report = useReport();

  useEffect(() => {
    setSlider(r);
  }, [r]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      send<SimResult>('POST', '/api/simulate', {
        preset: 'seed003',
        scenario: { retention_rate: r },
        sensitivity_rates: RATES,
      }).then(
        (x) => live && (setResult(x), setError(null)),
        (e: ApiError) => live && setError(e),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [r]);

  const main = useMemo(() => {
    if (!result) return null;
    const rows = result.rows;
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('simulated_active'), t('simulated_revenue'), t('new_customers')] },
      grid: { left: 64, right: 72, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((x) => t('year_n', { n: x.year })) },
      yAxis: [
        {
          type: 'value',
          axisLabel: { formatter: (v: number) => fmtCompactMoney(v, lang, '').replace('¥', '') },
        },
        {
          type: 'value',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => fmtCompactMoney(v, lang) },
        },
      ],
      series: [
        {
          name: t('simulated_active'),
          type: 'bar',
          data: rows.map((x) => Math.round(x.active_customers)),
          itemStyle: { color: COLORS.primary },
          barWidth: '30%',
        },
        {
          name: t('new_customers'),
          type: 'bar',
          data: rows.map((x) => Math.round(x.new_customers)),
          itemStyle: { color: '#9fc1b0' },
          barWidth: '30%',
        },
        {
          name: t('simulated_revenue'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((x) => Math.round(x.revenue)),
          itemStyle: { color: COLORS.accent },
          lineStyle: { width: 3 },
          symbol: 'circle',
          symbolSize: 6,
        },
      ],
    };
  }, [result, lang]);

  const sens = useMemo(() => {
    if (!result?.sensitivity) return null;
    const s = result.sensitivity;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtCompactMoney(v, lang) },
      legend: { data: RATES.map((x) => fmtPct(x, 0)) },
      grid: { left: 72, right: 24, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: s.map((x) => t('year_n', { n: x.year })) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtCompactMoney(v, lang) } },
      series: RATES.map((rate, k) => ({
        name: fmtPct(rate, 0),
        type: 'line',
        data: s.map((x) => Math.round(x.by_rate[k].revenue)),
        itemStyle: { color: PALETTE[k % PALETTE.length] },
        lineStyle: { width: Math.abs(rate - r) < 0.001 ? 3.5 : 1.6 },
        symbol: 'none',
      })),
    };
  }, [result, lang, r]);

  const peak = result
    ? result.rows.reduce((a, b) => (b.revenue > a.revenue ? b : a), result.rows[0])
    : null;
  return (
    <>
      <PageHeader title={t('page_simulator')} lead={t('preset_seed003')} />
      <div className="grid-1-2">
        <Card title={t('simulator')}>
          <label className="slider">
            <span>
              {t('retention_slider')} <b data-testid="retention-value">{fmtPct(slider, 0)}</b>
            </span>
            <input
              type="range"
              min={0.3}
              max={0.99}
              step={0.01}
              value={slider}
              data-testid="retention-slider"
              onChange={(e) => setSlider(Number(e.target.value))}
              onPointerUp={() => setParams({ r: slider.toFixed(2) })}
              onKeyUp={() => setParams({ r: slider.toFixed(2) })}
            />
          </label>
          <div className="chips">
            {RATES.map((x) => (
              <button
                key={x}
                className={`chip ${Math.abs(x - r) < 0.001 ? 'on' : ''}`}
                onClick={() => setParams({ r: x.toFixed(2) })}
              >
                {fmtPct(x, 0)}
              </button>
            ))}
          </div>
          {result && peak && (
            <dl className="kv">
              <div className="kv-row">
                <dt>
                  {t('year_n', { n: 5 })} {t('simulated_revenue')}
                </dt>
                <dd data-testid="year5-revenue">{fmtMoney(result.rows[4]?.revenue)}</dd>
              </div>
              <div className="kv-row">
                <dt>
                  {t('year_n', { n: 5 })} {t('simulated_active')}
                </dt>
                <dd>{fmtInt(result.rows[4]?.active_customers)}</dd>
              </div>
              <div className="kv-row">
                <dt>{t('peak_revenue')}</dt>
                <dd>
                  {t('year_n', { n: peak.year })} · {fmtCompactMoney(peak.revenue, lang)}
                </dd>
              </div>
            </dl>
          )}
          {error && <ErrorBox error={error} />}
        </Card>
        <Card title={`${t('simulated_active')} · ${t('simulated_revenue')}`}>
          {main && (
            <Chart
              option={main}
              height={320}
              label={`${t('simulated_active')} · ${t('simulated_revenue')}`}
            />
          )}
        </Card>
      </div>
      <div className="grid-2">
        <Card title={t('sensitivity')}>
          {sens && <Chart option={sens} height={300} label={t('sensitivity')} />}
        </Card>
        <Card title={t('simulation_table')}>
          {result && (
            <Table
              dense
              rows={result.rows}
              columns={[
                { key: 'y', label: t('years'), render: (x) => t('year_n', { n: x.year }) },
                {
                  key: 'n',
                  label: t('new_customers'),
                  align: 'right',
                  render: (x) => fmtInt(x.new_customers),
                },
                {
                  key: 'a',
                  label: t('simulated_active'),
                  align: 'right',
                  render: (x) => fmtInt(x.active_customers),
                },
                {
                  key: 'l',
                  label: t('annual_ltv'),
                  align: 'right',
                  render: (x) => fmtMoney(x.annual_ltv),
                },
                {
                  key: 'r',
                  label: t('simulated_revenue'),
                  align: 'right',
                  render: (x) => fmtCompactMoney(x.revenue, lang),
                },
              ]}
            />
          )}
        </Card>
      </div>
      <ProjectionCard report={report.data} />
    </>
  );
}
