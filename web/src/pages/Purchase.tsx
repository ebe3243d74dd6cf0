// Purchase diagnosis (B): purchases per active customer and order value against last year,
// customers past their own purchase interval (churn precursors), and customers acquired with a
// discount against the rest.
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, NotComputed, PageHeader, Stat, Table } from '../components/ui';
import { FindingList, NoCheckup, isNoCheckup } from '../components/report-parts';
import { useReport } from '../state/data';
import { change, fmtChange, fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import type { DiscountGroup, OverdueSnapshot, PurchaseYear } from '../api/types';
import type { MessageKey } from '../i18n';

export function PurchasePage() {
  const { t } = useI18n();
  const { data: r, error, reload } = useReport();
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_purchase')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!r) return <Loading />;
  const p = r.purchase;
  const findings = r.findings.filter((f) => f.id.startsWith('purchase.'));
  if (!p)
    return (
      <>
        <PageHeader title={t('page_purchase')} />
        <Card>
          <NotComputed what={t('page_purchase')} />
        </Card>
      </>
    );
  const cur = r.business.currency;
  const tone = (x: number | null) =>
    x === null || Math.abs(x) < 0.0005 ? 'flat' : x > 0 ? 'up' : 'down';
  const rows: { key: keyof PurchaseYear; fmt: (v: number | null) => string }[] = [
    { key: 'active_customers', fmt: fmtInt },
    { key: 'purchases', fmt: fmtInt },
    { key: 'purchases_per_active', fmt: (v) => fmtNum(v, 2) },
    { key: 'purchase_days_per_active', fmt: (v) => fmtNum(v, 2) },
    { key: 'average_order_value', fmt: (v) => fmtMoney(v, cur) },
    { key: 'purchase_amount', fmt: (v) => fmtMoney(v, cur) },
    { key: 'discount_purchase_share', fmt: (v) => fmtPct(v) },
  ];
  const overdueRows: {
    key: MessageKey;
    field: keyof OverdueSnapshot;
    fmt: (v: number | null) => string;
  }[] = [
    { key: 'repeat_customers', field: 'repeat_customers', fmt: fmtInt },
    { key: 'overdue_customers', field: 'overdue_customers', fmt: fmtInt },
    { key: 'overdue_active', field: 'overdue_active', fmt: fmtInt },
    { key: 'overdue_share', field: 'overdue_share', fmt: (v) => fmtPct(v) },
    { key: 'median_f2_days', field: 'median_f2_days', fmt: fmtInt },
    { key: 'single_past_median_f2', field: 'single_past_median_f2', fmt: fmtInt },
  ];
  const label = (k: string) => (t as (k: string) => string)(k) ?? k;
  const groups: [string, DiscountGroup][] = [
    [t('discounted'), p.discount_acquired.discounted],
    [t('other'), p.discount_acquired.other],
  ];
  return (
    <>
      <PageHeader
        title={t('page_purchase')}
        lead={`${p.current.window_start} – ${p.current.window_end}`}
      />
      <div className="kpis kpis-4">
        <Stat
          label={t('purchases_per_active')}
          value={fmtNum(p.current.purchases_per_active, 2)}
          delta={`${fmtChange(change(p.current.purchases_per_active, p.previous.purchases_per_active))} ${t('vs_last_year')}`}
          deltaTone={tone(change(p.current.purchases_per_active, p.previous.purchases_per_active))}
        />
        <Stat
          label={t('average_order_value')}
          value={fmtMoney(p.current.average_order_value, cur)}
          delta={`${fmtChange(change(p.current.average_order_value, p.previous.average_order_value))} ${t('vs_last_year')}`}
          deltaTone={tone(change(p.current.average_order_value, p.previous.average_order_value))}
        />
        <Stat
          label={t('overdue_active')}
          value={fmtInt(p.overdue.current.overdue_active)}
          delta={`${p.overdue.change >= 0 ? '+' : ''}${fmtInt(p.overdue.change)} ${t('vs_last_year')}`}
          deltaTone={p.overdue.change > 0 ? 'down' : 'up'}
        />
        <Stat
          label={t('overdue_share')}
          value={fmtPct(p.overdue.current.overdue_share)}
          delta={`${fmtPct(p.overdue.previous.overdue_share)} ${t('vs_last_year')}`}
        />
      </div>
      <div className="grid-2">
        <Card title={`${t('purchase_current')} / ${t('purchase_previous')}`}>
          <Table
            dense
            rows={rows}
            columns={[
              { key: 'k', label: '', render: (x) => label(x.key) },
              {
                key: 'c',
                label: t('purchase_current'),
                align: 'right',
                render: (x) => x.fmt(p.current[x.key] as number | null),
              },
              {
                key: 'p',
                label: t('purchase_previous'),
                align: 'right',
                render: (x) => x.fmt(p.previous[x.key] as number | null),
              },
              {
                key: 'd',
                label: '±',
                align: 'right',
                render: (x) =>
                  fmtChange(
                    change(p.current[x.key] as number | null, p.previous[x.key] as number | null),
                  ),
              },
            ]}
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
              { key: 'g', label: '', render: ([g]) => g },
              {
                key: 'n',
                label: t('new_customers'),
                align: 'right',
                render: ([, x]) => fmtInt(x.cohort_customers),
              },
              {
                key: 'f2',
                label: t('f2_rate'),
                align: 'right',
                render: ([, x]) => fmtPct(x.f2_rate),
              },
              {
                key: 'r',
                label: t('retention_rate'),
                align: 'right',
                render: ([, x]) => fmtPct(x.retention_rate),
              },
            ]}
          />
          <h3 className="sub-title">
            {t('overdue')} (×{p.overdue.interval_multiple})
          </h3>
          <Table
            dense
            rows={overdueRows}
            columns={[
              { key: 'k', label: '', render: (x) => t(x.key) },
              {
                key: 'c',
                label: p.overdue.current.as_of,
                align: 'right',
                render: (x) => x.fmt(p.overdue.current[x.field] as number | null),
              },
              {
                key: 'p',
                label: p.overdue.previous.as_of,
                align: 'right',
                render: (x) => x.fmt(p.overdue.previous[x.field] as number | null),
              },
            ]}
          />
        </Card>
      </div>
      <Card title={t('open_findings')}>
        <FindingList findings={findings} />
      </Card>
    </>
  );
}
