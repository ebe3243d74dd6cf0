// RFM grid and customer ladder, with the live segments: counts evaluated on today's data and a
// CSV export of each (analysts and admins; the export holds personal data and is logged), and
// for analysts saving a segment of their own, renaming and deleting one.
import { useMemo, useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Card, ErrorBox, Loading, Meter, Table } from '../components/ui';
import { ReportPage } from '../components/ReportPage';
import { useApi, useReport } from '../state/data';
import { can, useSession } from '../state/session';
import { ApiError, download, send } from '../api/client';
import { Chart } from '../charts/Chart';
import { COLORS } from '../charts/theme';
import { fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import type { LadderReport, RfmReport } from '@report/index.js';
import type { SegmentCount } from '../api/shapes';

export function SegmentsPage() {
  const { t } = useI18n();
  const loaded = useReport();
  return (
    <ReportPage title={t('page_segments')} loaded={loaded} lead={(r) => `${t('as_of')} ${r.as_of}`}>
      {(r) => {
        return (
          <>
            <Rfm rfm={r.rfm} currency={r.business.currency} />
            <Ladder ladder={r.ladder} currency={r.business.currency} />
            <LiveSegments />
          </>
        );
      }}
    </ReportPage>
  );
}

/**
 * Names the cut set the scores used (issue 14): the month-end estimate (or D's own purchasers
 * when that month end had too few) for quintiles, the settings for fixed bounds.
 */
function cutSetText(rfm: RfmReport, lang: string): string {
  const c = rfm.cut_set;
  if (rfm.method !== 'quintile') return lang === 'ja' ? '固定基準' : 'fixed bounds';
  if (!c || c.customers === null) return lang === 'ja' ? '五分位' : 'quintiles';
  const n = fmtInt(c.customers);
  return lang === 'ja'
    ? `${c.estimated_as_of}時点の購入者${n}人の五分位`
    : `quintiles of ${n} purchasers as of ${c.estimated_as_of}`;
}

/** The R×F grid as a heat map and the named segments with their share of customers and revenue. */
function Rfm({ rfm, currency }: { rfm: RfmReport; currency: string }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => {
    const max = Math.max(1, ...rfm.grid.map((c) => c.customers));
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `R${5 - p.value[1]} × F${p.value[0] + 1}: <b>${fmtInt(p.value[2])}</b>`,
      },
      grid: { left: 56, right: 16, top: 10, bottom: 44 },
      xAxis: {
        type: 'category',
        data: ['1', '2', '3', '4', '5'],
        name: t('frequency'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: {
        type: 'category',
        data: ['5', '4', '3', '2', '1'],
        name: t('recency'),
        nameLocation: 'middle',
        nameGap: 34,
        inverse: true,
      },
      visualMap: {
        show: false,
        min: 0,
        max,
        inRange: { color: ['#f4f7f9', '#9ebfd0', '#2c5e7a'] },
      },
      series: [
        {
          type: 'heatmap',
          data: rfm.grid.map((c) => [c.f_score - 1, 5 - c.r_score, c.customers]),
          label: {
            show: true,
            formatter: (p: { value: [number, number, number] }) => fmtInt(p.value[2]),
            fontSize: 12,
            color: '#10212c',
          },
          itemStyle: { borderColor: '#fff', borderWidth: 3, borderRadius: 6 },
        },
      ],
    };
  }, [rfm, lang]);
  return (
    <div className="grid-1-2">
      <Card
        title={t('rfm_grid')}
        sub={`${t('n_people', { n: fmtInt(rfm.customers) })} · ${cutSetText(rfm, lang)}`}
      >
        <Chart option={option} height={320} label={t('rfm_grid')} />
      </Card>
      <Card title={t('segments')}>
        <Table
          dense
          testId="rfm-segments"
          rows={rfm.segments}
          columns={[
            {
              key: 'n',
              label: t('segments'),
              render: (s) => (lang === 'ja' ? s.name_ja : s.name_en),
            },
            {
              key: 'c',
              label: t('customers_n'),
              align: 'right',
              render: (s) => fmtInt(s.customers),
            },
            {
              key: 'sc',
              label: t('share'),
              width: '18%',
              render: (s) => (
                <span className="meter-cell">
                  <Meter share={s.share_customers} /> {fmtPct(s.share_customers, 0)}
                </span>
              ),
            },
            {
              key: 'r',
              label: t('revenue'),
              align: 'right',
              render: (s) => fmtMoney(s.revenue, currency),
            },
            {
              key: 'sr',
              label: t('share'),
              width: '18%',
              render: (s) => (
                <span className="meter-cell">
                  <Meter share={s.share_revenue} tone="accent" /> {fmtPct(s.share_revenue, 0)}
                </span>
              ),
            },
            { key: 'f', label: 'F', align: 'right', render: (s) => fmtNum(s.avg_f) },
          ]}
        />
      </Card>
    </div>
  );
}

