// Customer diagnosis (A): where the year's change in active customers came from — the flows
// waterfall, new / retained / reactivated / churned against last year — and churn broken down
// by ladder level, recency, channel and entry product.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, Meter, Table } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { FindingList } from '../components/report-parts';
import { useReport } from '../state/data';
import { fieldColumns } from '../components/field-columns';
import { drawnShare, RateValue } from '../components/RateValue';
import { churnValueWords } from '../components/code-words';
import { fieldLabel } from '../report/fields';
import { Chart } from '../charts/Chart';
import { flowsWaterfall } from '../charts/options';
import { change, fmtChange, fmtInt, fmtPct } from '../format';
import type { ChurnRow, Flows } from '@report/index.js';

export function CustomerDiagnosisPage() {
  const i = useI18n();
  const { t, lang } = i;
  const loaded = useReport();
  const r = loaded.data;
  const waterfall = useMemo(
    () =>
      r
        ? flowsWaterfall(
            r.metrics.active_customers_prev_year,
            r.metrics.flows,
            r.metrics.active_customers,
            i,
          )
        : null,
    [r, i.lang],
  );
  return (
    <ReportPage
      title={t('page_customer_dx')}
      loaded={loaded}
      lead={(r) => `${t('flows')} · ${r.metrics.window_start} – ${r.as_of}`}
    >
      {(r) => {
        const cur = r.metrics.flows;
        const prev = r.metrics_prev_year.flows;
        const keys: (keyof Flows)[] = ['new', 'retained', 'reactivated', 'churned'];
        const churnTable = (title: string, rows: ChurnRow[]) => (
          <Card title={title} key={title}>
            <Table
              dense
              rows={rows}
              columns={[
                { key: 'v', label: t('item'), render: (x) => churnValueWords(x.value, t) },
                ...fieldColumns<ChurnRow, 'base' | 'churned' | 'churn_rate'>(
                  'churn_breakdown.by_channel[]',
                  ['base', 'churned', 'churn_rate'],
                  lang,
                  r.business.currency,
                  r.min_rate_base,
                ),
                {
                  key: 'm',
                  label: <span className="sr-only">{t('churn_rate')}</span>,
                  width: '28%',
                  render: (x) => (
                    <Meter share={drawnShare(x.churn_rate, x.base, r.min_rate_base)} tone="red" />
                  ),
                },
              ]}
            />
          </Card>
        );
        return (
          <>
            <div className="grid-2-1">
              <Card title={t('flows')}>
                {waterfall && <Chart option={waterfall} height={320} label={t('flows')} />}
              </Card>
              <Card title={`${t('flows')} · ${t('vs_last_year')}`}>
                <Table
                  rows={keys}
                  columns={[
                    {
                      key: 'k',
                      label: t('item'),
                      render: (k) => fieldLabel(`metrics.flows.${k}`, lang),
                    },
                    {
                      key: 'c',
                      label: r.as_of.slice(0, 4),
                      align: 'right',
                      render: (k) => fmtInt(cur[k]),
                    },
                    {
                      key: 'p',
                      label: t('vs_last_year'),
                      align: 'right',
                      render: (k) => fmtInt(prev[k]),
                    },
                    {
                      key: 'd',
                      label: '±',
                      align: 'right',
                      render: (k) => fmtChange(change(cur[k], prev[k])),
                    },
                  ]}
                />
                <p className="muted small">
                  {t('retention_rate')}:{' '}
                  <RateValue
                    rate={r.metrics.retention_rate}
                    n={r.metrics.retention_base}
                    min={r.min_rate_base}
                    inline
                  />{' '}
                  ({t('vs_last_year')} {fmtPct(r.metrics_prev_year.retention_rate)})
                </p>
              </Card>
            </div>
            <Card title={t('open_findings')}>
              <FindingList findings={r.findings.filter((f) => f.id.startsWith('customer.'))} />
            </Card>
            <h2 className="section-title">{t('churn_breakdown')}</h2>
            <div className="grid-2">
              {churnTable(t('by_ladder_level'), r.churn_breakdown.by_ladder_level)}
              {churnTable(t('by_recency_band'), r.churn_breakdown.by_recency_band)}
              {churnTable(t('by_channel'), r.churn_breakdown.by_channel)}
              {churnTable(t('by_entry_product'), r.churn_breakdown.by_entry_product)}
            </div>
          </>
        );
      }}
    </ReportPage>
  );
}
