// The monthly five numbers (seed 000): this month rated against the thresholds, the state it
// puts the business in and what to do, and the numbers of the last months.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card, Table } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { useReport } from '../state/data';
import { fieldLabel, fmtField } from '../report/fields';
import { Chart } from '../charts/Chart';
import { COLORS } from '../charts/theme';
import { fmtCompactMoney, fmtInt, fmtMoney } from '../format';
import type { FiveKey, FiveNumbersCounts } from '@report/index.js';

const KEYS: FiveKey[] = [
  'total_customers',
  'existing_customers',
  'new_customers',
  'existing_avg_spend',
  'new_avg_spend',
];

export function FiveNumbersPage() {
  const i = useI18n();
  const { t, tx, lang } = i;
  const loaded = useReport();
  const r = loaded.data;
  const chart = useMemo(() => {
    if (!r) return null;
    const months = r.five_numbers_by_month;
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('existing_customers'), t('new_customers'), t('revenue')] },
      grid: { left: 56, right: 72, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => fmtInt(v) } },
        {
          type: 'value',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => fmtCompactMoney(v, lang, r.business.currency) },
        },
      ],
      series: [
        {
          name: t('existing_customers'),
          type: 'bar',
          stack: 'c',
          data: months.map((m) => m.existing_customers),
          itemStyle: { color: COLORS.primary },
        },
        {
          name: t('new_customers'),
          type: 'bar',
          stack: 'c',
          data: months.map((m) => m.new_customers),
          itemStyle: { color: COLORS.green },
        },
        {
          name: t('revenue'),
          type: 'line',
          yAxisIndex: 1,
          data: months.map((m) => m.revenue),
          itemStyle: { color: COLORS.accent },
          symbol: 'circle',
          symbolSize: 5,
        },
      ],
    };
  }, [r, lang]);
  return (
    <ReportPage
      title={t('page_five')}
      loaded={loaded}
      lead={(r) => `${r.five_numbers.month}${r.five_numbers.month_to_date ? ` (${t('mtd')})` : ''}`}
    >
      {(r) => {
        const a = r.five_numbers_assessment;
        const f = r.five_numbers;
        const cur = r.business.currency;
        const fmt = (k: FiveKey, v: number | null) => fmtField(`five_numbers.${k}`, v, lang, cur);
        return (
          <>
            <div className="five-grid">
              {KEYS.map((k) => (
                <div key={k} className={`five-card ${a.ratings[k]}`} data-five={k}>
                  <div className="five-label">{fieldLabel(`five_numbers.${k}`, lang)}</div>
                  <div className="five-value">{fmt(k, f[k])}</div>
                  <div className="five-threshold">
                    {t('threshold')} {fmt(k, a.thresholds[k])} ·{' '}
                    <b>{a.ratings[k] === 'high' ? t('rating_high') : t('rating_low')}</b>
                  </div>
                </div>
              ))}
            </div>
            <div className="grid-2">
              <Card title={t('state')}>
                <div className={`state-pill state-${a.state}`}>{tx(a.state_text)}</div>
                <h3 className="sub-title">{t('what_to_do')}</h3>
                {a.prescriptions.length ? (
                  <ul className="prescriptions">
                    {a.prescriptions.map((p) => (
                      <li key={p.key}>
                        <b>{fieldLabel(`five_numbers.${p.key}`, lang)}</b>
                        <span>{tx(p.text)}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">—</p>
                )}
              </Card>
              <Card title={`${t('existing_customers')} · ${t('new_customers')} · ${t('revenue')}`}>
                {chart && (
                  <Chart
                    option={chart}
                    height={280}
                    label={`${t('existing_customers')} · ${t('new_customers')} · ${t('revenue')}`}
                  />
                )}
              </Card>
            </div>
            <Card title={t('page_five')}>
              <Table<FiveNumbersCounts>
                dense
                rows={[...r.five_numbers_by_month].reverse()}
                columns={[
                  {
                    key: 'm',
                    label: t('five_month'),
                    render: (m) => `${m.month}${m.month_to_date ? ' *' : ''}`,
                  },
                  ...KEYS.map((k) => ({
                    key: k,
                    label: fieldLabel(`five_numbers.${k}`, lang),
                    align: 'right' as const,
                    render: (m: FiveNumbersCounts) => fmt(k, m[k]),
                  })),
                  {
                    key: 'rev',
                    label: t('revenue'),
                    align: 'right',
                    render: (m) => fmtMoney(m.revenue, cur),
                  },
                ]}
              />
            </Card>
          </>
        );
      }}
    </ReportPage>
  );
}