/** The ladder: people at each level, conversion between levels, and each level's retention and LTV. */
function Ladder({ ladder, currency }: { ladder: LadderReport; currency: string }) {
  const { t, lang } = useI18n();
  const levels = [...ladder.levels].reverse();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 150, right: 56, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtInt(v) } },
      yAxis: {
        type: 'category',
        data: levels.map((l) => `${l.level.toFixed(1)} ${lang === 'ja' ? l.name_ja : l.name_en}`),
      },
      series: [
        {
          type: 'bar',
          barWidth: '58%',
          data: levels.map((l) => ({
            value: l.people,
            itemStyle: {
              color: l.level >= 1 ? COLORS.primary : '#9ab3c2',
              borderRadius: [0, 4, 4, 0],
            },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => fmtInt(p.value),
            color: '#36424d',
          },
        },
      ],
    }),
    [ladder, lang],
  );
  const steps = [...new Set(ladder.conversion_totals.map((c) => c.step))];
  return (
    <div className="grid-2">
      <Card
        title={t('ladder_funnel')}
        sub={`${t('n_people', { n: fmtInt(ladder.customers) })} · ${t('n_prospects', { n: fmtInt(ladder.prospects) })}`}
      >
        <Chart
          option={option}
          height={Math.max(220, levels.length * 34 + 40)}
          label={t('ladder_funnel')}
        />
      </Card>
      <Card title={t('conversion')}>
        <Table
          dense
          rows={steps}
          columns={[
            {
              key: 's',
              label: '',
              render: (s) => s.replace('f1_to_f2', 'F1 → F2').replace('f2_to_loyal', 'F2 → 1.2'),
            },
            ...ladder.horizons_days.map((h) => ({
              key: `h${h}`,
              label: t('within_days', { n: h }),
              align: 'right' as const,
              render: (s: string) =>
                fmtPct(
                  ladder.conversion_totals.find((c) => c.step === s && c.horizon_days === h)
                    ?.rate ?? null,
                ),
            })),
            {
              key: 'md',
              label: t('median_days'),
              align: 'right',
              render: (s) => fmtInt(ladder.median_days[s as 'f1_to_f2'] ?? null),
            },
          ]}
        />
        <h3 className="sub-title">{t('level_stats')}</h3>
        <Table
          dense
          rows={ladder.level_stats}
          columns={[
            { key: 'l', label: t('ladder_level'), render: (s) => s.level.toFixed(1) },
            {
              key: 'a',
              label: t('active_customers'),
              align: 'right',
              render: (s) => fmtInt(s.active_customers),
            },
            {
              key: 'r',
              label: t('retention_rate'),
              align: 'right',
              render: (s) => fmtPct(s.retention_rate),
            },
            {
              key: 'v',
              label: t('annual_ltv'),
              align: 'right',
              render: (s) => fmtMoney(s.annual_ltv, currency),
            },
          ]}
        />
      </Card>
    </div>
  );
}

