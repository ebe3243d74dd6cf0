// Purchase diagnosis (B): purchases per active customer and order value against last year,
// customers past their own purchase interval (churn precursors), and customers acquired with a
// discount against the rest. Cards and tables come from report/page-cards.ts, their labels and
// formats from the report's field catalogue.
import { useI18n } from '../i18n';
import { Card, Table } from '../components/ui';
import { ComparisonTable } from '../components/ComparisonTable';
import { ReportPage } from '../components/ReportPage';
import { KpiCards } from '../components/KpiCards';
import { FindingList } from '../components/report-parts';
import { useReport } from '../state/data';
import { fieldLabel, fmtField } from '../report/fields';
import { purchaseCards, purchaseRows } from '../report/page-cards';
import type { DiscountGroup } from '@report/index.js';

export function PurchasePage() {
  const { t, lang } = useI18n();
  return (
    <ReportPage
      title={t('page_purchase')}
      loaded={useReport()}
      section={(r) => r.purchase}
      lead={(r) => `${r.purchase.current.window_start} – ${r.purchase.current.window_end}`}
    >
      {(r, p) => {
        const cur = r.business.currency;
        const rows = purchaseRows(p);
        const fmt = (path: string) => (v: number | null) => fmtField(path, v, lang, cur);
        const groups: [string, DiscountGroup][] = [
          [t('discounted'), p.discount_acquired.discounted],
          [t('other'), p.discount_acquired.other],
        ];
        const group = (k: keyof DiscountGroup) => `purchase.discount_acquired.discounted.${k}`;
        return (
          <>
            <KpiCards cards={purchaseCards(p)} currency={cur} className="kpis kpis-4" />
            <div className="grid-2">
              <Card title={`${t('purchase_current')} / ${t('purchase_previous')}`}>
                <ComparisonTable
                  testId="purchase-year"
                  rows={rows.year}
                  path={(k) => `purchase.current.${k}`}
                  currency={cur}
                  labels={[t('purchase_current'), t('purchase_previous')]}
                />
              </Card>
              <Card
                title={t('discount_acquired')}
                sub={`${p.discount_acquired.cohort_start} – ${p.discount_acquired.cohort_end}`}
              >
                <Table
                  dense
                  rows={groups}
                  columns={[
                    { key: 'g', label: t('item'), render: ([g]) => g },
                    ...(['cohort_customers', 'f2_rate', 'retention_rate'] as const).map((k) => ({
                      key: k,
                      label: fieldLabel(group(k), lang),
                      align: 'right' as const,
                      render: ([, x]: [string, DiscountGroup]) => fmt(group(k))(x[k]),
                    })),
                  ]}
                />
                <h3 className="sub-title">
                  {t('overdue')} (×{p.overdue.interval_multiple})
                </h3>
                <ComparisonTable
                  testId="purchase-overdue"
                  rows={rows.overdue}
                  path={(k) => `purchase.overdue.current.${k}`}
                  currency={cur}
                  labels={[p.overdue.current.as_of, p.overdue.previous.as_of]}
                  withChange={false}
                />
              </Card>
            </div>
            <Card title={t('open_findings')}>
              <FindingList findings={r.findings.filter((f) => f.id.startsWith('purchase.'))} />
            </Card>
          </>
        );
      }}
    </ReportPage>
  );
}
