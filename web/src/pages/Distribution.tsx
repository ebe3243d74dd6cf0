// Distribution diagnosis (C): how many promotions reach each active customer, who they reach
// (coverage of active and at-risk customers), how concentrated they are (Gini, top-10 % share),
// who gets too many, and whether a contact makes people buy more than comparable uncontacted
// customers, per channel and campaign, with its n, interval and verdict and cost per response.
import { useI18n } from '../i18n';
import { Card, Meter, Stat, Table, type Column } from '../components/ui';
import { KpiCard } from '../components/KpiCards';
import { RateValue } from '../components/RateValue';
import { fieldColumns } from '../components/field-columns';
import { channelWords } from '../components/code-words';
import { fieldLabel } from '../report/fields';
import { distributionCards, distributionRows } from '../report/page-cards';
import { ReportPage } from '../components/ReportPage';
import { FindingList } from '../components/report-parts';
import { useReport } from '../state/data';
import { fmtInt, fmtNum, fmtPct, fmtPoints, fmtPointsRange } from '../format';
import type { ChannelIntensity, Coverage, DistributionReport, ResponseRow } from '@report/index.js';

export function DistributionPage() {
  const { t } = useI18n();
  return (
    <ReportPage
      title={t('page_distribution')}
      loaded={useReport()}
      lead={(r) => `${r.metrics.window_start} – ${r.as_of}`}
    >
      {(r) => (
        <>
          <Detailed d={r.distribution} currency={r.business.currency} min={r.min_rate_base} />
          <Card title={t('open_findings')}>
            <FindingList findings={r.findings.filter((f) => f.id.startsWith('distribution.'))} />
          </Card>
        </>
      )}
    </ReportPage>
  );
}

/** The distribution section in full. */
function Detailed({ d, currency, min }: { d: DistributionReport; currency: string; min: number }) {
  const { t, lang } = useI18n();
  const cols = <T extends object, K extends keyof T & string>(prefix: string, keys: readonly K[]) =>
    fieldColumns<T, K>(prefix, keys, lang, currency);
  const channel = (c: string) => channelWords(c, t);
  // Each rate with its base beneath it (k/n), and the uplift (against uncontacted customers of
  // the same month and status: not a follow-up step's lift, docs/metrics.md) in points with its
  // 95 % interval, p and verdict, so that +5.4pt on a few customers is not read as a finding.
  const withBase = (rate: string, base: string) => (
    <>
      {rate}
      <div className="muted small">{base}</div>
    </>
  );
  const right = { align: 'right' as const, nowrap: true };
  const respCols = (prefix: string, first: Column<ResponseRow>): Column<ResponseRow>[] => [
    first,
    ...cols<ResponseRow, keyof ResponseRow & string>(prefix, ['contacts']),
    {
      key: 'response_rate',
      label: fieldLabel(`${prefix}.response_rate`, lang),
      ...right,
      // With its n and interval, or "too few to judge" on a campaign sent to a handful.
      render: (x) => <RateValue rate={x.response_rate} n={x.contacted_customers} min={min} />,
    },
    {
      key: 'control_rate',
      label: fieldLabel(`${prefix}.control_rate`, lang),
      ...right,
      render: (x) => withBase(fmtPct(x.control_rate), `n ${fmtInt(x.control_customers)}`),
    },
    {
      key: 'uplift',
      label: t('uplift'),
      ...right,
      render: (x) =>
        withBase(
          fmtPoints(x.response_rate, x.control_rate),
          fmtPointsRange(x.uplift_low, x.uplift_high),
        ),
    },
    { key: 'uplift_p', label: 'p', ...right, render: (x) => fmtNum(x.uplift_p, 3) },
    {
      key: 'uplift_verdict',
      label: t('lift_verdict'),
      nowrap: true,
      render: (x) => (x.uplift_verdict ? t(`lift_${x.uplift_verdict}`) : '—'),
    },
    ...cols<ResponseRow, keyof ResponseRow & string>(prefix, [
      'cost_per_response',
      'cost_per_incremental_response',
    ]),
  ];
  /** The response rows by channel or by campaign, named by `label` and `name`. */
  const responseTable = (
    by: 'by_channel' | 'by_campaign',
    label: string,
    name: (x: ResponseRow) => string,
  ) => (
    <Table
      dense
      rows={d.response[by]}
      columns={respCols(`distribution.response.${by}[]`, { key: 'k', label, render: name })}
    />
  );
  const cov = (label: string, c: Coverage) => ({ label, ...c });
  const covRow = (l: string) => `distribution.coverage.active.${l}`;
  // The all-channels row: the section's own totals, against which the card is checked.
  const total = distributionRows(d)[0];
  const channels: (ChannelIntensity | null)[] = [null, ...d.by_channel];
  return (
    <>
      <div className="kpis">
        <KpiCard card={distributionCards(d)[0]} currency={currency} />
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
          label={fieldLabel('distribution.gini', lang)}
          value={fmtNum(d.gini, 2)}
          note={`${fieldLabel('distribution.top10_share', lang)} ${fmtPct(d.top10_share)}`}
        />
        <Stat
          label={fieldLabel('distribution.over_contacted_active', lang)}
          value={fmtInt(d.over_contacted_active)}
          note={t('more_than_per_year', { n: fmtInt(d.over_contacted_threshold) })}
        />
      </div>
      <div className="grid-2">
        <Card title={`${t('contacts_per_active')} · ${t('by_channel_short')}`}>
          <Table
            dense
            testId="distribution-by-channel"
            rows={channels}
            columns={[
              {
                key: 'c',
                label: fieldLabel('distribution.by_channel[].channel', lang),
                render: (x) => (x ? channel(x.channel) : <b>{t('all_channels')}</b>),
              },
              {
                key: 'n',
                label: fieldLabel('distribution.by_channel[].contacts', lang),
                align: 'right',
                render: (x) => fmtInt(x ? x.contacts : d.contacts),
              },
              {
                key: 'a',
                label: fieldLabel('distribution.by_channel[].contacts_per_active', lang),
                align: 'right',
                render: (x) => fmtNum(x ? x.contacts_per_active : total.current, 2),
              },
              {
                key: 'p',
                label: fieldLabel('distribution.by_channel[].contacts_per_active_prev_year', lang),
                align: 'right',
                render: (x) => fmtNum(x ? x.contacts_per_active_prev_year : total.previous, 2),
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
              { key: 'l', label: t('item'), render: (x) => x.label },
              ...cols<Coverage, keyof Coverage & string>('distribution.coverage.active', [
                'customers',
                'coverage_recent',
              ]),
              {
                key: 'm',
                label: (
                  <span className="sr-only">{fieldLabel(covRow('coverage_recent'), lang)}</span>
                ),
                width: '22%',
                render: (x) => <Meter share={x.coverage_recent} />,
              },
              ...cols<Coverage, keyof Coverage & string>('distribution.coverage.active', [
                'coverage_year',
              ]),
            ]}
          />
        </Card>
      </div>
      <Card
        title={t('response_by_channel')}
        sub={`${d.response.period_start} – ${d.response.period_end} · ${t('within_days', { n: d.response.window_days })}`}
      >
        <p className="muted small">{t('uplift_note')}</p>
        {responseTable('by_channel', t('channel'), (x) => channel(x.key))}
      </Card>
      <Card title={t('response_by_campaign')}>
        {responseTable('by_campaign', t('campaign'), (x) => x.name ?? x.key)}
      </Card>
    </>
  );
}