/** Every segment with today's count and, for analysts and admins, a CSV export. */
function LiveSegments() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const segs = useApi<{ as_of: string; segments: SegmentCount[] }>('/api/segments');
  const [encoding, setEncoding] = useState<'utf8-bom' | 'sjis'>('utf8-bom');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const errorText = (e: unknown) =>
    e instanceof ApiError ? (lang === 'ja' ? e.messageJa : e.message) : String(e);
  // Renaming and deleting change only the saved definition; the list is read again after.
  const rename = async (name: string) => {
    const to = window.prompt(t('segment_rename_to', { name }), name)?.trim();
    if (!to || to === name) return;
    setStatus(null);
    try {
      await send('POST', `/api/segments/${encodeURIComponent(name)}/rename`, { name: to });
      setStatus(t('segment_renamed', { name, to }));
      segs.reload();
    } catch (e) {
      setStatus(errorText(e));
    }
  };
  const remove = async (name: string) => {
    if (!window.confirm(t('segment_delete_confirm', { name }))) return;
    setStatus(null);
    try {
      await send('DELETE', `/api/segments/${encodeURIComponent(name)}`);
      setStatus(t('segment_deleted', { name }));
      segs.reload();
    } catch (e) {
      setStatus(errorText(e));
    }
  };
  const exportOne = async (name: string) => {
    setBusy(name);
    setStatus(null);
    try {
      const r = await download(
        `/api/segments/${encodeURIComponent(name)}/export?encoding=${encoding}&lang=${lang}`,
        `${name}.csv`,
      );
      setStatus(t('exported', { name: r.name }));
    } catch (e) {
      setStatus(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const mayExport = can(me, 'analyst');
  return (
    <Card
      title={t('segments')}
      sub={segs.data ? `${t('as_of')} ${segs.data.as_of}` : undefined}
      actions={
        mayExport && (
          <label className="inline">
            {t('encoding')}{' '}
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf8-bom')}>
              <option value="utf8-bom">UTF-8 (BOM)</option>
              <option value="sjis">Shift_JIS</option>
            </select>
          </label>
        )
      }
    >
      {status && (
        <div className="notice" role="status" data-testid="export-status">
          {status}
        </div>
      )}
      {segs.error ? (
        <ErrorBox error={segs.error} onRetry={segs.reload} />
      ) : !segs.data ? (
        <Loading />
      ) : (
        <Table
          dense
          testId="live-segments"
          rows={segs.data.segments}
          columns={[
            {
              // A built-in segment's id (rfm:lost) is a code: its description names it. A saved
              // segment's name is the user's own word.
              key: 'd',
              label: t('segments'),
              render: (s) => (
                <>
                  {s.kind === 'saved' && <b className="seg-name">{s.name} </b>}
                  {lang === 'ja' ? s.description_ja : s.description_en}
                  {/* Customer value missing for the date: the reason, not a count of 0. */}
                  {s.unavailable && (
                    <div className="muted small" data-unavailable={s.name}>
                      {lang === 'ja' ? s.unavailable.message_ja : s.unavailable.message_en}
                    </div>
                  )}
                </>
              ),
            },
            {
              key: 'c',
              label: t('customers_n'),
              align: 'right',
              render: (s) => (s.count === null ? '—' : fmtInt(s.count)),
            },
            ...(mayExport
              ? [
                  {
                    key: 'x',
                    label: '',
                    align: 'right' as const,
                    render: (s: SegmentCount) => (
                      <>
                        {s.kind === 'saved' && (
                          <>
                            <button
                              className="btn small ghost"
                              onClick={() => void rename(s.name)}
                              data-rename={s.name}
                            >
                              {t('rename')}
                            </button>{' '}
                            <button
                              className="btn small ghost"
                              onClick={() => void remove(s.name)}
                              data-delete={s.name}
                            >
                              {t('delete')}
                            </button>{' '}
                          </>
                        )}
                        <button
                          className="btn small ghost"
                          disabled={busy !== null || !s.count}
                          onClick={() => void exportOne(s.name)}
                          data-export={s.name}
                        >
                          {busy === s.name ? t('exporting') : t('export_csv')}
                        </button>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {mayExport && segs.data && (
        <NewSegment
          segments={segs.data.segments}
          onSaved={(name) => {
            setStatus(t('segment_saved', { name }));
            segs.reload();
          }}
        />
      )}
    </Card>
  );
}

// The filters the form offers, as the API names them (min_<key>, max_<key>), with their words.
const RANGE_FILTERS: { key: string; label: MessageKey; step: string }[] = [
  { key: 'r_days', label: 'seg_f_r_days', step: '1' },
  { key: 'f', label: 'seg_f_f', step: '1' },
  { key: 'm', label: 'seg_f_m', step: 'any' },
  { key: 'p_alive', label: 'seg_f_p_alive', step: 'any' },
  { key: 'expected_365', label: 'seg_f_expected_365', step: 'any' },
  { key: 'clv_365', label: 'seg_f_clv_365', step: 'any' },
];
const LIST_FILTERS: { key: string; label: MessageKey }[] = [
  { key: 'prefecture', label: 'seg_f_prefecture' },
  { key: 'acquisition_channel', label: 'seg_f_channel' },
];
const DESCRIPTIONS: { key: 'description_ja' | 'description_en'; label: MessageKey }[] = [
  { key: 'description_ja', label: 'segment_description_ja' },
  { key: 'description_en', label: 'segment_description_en' },
];

/**
 * Saves a segment of one's own: bases (a union) and filters. The server validates the
 * definition; a name already in the list is refused here, because saving again replaces.
 */
function NewSegment({
  segments,
  onSaved,
}: {
  segments: SegmentCount[];
  onSaved: (name: string) => void;
}) {
  const { t, lang } = useI18n();
  const [name, setName] = useState('');
  const [bases, setBases] = useState<string[]>(['all']);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (k: string, v: string) => setValues((o) => ({ ...o, [k]: v }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const n = name.trim();
    if (segments.some((s) => s.name === n)) return setError(t('segment_name_taken', { name: n }));
    const where: Record<string, number | string[]> = {};
    for (const f of RANGE_FILTERS)
      for (const side of ['min', 'max']) {
        const v = (values[`${side}_${f.key}`] ?? '').replace(/[,_\s]/g, '');
        if (v) where[`${side}_${f.key}`] = Number(v);
      }
    for (const f of LIST_FILTERS) {
      const list = (values[f.key] ?? '')
        .split(/[,、]/)
        .map((v) => v.trim())
        .filter(Boolean);
      if (list.length) where[f.key] = list;
    }
    const descJa = (values.description_ja ?? '').trim();
    const descEn = (values.description_en ?? '').trim();
    try {
      await send('PUT', `/api/segments/${encodeURIComponent(n)}`, {
        from: bases,
        where,
        ...(descJa ? { description_ja: descJa } : {}),
        ...(descEn ? { description_en: descEn } : {}),
      });
      setName('');
      setValues({});
      setBases(['all']);
      onSaved(n);
    } catch (err) {
      setError(
        err instanceof ApiError ? (lang === 'ja' ? err.messageJa : err.message) : String(err),
      );
    }
  };
  const builtins = segments.filter((s) => s.kind === 'builtin');
  return (
    <form className="form segment-form" onSubmit={save} data-testid="new-segment">
      <h3>{t('segment_new')}</h3>
      {error && <div className="form-error">{error}</div>}
      <div className="form-grid">
        <label>
          <span>{t('segment_name')}</span>
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={64}
            required
          />
        </label>
        <label>
          <span>{t('segment_bases')}</span>
          <select
            name="from"
            multiple
            size={6}
            value={bases}
            onChange={(e) => setBases([...e.target.selectedOptions].map((o) => o.value))}
            required
          >
            <option value="all">{t('segment_everyone')}</option>
            {builtins.map((s) => (
              <option key={s.name} value={s.name}>
                {lang === 'ja' ? s.title_ja : s.title_en}
              </option>
            ))}
          </select>
        </label>
        {RANGE_FILTERS.map((f) => (
          <label key={f.key}>
            <span>{t(f.label)}</span>
            <span className="range">
              {(['min', 'max'] as const).map((side) => (
                <input
                  key={side}
                  name={`${side}_${f.key}`}
                  type="number"
                  min="0"
                  step={f.step}
                  aria-label={`${t(f.label)} ${t(side === 'min' ? 'seg_min' : 'seg_max')}`}
                  placeholder={t(side === 'min' ? 'seg_min' : 'seg_max')}
                  value={values[`${side}_${f.key}`] ?? ''}
                  onChange={(e) => set(`${side}_${f.key}`, e.target.value)}
                />
              ))}
            </span>
          </label>
        ))}
        {[...LIST_FILTERS, ...DESCRIPTIONS].map((f) => (
          <label key={f.key}>
            <span>{t(f.label)}</span>
            <input
              name={f.key}
              value={values[f.key] ?? ''}
              onChange={(e) => set(f.key, e.target.value)}
            />
          </label>
        ))}
      </div>
      <div>
        <button className="btn primary" type="submit">
          {t('segment_save')}
        </button>
      </div>
    </form>
  );
}
