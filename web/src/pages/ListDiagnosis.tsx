// List diagnosis (the blood test): active customers against 7, 30 and 365 days earlier, the
// active-customer and revenue series together, and the list findings.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, Stat } from '../components/ui';
import { FindingList, NoCheckup, isNoCheckup, useOverview } from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { activeAndRevenue } from '../charts/options';
import { change, fmtChange, fmtInt } from '../format';

export function ListPage() {
  const i = useI18n();
  const { t } = i;
  const { data: o, error, reload } = useOverview();
  const chart = useMemo(
    () => (o ? activeAndRevenue(o.series, i, o.business.currency) : null),
    [o, i.lang],
  );
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_list')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!o) return <Loading />;
  const s = o.series;
  const now = s[s.length - 1]?.active_customers ?? o.metrics.active_customers;
  const ago = (days: number) => s[s.length - 1 - days]?.active_customers ?? null;
  const comps: [string, number | null][] = [
    [t('change_7d'), ago(7)],
    [t('change_30d'), ago(30)],
    [t('change_365d'), o.metrics_prev_year.active_customers],
  ];
  const tone = (r: number | null) =>
    r === null || Math.abs(r) < 0.0005 ? 'flat' : r > 0 ? 'up' : 'down';
  return (
    <>
      <PageHeader title={t('page_list')} lead={t('list_lead')} />
      <div className="kpis kpis-4">
        <Stat label={`${t('active_customers')} · ${o.as_of}`} value={fmtInt(now)} />
        {comps.map(([label, prev]) => (
          <Stat
            key={label}
            label={label}
            value={fmtChange(change(now, prev))}
            delta={`${fmtInt(prev)} → ${fmtInt(now)}`}
            deltaTone={tone(change(now, prev))}
          />
        ))}
      </div>
      <Card title={`${t('active_customers')} · ${t('trailing_revenue')}`}>
        {chart && <Chart option={chart} height={380} />}
      </Card>
      <Card title={t('open_findings')}>
        <FindingList findings={o.findings.filter((f) => f.id.startsWith('list.'))} />
      </Card>
    </>
  );
}
