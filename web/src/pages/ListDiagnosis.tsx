// List diagnosis (the blood test): active customers against 7, 30 and 365 days earlier, the
// active-customer and revenue series together, and the list findings.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { KpiCard } from '../components/KpiCards';
import { FindingList, useOverview } from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { activeAndRevenue } from '../charts/options';
import { listCards } from '../report/page-cards';

export function ListPage() {
  const i = useI18n();
  const { t } = i;
  const loaded = useOverview();
  const o = loaded.data;
  const chart = useMemo(
    () => (o ? activeAndRevenue(o.series, i, o.business.currency) : null),
    [o, i.lang],
  );
  const title = `${t('active_customers')} · ${t('trailing_revenue')}`;
  return (
    <ReportPage title={t('page_list')} loaded={loaded} lead={() => t('list_lead')}>
      {(o) => (
        <>
          <div className="kpis kpis-4">
            {listCards(o).map((c) => (
              <KpiCard
                key={c.id}
                card={c}
                currency={o.business.currency}
                label={
                  c.compare
                    ? t(
                        c.compare.when.days === 365
                          ? 'change_365d'
                          : c.compare.when.days === 30
                            ? 'change_30d'
                            : 'change_7d',
                      )
                    : `${t('active_customers')} · ${o.as_of}`
                }
              />
            ))}
          </div>
          <Card title={title}>{chart && <Chart option={chart} height={380} label={title} />}</Card>
          <Card title={t('open_findings')}>
            <FindingList findings={o.findings.filter((f) => f.id.startsWith('list.'))} />
          </Card>
        </>
      )}
    </ReportPage>
  );
}
