// Findings history: when each problem began and ended over the stored checkups, with the
// current findings in full.
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, SeverityBadge, Table } from '../components/ui';
import { FindingList } from '../components/report-parts';
import { useApi, useReport } from '../state/data';
import type { Episode } from '../../../src/domain/diagnosis/history.js';

export function FindingsPage() {
  const { t, tx } = useI18n();
  const h = useApi<{ dates: string[]; episodes: Episode[] }>('/api/findings/history');
  const r = useReport();
  if (h.error) return <ErrorBox error={h.error} onRetry={h.reload} />;
  if (!h.data) return <Loading />;
  const { dates, episodes } = h.data;
  const first = dates[0];
  const last = dates[dates.length - 1];
  const span = first && last ? Date.parse(last) - Date.parse(first) || 1 : 1;
  const pos = (d: string) => ((Date.parse(d) - Date.parse(first)) / span) * 100;
  const sorted = [...episodes].sort(
    (a, b) =>
      (a.ended === null ? 0 : 1) - (b.ended === null ? 0 : 1) || b.began.localeCompare(a.began),
  );
  return (
    <>
      <PageHeader
        title={t('page_findings')}
        lead={first ? `${first} – ${last} · ${t('n_checkups', { n: dates.length })}` : undefined}
      />
      {r.data && (
        <Card title={`${t('open_findings')} · ${r.data.as_of}`}>
          <FindingList findings={r.data.findings} />
        </Card>
      )}
      <Card title={t('episodes')}>
        <Table<Episode>
          testId="episodes"
          rows={sorted}
          empty={t('no_findings')}
          columns={[
            {
              key: 's',
              label: '',
              width: 72,
              render: (e) => <SeverityBadge severity={e.severity} />,
            },
            { key: 't', label: t('item'), render: (e) => <span>{tx(e.title)}</span> },
            { key: 'b', label: t('began'), nowrap: true, render: (e) => e.began },
            {
              key: 'e',
              label: t('ended'),
              nowrap: true,
              render: (e) => e.ended ?? <b className="open-tag">{t('open')}</b>,
            },
            {
              key: 'bar',
              label: '',
              width: '30%',
              render: (e) => (
                <span className="timeline">
                  <span
                    className={`timeline-bar sev-${e.severity}`}
                    style={{
                      left: `${pos(e.began)}%`,
                      width: `${Math.max(1.5, pos(e.ended ?? e.last_seen) - pos(e.began))}%`,
                    }}
                  />
                </span>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
