// Cohorts by first-purchase month: a heat map of the share still buying (or the cumulative
// revenue per customer, the historical LTV curve) by months since the first purchase.
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { Card } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { useReport } from '../state/data';
import { setParams, useLocation } from '../state/url';
import { Chart } from '../charts/Chart';
import { fmtCompactMoney, fmtMoney, fmtPct } from '../format';

type CohortMetric = 'active_share' | 'cumulative_revenue_per_customer';

export function CohortsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const metric: CohortMetric =
    query.get('m') === 'ltv' ? 'cumulative_revenue_per_customer' : 'active_share';
  const loaded = useReport();
  const r = loaded.data;
  const option = useMemo(() => {
    if (!r) return null;
    const cohorts = r.cohorts;
    const maxAge = Math.max(0, ...cohorts.map((c) => c.cells.length - 1));
    let max = 0;
    for (const c of cohorts) {
      for (const cell of c.cells) {
        // Age 0 is 100 % active by definition; the scale shows what happens after it.
        const v = cell[metric];
        if (v !== null && !(metric === 'active_share' && cell.age === 0)) max = Math.max(max, v);
      }
    }
    // Dark cells get white labels.
    const data = cohorts.flatMap((c, y) =>
      c.cells.map((cell) => {
        const v = cell[metric];
        return {
          value: [cell.age, y, v] as [number, number, number | null],
          label: { color: v !== null && v > (max || 1) * 0.6 ? '#ffffff' : '#1f2d38' },
        };
      }),
    );
    const fmt = (v: number) =>
      metric === 'active_share' ? fmtPct(v, 0) : fmtCompactMoney(v, lang, r.business.currency);
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number | null] }) =>
          `${cohorts[p.value[1]].cohort} · +${p.value[0]}<br/><b>${p.value[2] === null ? '—' : metric === 'active_share' ? fmtPct(p.value[2]) : fmtMoney(p.value[2], r.business.currency)}</b> (${cohorts[p.value[1]].customers})`,
      },
      grid: { left: 72, right: 24, top: 16, bottom: 72 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: maxAge + 1 }, (_, k) => String(k)),
        name: t('age_months'),
        nameLocation: 'middle',
        nameGap: 26,
        splitArea: { show: false },
      },
      yAxis: { type: 'category', data: cohorts.map((c) => c.cohort), inverse: true },
      visualMap: {
        min: 0,
        max: max || 1,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 180,
        itemWidth: 10,
        inRange: { color: ['#f4f7f9', '#bcd3df', '#6e9bb4', '#2c5e7a', '#173b50'] },
        formatter: (v: number) => fmt(v),
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: {
            show: cohorts.length <= 24 && maxAge <= 24,
            fontSize: 9,
            formatter: (p: { value: [number, number, number | null] }) =>
              p.value[2] === null
                ? ''
                : metric === 'active_share'
                  ? Math.round(p.value[2] * 100)
                  : fmtCompactMoney(p.value[2], lang, r.business.currency).replace('¥', ''),
          },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    };
  }, [r, metric, lang]);
  return (
    <ReportPage
      title={t('page_cohorts')}
      loaded={loaded}
      lead={() => t('cohorts_heat')}
      right={
        <div className="segmented" role="group" aria-label={t('page_cohorts')}>
          <button
            className={metric === 'active_share' ? 'on' : ''}
            aria-pressed={metric === 'active_share'}
            onClick={() => setParams({ m: null })}
          >
            {t('active_share')}
          </button>
          <button
            className={metric !== 'active_share' ? 'on' : ''}
            aria-pressed={metric !== 'active_share'}
            onClick={() => setParams({ m: 'ltv' })}
          >
            {t('cumulative_ltv')}
          </button>
        </div>
      }
    >
      {(r) => (
        <Card>
          {option && (
            <Chart
              option={option}
              height={Math.max(360, r.cohorts.length * 22 + 100)}
              label={`${t('page_cohorts')} · ${metric === 'active_share' ? t('active_share') : t('cumulative_ltv')}`}
            />
          )}
        </Card>
      )}
    </ReportPage>
  );
}
