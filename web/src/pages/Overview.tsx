// At a glance: the three KPIs seed 003 says management watches, the equation that ties revenue
// to active customers, both series in one chart, retention by tenure and the open findings.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, Stat } from '../components/ui';
import {
  FindingList,
  NoCheckup,
  RunCheckupButton,
  isNoCheckup,
  useOverview,
} from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { activeAndRevenue, tenureBars } from '../charts/options';
import { change, fmtChange, fmtInt, fmtMoney, fmtNum, fmtPct, fmtPoints } from '../format';
import { navigate } from '../state/url';
import type { Severity } from '@report/index.js';

/** Returns the tone of a change: up, down or flat. */
const tone = (r: number | null) =>
  r === null || Math.abs(r) < 0.0005 ? 'flat' : r > 0 ? 'up' : 'down';

export function OverviewPage() {
  const i = useI18n();
  const { t, tx } = i;
  const { data: o, error, reload } = useOverview();
  const chart = useMemo(
    () => (o ? activeAndRevenue(o.series, i, o.business.currency) : null),
    [o, i.lang],
  );
  const tenure = useMemo(() => (o ? tenureBars(o.retention_by_tenure, i) : null), [o, i.lang]);
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_overview')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!o) return <Loading />;
  const m = o.metrics;
  const p = o.metrics_prev_year;
  const cur = o.business.currency;
  const bySev = (['critical', 'warning', 'info'] as Severity[]).map((s) => ({
    s,
    n: o.findings.filter((f) => f.severity === s).length,
  }));
  const activeChange = change(m.active_customers, p.active_customers);
  return (
    <>
      <PageHeader
        title={t('page_overview')}
        lead={
          <>
            {o.business.name} · {t('as_of')} <b data-testid="as-of">{o.as_of}</b>
          </>
        }
        right={<RunCheckupButton onDone={reload} />}
      />
      <div className="kpis">
        <Stat
          testId="kpi-active"
          label={t('active_customers')}
          value={fmtInt(m.active_customers)}
          delta={`${fmtChange(activeChange)} ${t('vs_last_year')} ${fmtInt(p.active_customers)}`}
          deltaTone={tone(activeChange)}
        />
        <Stat
          label={t('retention_rate')}
          value={fmtPct(m.retention_rate)}
          delta={`${fmtPoints(m.retention_rate, p.retention_rate)} ${t('vs_last_year')}`}
          deltaTone={tone(
            m.retention_rate !== null && p.retention_rate !== null
              ? m.retention_rate - p.retention_rate
              : null,
          )}
        />
        <Stat
          label={t('annual_ltv')}
          value={fmtMoney(m.annual_ltv, cur)}
          delta={`${fmtChange(change(m.annual_ltv, p.annual_ltv))} ${t('vs_last_year')}`}
          deltaTone={tone(change(m.annual_ltv, p.annual_ltv))}
        />
        <Stat
          label={t('annual_revenue')}
          value={fmtMoney(m.annual_revenue, cur)}
          delta={`${fmtChange(change(m.annual_revenue, p.annual_revenue))} ${t('vs_last_year')}`}
          deltaTone={tone(change(m.annual_revenue, p.annual_revenue))}
        />
        <Stat
          label={t('contacts_per_active')}
          value={fmtNum(m.contacts_per_active)}
          delta={`${fmtNum(p.contacts_per_active)} ${t('vs_last_year')}`}
        />
      </div>

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
          {chart && <Chart option={chart} height={320} label={t('active_customers')} />}
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
        <Card
          title={t('retention_by_tenure')}
          sub={`${t('target')}: ${t('year2')} ${fmtPct(o.retention_by_tenure.find((r) => r.tenure_year === 2)?.target ?? null, 0)} / ${t('year3')} ${fmtPct(o.retention_by_tenure.find((r) => r.tenure_year === 3)?.target ?? null, 0)}`}
        >
          {tenure && <Chart option={tenure} height={240} />}
        </Card>
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
                <span className="l">{t(k)}</span>
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
}
