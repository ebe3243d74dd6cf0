// Customer diagnosis (A): where the year's change in active customers came from — the flows
// waterfall, new / retained / reactivated / churned against last year — and churn broken down
// by ladder level, recency, channel and entry product.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, Meter, PageHeader, Table } from '../components/ui';
import { FindingList, NoCheckup, isNoCheckup } from '../components/report-parts';
import { useReport } from '../state/data';
import { Chart } from '../charts/Chart';
import { flowsWaterfall } from '../charts/options';
import { change, fmtChange, fmtInt, fmtPct } from '../format';
import type { ChurnRow, Flows } from '@report/index.js';

export function CustomerDiagnosisPage() {
  const i = useI18n();
  const { t } = i;
  const { data: r, error, reload } = useReport();
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
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_customer_dx')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!r) return <Loading />;
  const cur = r.metrics.flows;
  const prev = r.metrics_prev_year.flows;
  const keys: (keyof Flows)[] = ['new', 'retained', 'reactivated', 'churned'];
  const churnTable = (title: string, rows: ChurnRow[]) => (
    <Card title={title} key={title}>
      <Table
        dense
        rows={rows}
        columns={[
          { key: 'v', label: t('item'), render: (x) => x.value },
          { key: 'b', label: t('base'), align: 'right', render: (x) => fmtInt(x.base) },
          { key: 'c', label: t('churned'), align: 'right', render: (x) => fmtInt(x.churned) },
          { key: 'r', label: t('churn_rate'), align: 'right', render: (x) => fmtPct(x.churn_rate) },
          {
            key: 'm',
            label: '',
            width: '28%',
            render: (x) => <Meter share={x.churn_rate} tone="red" />,
          },
        ]}
      />
    </Card>
  );
  return (
    <>
      <PageHeader
        title={t('page_customer_dx')}
        lead={`${t('flows')} · ${r.metrics.window_start} – ${r.as_of}`}
      />
      <div className="grid-2-1">
        <Card title={t('flows')}>{waterfall && <Chart option={waterfall} height={320} />}</Card>
        <Card title={`${t('flows')} · ${t('vs_last_year')}`}>
          <Table
            rows={keys}
            columns={[
              { key: 'k', label: '', render: (k) => t(`flow_${k}`) },
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
            {t('retention_rate')}: <b>{fmtPct(r.metrics.retention_rate)}</b> ({t('vs_last_year')}{' '}
            {fmtPct(r.metrics_prev_year.retention_rate)})
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
}
