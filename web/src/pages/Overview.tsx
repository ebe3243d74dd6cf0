// At a glance: the KPIs seed 003 says management watches (and the revenue of guest orders, in
// no per-customer figure), the equation that ties revenue to active customers, both series in
// one chart, retention by tenure and the open findings.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card } from '../components/ui';
import { ComparisonTable } from '../components/ComparisonTable';
import { ReportPage } from '../components/ReportPage';
import { KpiCards } from '../components/KpiCards';
import { FindingList, RunCheckupButton, useOverview } from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { activeAndRevenue, tenureBars } from '../charts/options';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import { fieldLabel } from '../report/fields';
import { overviewCards, overviewRows } from '../report/page-cards';
import { navigate } from '../state/url';
import type { Severity } from '@report/index.js';

export function OverviewPage() {
  const i = useI18n();
  const { t, tx, lang } = i;
  const loaded = useOverview();
  const o = loaded.data;
  const chart = useMemo(
    () => (o ? activeAndRevenue(o.series, i, o.business.currency) : null),
    [o, i.lang],
  );
  const tenure = useMemo(() => (o ? tenureBars(o.retention_by_tenure, i, o.min_rate_base) : null), [o, i.lang]);
  return (
    <ReportPage
      title={t('page_overview')}
      loaded={loaded}
      lead={(o) => (
        <>
          {o.business.name} · {t('as_of')} <b data-testid="as-of">{o.as_of}</b>
        </>
      )}
      right={<RunCheckupButton onDone={loaded.reload} />}
    >
      {(o) => {
        const m = o.metrics;
        const cur = o.business.currency;
        const bySev = (['critical', 'warning', 'info'] as Severity[]).map((s) => ({
          s,
          n: o.findings.filter((f) => f.severity === s).length,
        }));
        const target = (y: number) =>
          fmtPct(o.retention_by_tenure.find((r) => r.tenure_year === y)?.target ?? null, 0);
        return (
          <>
            <KpiCards cards={overviewCards(o)} currency={cur} className="kpis kpis-3" />
            <p className="muted small" data-testid="guest-revenue-note">
              {fieldLabel('metrics.unattributed_revenue', lang)}: {t('guest_revenue_note')}
            </p>

            <Card className="equation-card">
              <div className="equation" data-testid="equation">
                <div className="eq-term">
                  <span className="eq-label">{t('annual_revenue')}</span>
                  <span className="eq-value">{fmtMoney(m.annual_revenue, cur)}</span>
                </div>
                <span className="eq-op">=</span>
                <div className="eq-term">
                  <span className="eq-label">{t('annual_ltv')}</span>
                  <span className="eq-value">{fmtMoney(m.annual_ltv, cur)}</span>
                </div>
                <span className="eq-op">×</span>
                <div className="eq-term strong">
                  <span className="eq-label">{t('active_customers')}</span>
                  <span className="eq-value">{fmtInt(m.active_customers)}</span>
                </div>
              </div>
              <p className="muted small center">{t('list_lead')}</p>
            </Card>

            <div className="grid-2-1">
              <Card
                title={`${t('active_customers')} · ${t('trailing_revenue')}`}
                sub={`${o.series[0]?.date ?? ''} – ${o.as_of}`}
              >
                {chart && (
                  <Chart
                    option={chart}
                    height={320}
                    label={`${t('active_customers')} · ${t('trailing_revenue')}`}
                  />
                )}
              </Card>
              <Card
                title={t('open_findings')}
                actions={
                  <button className="btn link small" onClick={() => navigate('/findings')}>
                    {t('page_findings')} →
                  </button>
                }
              >
                <div className="sev-counts" data-testid="findings-by-severity">
                  {bySev.map(({ s, n }) => (
                    <div key={s} className={`sev-count sev-${s} ${n ? '' : 'zero'}`}>
                      <span className="n">{n}</span>
                      <span className="l">{t(`severity_${s}`)}</span>
                    </div>
                  ))}
                </div>
                <FindingList findings={o.findings} limit={3} />
              </Card>
            </div>

            <div className="grid-2">
              <Card title={t('key_metrics_yoy')}>
                <ComparisonTable
                  testId="overview-yoy"
                  rows={overviewRows(o)}
                  path={(k) => `metrics.${k}`}
                  currency={cur}
                  labels={[t('purchase_current'), t('purchase_previous')]}
                />
              </Card>
              <Card
                title={t('retention_by_tenure')}
                sub={`${t('target')}: ${t('year2')} ${target(2)} / ${t('year3')} ${target(3)}`}
              >
                {tenure && <Chart option={tenure} height={240} label={t('retention_by_tenure')} />}
              </Card>
            </div>
            <div className="grid-2">
              <Card
                title={`${t('page_five')} · ${o.five_numbers.month}${o.five_numbers.month_to_date ? ` (${t('mtd')})` : ''}`}
                actions={
                  <button className="btn link small" onClick={() => navigate('/five')}>
                    {t('page_five')} →
                  </button>
                }
              >
                <div className={`state-pill state-${o.five_numbers_assessment.state}`}>
                  {tx(o.five_numbers_assessment.state_text)}
                </div>
                <div className="five-mini">
                  {(
                    [
                      'total_customers',
                      'existing_customers',
                      'new_customers',
                      'existing_avg_spend',
                      'new_avg_spend',
                    ] as const
                  ).map((k) => (
                    <div key={k} className={`five-cell ${o.five_numbers_assessment.ratings[k]}`}>
                      <span className="l">{fieldLabel(`five_numbers.${k}`, lang)}</span>
                      <span className="v">
                        {k.endsWith('spend')
                          ? fmtMoney(o.five_numbers[k], cur)
                          : fmtInt(o.five_numbers[k])}
                      </span>
                    </div>
                  ))}
                </div>
              </Card>
            </div>
          </>
        );
      }}
    </ReportPage>
  );
}
