// New-customer asset audit (seed 002): did the customers of each acquisition month and channel
// repay what they cost to acquire? Facts only, from the report's asset_audit section.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, Stat, Table } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { FindingList } from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { auditChannels } from '../charts/options';
import { useReport } from '../state/data';
import { fmtInt, fmtMoney, fmtPct } from '../format';
import type { AuditCell, AuditFigures } from '@report/index.js';

type Row = AuditFigures & { channel: string; month?: string };

export function AuditPage() {
  const i = useI18n();
  const { t } = i;
  const loaded = useReport();
  const r = loaded.data;
  const a = r?.asset_audit;
  const option = useMemo(
    () => (a && r ? auditChannels(a, i, r.business.currency) : null),
    [a, r, i],
  );
  return (
    <ReportPage
      title={t('page_audit')}
      loaded={loaded}
      section={(r) => r.asset_audit}
      lead={(r) =>
        t('audit_lead', {
          from: r.asset_audit.from_month,
          to: r.asset_audit.to_month,
          rate: fmtPct(r.asset_audit.gross_margin_rate, 0),
        })
      }
    >
      {(r, a) => {
        const cur = r.business.currency;
        const money = (v: number | null) => fmtMoney(v, cur);
        const columns = (first: { key: string; label: string; render: (x: Row) => string }[]) => [
          ...first,
          {
            key: 'ad_spend',
            label: t('ad_spend'),
            align: 'right' as const,
            render: (x: Row) => money(x.ad_spend),
          },
          {
            key: 'new',
            label: t('new_customers'),
            align: 'right' as const,
            render: (x: Row) => fmtInt(x.new_customers),
          },
          {
            key: 'cpa',
            label: t('cpa'),
            align: 'right' as const,
            render: (x: Row) => money(x.cpa),
          },
          {
            key: 'active',
            label: t('audit_still_active'),
            align: 'right' as const,
            render: (x: Row) => fmtInt(x.active),
          },
          {
            key: 'churned',
            label: t('audit_churned'),
            align: 'right' as const,
            render: (x: Row) => fmtInt(x.churned),
          },
          {
            key: 'gp',
            label: t('gross_profit_per_customer'),
            align: 'right' as const,
            render: (x: Row) => money(x.gross_profit_per_customer),
          },
          {
            key: 'recovered',
            label: t('recovered_share'),
            align: 'right' as const,
            render: (x: Row) => fmtPct(x.recovered_share),
          },
          {
            key: 'lost_n',
            label: t('unrecovered_customers'),
            align: 'right' as const,
            render: (x: Row) => fmtInt(x.unrecovered_customers),
          },
          {
            key: 'lost',
            label: t('unrecovered_cost'),
            align: 'right' as const,
            render: (x: Row) => money(x.unrecovered_cost),
          },
        ];
        const tot = a.total;
        const cells = [...a.cells].sort(
          (x: AuditCell, y: AuditCell) =>
            y.month.localeCompare(x.month) || x.channel.localeCompare(y.channel),
        );
        return (
          <>
            <div className="kpis kpis-4">
              <Stat
                label={t('cpa')}
                value={money(tot.cpa)}
                delta={`${t('ad_spend')} ${money(tot.ad_spend)}`}
              />
              <Stat
                label={t('new_customers')}
                value={fmtInt(tot.new_customers)}
                delta={`${t('audit_churned')} ${fmtInt(tot.churned)}`}
              />
              <Stat label={t('recovered_share')} value={fmtPct(tot.recovered_share)} />
              <Stat
                label={t('unrecovered_cost')}
                value={money(tot.unrecovered_cost)}
                delta={`${t('unrecovered_customers')} ${fmtInt(tot.unrecovered_customers)}`}
              />
            </div>
            {tot.ad_spend === null && (
              <Card>
                <p className="muted">{t('audit_no_spend')}</p>
              </Card>
            )}
            <Card title={t('open_findings')}>
              <FindingList findings={r.findings.filter((f) => f.id.startsWith('audit.'))} />
            </Card>
            {option && a.by_channel.some((x) => x.cpa !== null) && (
              <Card title={t('audit_chart')}>
                <Chart option={option} height={300} label={t('audit_chart')} />
              </Card>
            )}
            <Card title={t('audit_by_channel')}>
              <Table
                dense
                testId="audit-by-channel"
                rows={a.by_channel as Row[]}
                columns={columns([
                  { key: 'channel', label: t('acquisition_channel'), render: (x) => x.channel },
                ])}
              />
            </Card>
            <Card title={t('audit_by_month')}>
              <Table
                dense
                rows={cells as Row[]}
                columns={columns([
                  { key: 'month', label: t('acquisition_month'), render: (x) => x.month ?? '' },
                  { key: 'channel', label: t('acquisition_channel'), render: (x) => x.channel },
                ])}
              />
            </Card>
          </>
        );
      }}
    </ReportPage>
  );
}
