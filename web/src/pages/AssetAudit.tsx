// New-customer asset audit (seed 002): did the customers of each acquisition month and channel
// repay what they cost to acquire? Facts only, from the report's asset_audit section.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, Stat, Table, type Column } from '../components/ui';
import { fieldColumns } from '../components/field-columns';
import { channelWords } from '../components/code-words';
import { ReportPage } from '../components/ReportPage';
import { FindingList } from '../components/report-parts';
import { Chart } from '../charts/Chart';
import { auditChannels } from '../charts/options';
import { useReport } from '../state/data';
import { fmtPct } from '../format';
import { fieldLabel, fmtField } from '../report/fields';
import type { AuditCell, AuditFigures } from '@report/index.js';

type Row = AuditFigures & { channel: string; month?: string };

const FIGURES = [
  'ad_spend',
  'new_customers',
  'cpa',
  'active',
  'churned',
  'gross_profit_per_customer',
  'recovered_share',
  'unrecovered_customers',
  'unrecovered_cost',
] as const;

export function AuditPage() {
  const i = useI18n();
  const { t, lang } = i;
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
        // The figures' columns, named and formatted by the catalogue (the same fields for a
        // channel and a month × channel cell).
        const columns = (first: Column<Row>[]) => [
          ...first,
          ...fieldColumns<Row, keyof AuditFigures & string>(
            'asset_audit.total',
            FIGURES,
            lang,
            cur,
          ),
        ];
        const tot = a.total;
        const cells = [...a.cells].sort(
          (x: AuditCell, y: AuditCell) =>
            y.month.localeCompare(x.month) || x.channel.localeCompare(y.channel),
        );
        return (
          <>
            <div className="kpis kpis-4">
              {(
                [
                  ['cpa', 'ad_spend'],
                  ['new_customers', 'churned'],
                  ['recovered_share', null],
                  ['unrecovered_cost', 'unrecovered_customers'],
                ] as const
              ).map(([k, n]) => (
                <Stat
                  key={k}
                  testId={`kpi-audit-${k}`}
                  label={fieldLabel(`asset_audit.total.${k}`, lang)}
                  value={fmtField(`asset_audit.total.${k}`, tot[k], lang, cur)}
                  note={
                    n
                      ? `${fieldLabel(`asset_audit.total.${n}`, lang)} ${fmtField(`asset_audit.total.${n}`, tot[n], lang, cur)}`
                      : undefined
                  }
                />
              ))}
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
                  {
                    key: 'channel',
                    label: t('acquisition_channel'),
                    render: (x) => channelWords(x.channel, t),
                  },
                ])}
              />
            </Card>
            <Card title={t('audit_by_month')}>
              <Table
                dense
                rows={cells as Row[]}
                columns={columns([
                  { key: 'month', label: t('acquisition_month'), render: (x) => x.month ?? '' },
                  {
                    key: 'channel',
                    label: t('acquisition_channel'),
                    render: (x) => channelWords(x.channel, t),
                  },
                ])}
              />
            </Card>
          </>
        );
      }}
    </ReportPage>
  );
}
