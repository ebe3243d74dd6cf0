// Distribution diagnosis (C): how many promotions reach each active customer, who they reach
// (coverage of active and at-risk customers), how concentrated they are (Gini, top-10 % share),
// who gets too many, and whether a contact makes people buy more than comparable uncontacted
// customers, per channel and campaign, with cost per response.
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, Meter, PageHeader, Stat, Table } from '../components/ui';
import { FindingList, NoCheckup, isNoCheckup } from '../components/report-parts';
import { GenericSection } from '../components/GenericSection';
import { useReport } from '../state/data';
import { fmtInt, fmtMoney, fmtNum, fmtPct, fmtPoints } from '../format';
import type { DistributionReport, ResponseRow } from '@report/index.js';

export function DistributionPage() {
  const { t } = useI18n();
  const { data: r, error, reload } = useReport();
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_distribution')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!r) return <Loading />;
  const m = r.metrics;
  const p = r.metrics_prev_year;
  const d = r.distribution;
  const detailed = d && typeof d === 'object' && 'coverage' in d && 'response' in d;
  return (
    <>
      <PageHeader title={t('page_distribution')} lead={`${m.window_start} – ${r.as_of}`} />
      {detailed ? (
        <Detailed d={d} currency={r.business.currency} />
      ) : (
        <>
          <div className="kpis kpis-4">
            <Stat
              label={t('contacts_per_active')}
              value={fmtNum(m.contacts_per_active)}
              delta={`${fmtNum(p.contacts_per_active)} ${t('vs_last_year')}`}
            />
            <Stat
              label={t('contacts')}
              value={fmtInt(m.contacts)}
              delta={`${fmtInt(p.contacts)} ${t('vs_last_year')}`}
            />
            <Stat label={t('active_customers')} value={fmtInt(m.active_customers)} />
          </div>
          <Card title={`${t('contacts_per_active')} · ${t('by_channel_short')}`}>
            <Table
              dense
              rows={[
                ...new Set([
                  ...Object.keys(m.contacts_per_active_by_channel),
                  ...Object.keys(p.contacts_per_active_by_channel),
                ]),
              ]}
              columns={[
                { key: 'c', label: t('channel'), render: (c) => c },
                {
                  key: 'n',
                  label: r.as_of.slice(0, 4),
                  align: 'right',
                  render: (c) => fmtNum(m.contacts_per_active_by_channel[c] ?? null),
                },
                {
                  key: 'p',
                  label: t('vs_last_year'),
                  align: 'right',
                  render: (c) => fmtNum(p.contacts_per_active_by_channel[c] ?? null),
                },
              ]}
            />
          </Card>
          {d ? (
            <Card>
              <GenericSection data={d as never} />
            </Card>
          ) : null}
        </>
      )}
      <Card title={t('open_findings')}>
        <FindingList findings={r.findings.filter((f) => f.id.startsWith('distribution.'))} />
      </Card>
    </>
  );
}

/** The distribution section in full. */
function Detailed({ d, currency }: { d: DistributionReport; currency: string }) {
  const { t } = useI18n();
  const respCols = (keyLabel: string) => [
    { key: 'k', label: keyLabel, render: (x: ResponseRow) => x.name ?? x.key },
    {
      key: 'n',
      label: t('contacts'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtInt(x.contacts),
    },
    {
      key: 'r',
      label: t('response_rate'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtPct(x.response_rate),
    },
    {
      key: 'c',
      label: t('control_rate'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtPct(x.control_rate),
    },
    {
      key: 'u',
      label: t('uplift'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtPoints(x.response_rate, x.control_rate),
    },
    {
      key: 'cpr',
      label: t('cost_per_response'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtMoney(x.cost_per_response, currency),
    },
    {
      key: 'cpi',
      label: t('cost_per_incremental'),
      align: 'right' as const,
      render: (x: ResponseRow) => fmtMoney(x.cost_per_incremental_response, currency),
    },
  ];
  const cov = (label: string, c: DistributionReport['coverage']['active']) => ({ label, c });
  return (
    <>
      <div className="kpis">
        <Stat
          label={t('contacts_per_active')}
          value={fmtNum(d.contacts_per_active)}
          delta={`${fmtNum(d.contacts_per_active_prev_year)} ${t('vs_last_year')}`}
        />
        <Stat
          label={t('coverage_active')}
          value={fmtPct(d.coverage.active.coverage_recent)}
          note={t('within_days', { n: d.coverage.recent_days })}
        />
        <Stat
          label={t('coverage_at_risk')}
          value={fmtPct(d.coverage.at_risk.coverage_recent)}
          note={t('within_days', { n: d.coverage.recent_days })}
        />
        <Stat
          label={t('gini')}
          value={fmtNum(d.gini, 2)}
          note={`${t('top10_share')} ${fmtPct(d.top10_share)}`}
        />
        <Stat
          label={t('over_contacted')}
          value={fmtInt(d.over_contacted_active)}
          note={t('more_than_per_year', { n: fmtInt(d.over_contacted_threshold) })}
        />
      </div>
      <div className="grid-2">
        <Card title={`${t('contacts_per_active')} · ${t('by_channel_short')}`}>
          <Table
            dense
            rows={d.by_channel}
            columns={[
              { key: 'c', label: t('channel'), render: (x) => x.channel },
              { key: 'n', label: t('contacts'), align: 'right', render: (x) => fmtInt(x.contacts) },
              {
                key: 'a',
                label: t('contacts_per_active'),
                align: 'right',
                render: (x) => fmtNum(x.contacts_per_active),
              },
              {
                key: 'p',
                label: t('vs_last_year'),
                align: 'right',
                render: (x) => fmtNum(x.contacts_per_active_prev_year),
              },
            ]}
          />
        </Card>
        <Card title={t('coverage')}>
          <Table
            dense
            rows={[
              cov(t('active_customers'), d.coverage.active),
              cov(t('at_risk_customers'), d.coverage.at_risk),
            ]}
            columns={[
              { key: 'l', label: '', render: (x) => x.label },
              {
                key: 'n',
                label: t('customers_n'),
                align: 'right',
                render: (x) => fmtInt(x.c.customers),
              },
              {
                key: 'r',
                label: t('within_days', { n: d.coverage.recent_days }),
                align: 'right',
                render: (x) => fmtPct(x.c.coverage_recent),
              },
              {
                key: 'm',
                label: '',
                width: '22%',
                render: (x) => <Meter share={x.c.coverage_recent} />,
              },
              {
                key: 'y',
                label: t('in_the_year'),
                align: 'right',
                render: (x) => fmtPct(x.c.coverage_year),
              },
            ]}
          />
        </Card>
      </div>
      <Card
        title={t('response_by_channel')}
        sub={`${d.response.period_start} – ${d.response.period_end} · ${t('within_days', { n: d.response.window_days })}`}
      >
        <Table dense rows={d.response.by_channel} columns={respCols(t('channel'))} />
      </Card>
      <Card title={t('response_by_campaign')}>
        <Table dense rows={d.response.by_campaign} columns={respCols(t('campaign'))} />
      </Card>
    </>
  );
}
